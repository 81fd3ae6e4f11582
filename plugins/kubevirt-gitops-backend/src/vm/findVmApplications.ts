/*
 * Which Applications belong to an entity's VM, looked up in the snapshot
 * from its annotations (ApplicationSet, or label selector). Nothing from the
 * annotations is forwarded upstream.
 */
import { InputError } from '@backstage/errors';
import {
  ARGOCD_APP_SELECTOR_ANNOTATION,
  ARGOCD_INSTANCE_ANNOTATION,
  defaultAppSelector,
  VM_LABEL,
  type VmAnnotations,
} from '@internal/plugin-kubevirt-gitops-common';
import { snapshotVmState, uncertainty } from '../fleet/approximateVmState';
import type {
  FleetIndex,
  IndexedApp,
  IndexedApplicationSet,
} from '../fleet/fleetIndex';
import type { LabelRequirement } from '../fleet/snapshotTypes';
import {
  matchesRequirements,
  parseLabelSelector,
} from '../fleet/labelSelector';

/** The ArgoCD instances to look in: the annotated one, or every configured one. */
export function selectInstances(
  annotations: VmAnnotations,
  configured: readonly string[],
): string[] {
  if (!annotations.argocdInstance) {
    return [...configured];
  }
  if (!configured.includes(annotations.argocdInstance)) {
    throw new InputError(
      `The annotation ${ARGOCD_INSTANCE_ANNOTATION} names "${
        annotations.argocdInstance
      }", which is not configured; use one of: ${
        configured.join(', ') || '(none configured)'
      }`,
    );
  }
  return [annotations.argocdInstance];
}

function parseAnnotationSelector(selector: string): LabelRequirement[] {
  try {
    return parseLabelSelector(selector);
  } catch (error) {
    throw new InputError(
      `The annotation ${ARGOCD_APP_SELECTOR_ANNOTATION} is not a label selector: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}

/** `kubevirt-gitops.io/vm=<name>`, the default selector: answered from the index. */
const SIMPLE_VM_SELECTOR = new RegExp(
  `^${VM_LABEL.replace(/[./]/g, '\\$&')}=([^,=!\\s]+)$`,
);

function bySelector(index: FleetIndex, selector: string): IndexedApp[] {
  const simple = SIMPLE_VM_SELECTOR.exec(selector.trim());
  if (simple) {
    return index.byVmLabel.get(simple[1]) ?? [];
  }
  const requirements = parseAnnotationSelector(selector);
  return index.allApps.filter(({ app }) =>
    matchesRequirements(requirements, app.labels),
  );
}

/**
 * The ApplicationSets an annotation names: `namespace/name`, or a bare name
 * in any namespace. Keys are those of the index (instance, namespace, name),
 * also for ApplicationSets the list did not return but whose Applications
 * name them as owner.
 */
export function findVmApplicationSets(
  index: FleetIndex,
  annotation: string,
  instances: readonly string[],
): { keys: string[]; found: IndexedApplicationSet[] } {
  const slash = annotation.indexOf('/');
  const namespace = slash >= 0 ? annotation.slice(0, slash) : undefined;
  const name = slash >= 0 ? annotation.slice(slash + 1) : annotation;
  const matches = (key: string) => {
    const [instance, keyNamespace, ...rest] = key.split('/');
    return (
      instances.includes(instance) &&
      rest.join('/') === name &&
      (namespace === undefined || keyNamespace === namespace)
    );
  };
  const keys = new Set<string>();
  for (const key of index.applicationSets.keys()) {
    if (matches(key)) keys.add(key);
  }
  for (const key of index.byApplicationSet.keys()) {
    if (matches(key)) keys.add(key);
  }
  const sorted = [...keys].sort();
  return {
    keys: sorted,
    found: sorted.flatMap(key => {
      const found = index.applicationSets.get(key);
      return found ? [found] : [];
    }),
  };
}

/** The VM's Applications in the given instances, sorted by cluster then name. */
export function findVmApplications(
  index: FleetIndex,
  annotations: VmAnnotations,
  instances: readonly string[],
): IndexedApp[] {
  const candidates = annotations.applicationSet
    ? findVmApplicationSets(
        index,
        annotations.applicationSet,
        instances,
      ).keys.flatMap(key => index.byApplicationSet.get(key) ?? [])
    : bySelector(
        index,
        annotations.appSelector ?? defaultAppSelector(annotations.vmName),
      );
  return candidates
    .filter(entry => instances.includes(entry.instance))
    .sort(
      (a, b) =>
        (a.app.cluster ?? '').localeCompare(b.app.cluster ?? '') ||
        a.app.name.localeCompare(b.app.name),
    );
}

/**
 * The Applications whose detail is loaded, at most `limit`, chosen by how
 * uncertain their state is from the snapshot alone (not by how healthy they
 * look): approximate states first, the ArgoCD words that cover the most VM
 * states before the others ("Healthy" may be a VM stopped as declared, so
 * it is not skipped), exact ones after, and VMs on clusters OCM does not
 * call available last (their state is Unknown whatever the detail says);
 * cluster order within each rank.
 */
export function pickForDetail(
  apps: readonly IndexedApp[],
  index: FleetIndex,
  limit: number,
): Set<IndexedApp> {
  const score = (entry: IndexedApp) =>
    index.clusters.get(entry.app.cluster ?? '')?.cluster.availability !==
    'available'
      ? -1
      : uncertainty(snapshotVmState(entry.app));
  const scored = apps.map((entry, position) => ({
    entry,
    position,
    score: score(entry),
  }));
  scored.sort((a, b) => b.score - a.score || a.position - b.position);
  return new Set(scored.slice(0, limit).map(({ entry }) => entry));
}
