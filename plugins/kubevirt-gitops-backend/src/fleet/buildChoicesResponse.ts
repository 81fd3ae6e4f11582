/*
 * The `GET /choices` answer (pure): what the VM templates offer instead of
 * fixed enums in `template.yaml`.
 *
 * Sizes are the KubeVirt common instancetypes (the only ones a request may
 * name: the action resolves their vCPUs and memory to check the limits),
 * each with the environments whose limits it exceeds and the clusters where
 * an ArgoCD Application manages a `VirtualMachineClusterInstancetype` of
 * that name. Images are the configured catalog, each with the environments
 * that allow it and, for a DataSource, the clusters where an Application
 * manages that DataSource or the DataImportCron filling it (HCO names it
 * `<dataSource>-image-cron`; `status.resources` carries no spec to read the
 * cron's `managedDataSource` from). DataSources the fleet has and no catalog
 * entry names are listed so the platform team can add them.
 */
import {
  checkLimits,
  commonInstancetypeNames,
  findCommonInstancetype,
  resolveVmSize,
  type FleetImage,
  type GitopsConfig,
  type VmChoicesResponse,
  type VmImageChoice,
  type VmSizeChoice,
} from '@internal/plugin-kubevirt-gitops-common';
import type { FleetIndex } from './fleetIndex';

const CDI = 'cdi.kubevirt.io';
const INSTANCETYPE = 'instancetype.kubevirt.io';

function addTo(map: Map<string, Set<string>>, key: string, value: string) {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}

function sorted(set: Set<string> | undefined): string[] {
  return [...(set ?? [])].sort();
}

/** The DataSource a DataImportCron named `name` fills, by HCO's naming. */
function cronDataSource(name: string): string {
  return name.endsWith('-image-cron')
    ? name.slice(0, -'-image-cron'.length)
    : name;
}

/** Builds the choices answer; no gitops config means nothing to offer. */
export function buildChoicesResponse(
  index: FleetIndex,
  gitops: GitopsConfig | undefined,
  generatedAt: string,
): VmChoicesResponse {
  const environments = gitops?.environments ?? [];
  const instancetypeClusters = new Map<string, Set<string>>();
  const imageClusters = new Map<string, Set<string>>();
  const imageKinds = new Map<string, FleetImage['kind']>();
  for (const { app } of index.allApps) {
    const cluster = app.cluster ?? app.name;
    for (const resource of app.resources) {
      if (
        resource.group === INSTANCETYPE &&
        resource.kind === 'VirtualMachineClusterInstancetype'
      ) {
        addTo(instancetypeClusters, resource.name, cluster);
      } else if (
        resource.group === CDI &&
        (resource.kind === 'DataSource' || resource.kind === 'DataImportCron')
      ) {
        const name =
          resource.kind === 'DataSource'
            ? resource.name
            : cronDataSource(resource.name);
        const key = `${resource.namespace ?? ''}/${name}`;
        addTo(imageClusters, key, cluster);
        if (!imageKinds.has(key) || resource.kind === 'DataSource')
          imageKinds.set(key, resource.kind);
      }
    }
  }

  const sizes: VmSizeChoice[] = commonInstancetypeNames.flatMap(name => {
    const instancetype = findCommonInstancetype(name);
    const resolved = resolveVmSize({ instancetype: name });
    if (!instancetype || !resolved) return [];
    const exceeds = environments.flatMap(environment =>
      checkLimits(resolved, undefined, environment)
        .filter(check => !check.withinLimit)
        .map(check => ({
          environment: environment.name,
          reason: `${check.resource === 'vcpus' ? 'vCPUs' : check.resource} ${
            check.requested
          } is over ${environment.name}'s limit of ${check.limit}`,
        })),
    );
    return [
      {
        name,
        vcpus: instancetype.vcpus,
        memory: instancetype.memory,
        series: instancetype.displayName,
        class: instancetype.class,
        exceeds,
        reportedOn: sorted(instancetypeClusters.get(name)),
      },
    ];
  });

  const catalogued = new Set<string>();
  const images: VmImageChoice[] = (gitops?.images ?? []).map(image => {
    const allowedIn = environments
      .filter(
        environment =>
          !environment.allowedImages ||
          environment.allowedImages.includes(image.id),
      )
      .map(environment => environment.name);
    const choice: VmImageChoice = {
      id: image.id,
      title: image.title,
      preference: image.preference,
      source:
        image.source.kind === 'dataSource'
          ? `DataSource ${image.source.namespace}/${image.source.name}`
          : `container disk ${image.source.image}`,
      allowedIn,
    };
    if (image.source.kind === 'dataSource') {
      const key = `${image.source.namespace}/${image.source.name}`;
      catalogued.add(key);
      choice.reportedOn = sorted(imageClusters.get(key));
    }
    return choice;
  });

  const uncataloguedImages: FleetImage[] = [...imageClusters.keys()]
    .filter(key => !catalogued.has(key))
    .sort()
    .map(key => {
      const [namespace, name] = key.split('/');
      return {
        kind: imageKinds.get(key) ?? 'DataSource',
        namespace,
        name,
        clusters: sorted(imageClusters.get(key)),
      };
    });

  return {
    sizes,
    images,
    uncataloguedImages,
    errors: index.errors,
    generatedAt,
  };
}
