/*
 * The layout of a VM folder that this product did not write (the seed's
 * `applicationsets/demo-vm`, or any repository users already have), found
 * from what is there:
 *
 * - the folder's ApplicationSet: the path template of its Applications
 *   (`.../kustomize/{{metadata.labels.env}}` in a clusters generator,
 *   `{{values.env}}`, `{{path.basename}}`, `{{.env}}`, ...): the placeholder
 *   is the environment;
 * - otherwise its kustomizations: the overlays (kustomizations no other one
 *   includes) side by side in one folder, each named after its environment.
 */
import path from 'node:path';
import { InputError } from '@backstage/errors';
import {
  checkDnsLabel,
  type GitopsLayout,
} from '@internal/plugin-kubevirt-gitops-common';
import { parseAllDocuments } from 'yaml';
import {
  buildableKustomizationDirs,
  kustomizationFileIn,
} from '../kustomize/kustomizationFiles';
import type {
  DiscoveredLayout,
  VmPaths,
} from '@internal/plugin-kubevirt-gitops-common';

const PLACEHOLDER = /\{\{-?\s*[^{}]+?\s*-?\}\}/g;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sourcePaths(applicationSet: Record<string, unknown>): string[] {
  const spec = isRecord(applicationSet.spec) ? applicationSet.spec : {};
  const template = isRecord(spec.template) ? spec.template : {};
  const templateSpec = isRecord(template.spec) ? template.spec : {};
  const sources = [
    templateSpec.source,
    ...(Array.isArray(templateSpec.sources) ? templateSpec.sources : []),
  ];
  return sources.flatMap(source =>
    isRecord(source) && typeof source.path === 'string' ? [source.path] : [],
  );
}

/** The ApplicationSets of the folder whose Applications render one of its overlays. */
function fromApplicationSets(
  vmDir: string,
  files: ReadonlyMap<string, string>,
): DiscoveredLayout | undefined {
  for (const [file, text] of [...files].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (!/\.ya?ml$/.test(file)) continue;
    const documents = parseAllDocuments(text);
    if (!Array.isArray(documents)) continue;
    for (const document of documents) {
      const value = document.toJS() as unknown;
      if (!isRecord(value) || value.kind !== 'ApplicationSet') continue;
      for (const sourcePath of sourcePaths(value)) {
        const normalized = sourcePath.replace(/^\.\//, '').replace(/\/$/, '');
        const placeholders = normalized.match(PLACEHOLDER) ?? [];
        if (placeholders.length !== 1 || !normalized.startsWith(`${vmDir}/`))
          continue;
        const template = normalized.replace(PLACEHOLDER, '{env}');
        if (!template.endsWith('/{env}')) continue;
        return {
          source: `${file} (ApplicationSet ${String(
            isRecord(value.metadata) ? value.metadata.name : '',
          )}, path ${sourcePath})`,
          environmentDirTemplate: template,
        };
      }
    }
  }
  return undefined;
}

function includedDirs(
  files: ReadonlyMap<string, string>,
  dir: string,
): string[] {
  const file = kustomizationFileIn(files, dir);
  const text = file ? files.get(file) : undefined;
  if (!text) return [];
  const documents = parseAllDocuments(text);
  const value = Array.isArray(documents)
    ? (documents[0]?.toJS() as unknown)
    : undefined;
  if (!isRecord(value)) return [];
  return ['resources', 'bases', 'components']
    .flatMap(key =>
      Array.isArray(value[key]) ? (value[key] as unknown[]) : [],
    )
    .filter((entry): entry is string => typeof entry === 'string')
    .map(entry => path.posix.normalize(path.posix.join(dir, entry)));
}

/** Overlays side by side: kustomizations no other one includes, in one parent folder. */
function fromKustomizations(
  vmDir: string,
  files: ReadonlyMap<string, string>,
): DiscoveredLayout | undefined {
  const dirs = buildableKustomizationDirs(files).filter(dir =>
    dir.startsWith(`${vmDir}/`),
  );
  const included = new Set(dirs.flatMap(dir => includedDirs(files, dir)));
  const overlays = dirs.filter(
    dir => !included.has(dir) && !checkDnsLabel(path.posix.basename(dir)),
  );
  const parents = [...new Set(overlays.map(dir => path.posix.dirname(dir)))];
  if (overlays.length === 0 || parents.length !== 1) return undefined;
  return {
    source: `the overlays ${overlays.join(
      ', ',
    )} (no ApplicationSet in the folder names their path)`,
    environmentDirTemplate: `${parents[0]}/{env}`,
  };
}

/** The layout of the VM folder `vmDir`, or InputError saying what was looked for. */
export function discoverVmLayout(
  vmDir: string,
  files: ReadonlyMap<string, string>,
): DiscoveredLayout {
  const found =
    fromApplicationSets(vmDir, files) ?? fromKustomizations(vmDir, files);
  if (!found) {
    throw new InputError(
      `Cannot tell the environments of the VM in ${vmDir}: no ApplicationSet in the folder has an Application path with one placeholder under ${vmDir}/ (such as ${vmDir}/kustomize/{{metadata.labels.env}}), and its kustomizations are not overlays side by side in one folder named after their environments. Add such an ApplicationSet, or move the overlays to <folder>/<environment>/.`,
    );
  }
  return found;
}

/** A VM's paths in a discovered layout. */
export function discoveredVmPaths(
  layout: GitopsLayout,
  vmDir: string,
  discovered: DiscoveredLayout,
  files: ReadonlyMap<string, string>,
): VmPaths {
  const environmentDir = (environment: string) => {
    const problem = checkDnsLabel(environment);
    if (problem)
      throw new InputError(`environment "${environment}" ${problem}`);
    return discovered.environmentDirTemplate.replace('{env}', environment);
  };
  const kustomizeRoot = path.posix.dirname(discovered.environmentDirTemplate);
  const baseDir = `${kustomizeRoot}/base`;
  const applicationSetFile = [...files.keys()].find(file =>
    discovered.source.startsWith(`${file} `),
  );
  return {
    layout,
    vmDir,
    baseDir,
    kustomizeRoot: vmDir,
    virtualMachineFile: `${baseDir}/virtualmachine.yaml`,
    baseKustomizationFile: `${baseDir}/kustomization.yaml`,
    environmentDir,
    environmentKustomizationFile: environment =>
      kustomizationFileIn(files, environmentDir(environment)) ??
      `${environmentDir(environment)}/kustomization.yaml`,
    applicationSetFile,
    catalogInfoFile: `${vmDir}/catalog-info.yaml`,
    discovered,
  };
}
