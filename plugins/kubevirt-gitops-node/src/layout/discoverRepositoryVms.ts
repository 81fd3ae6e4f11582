/*
 * The VMs of a whole GitOps repository (path → text), found from what is
 * there, for the catalog:
 *
 * 1. every ApplicationSet document whose Application source path
 *    (`spec.template.spec.source.path` or `spec.template.spec.sources[].path`)
 *    has exactly one `{{...}}` placeholder, as its whole last segment
 *    (`applicationsets/demo-vm/kustomize/{{metadata.labels.env}}`): the
 *    placeholder selects the environment's overlay;
 * 2. its VM folder: the folder holding the ApplicationSet file when the
 *    path is under it (the seed's `applicationsets/demo-vm`), else the parent
 *    of the kustomize root (`vms/web` for `vms/web/overlays/{{env}}`; the
 *    kustomize root itself when that parent would be the repository root);
 * 3. its VMs: the `kind: VirtualMachine` documents of the YAML files under
 *    that folder that some kustomization lists in its `resources` (an
 *    overlay's patch files, also VirtualMachine documents, are not);
 * 4. a folder with a `catalog-info.yaml` (or `.yml`) is left out: its VM is
 *    registered from that file (VMs written by the kubevirt:vm:pull-request
 *    action are).
 *
 * A VM name found in two folders is kept once (the first folder in path
 * order) and named in a warning: catalog names are unique.
 */
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  isRemoteReference,
  KUSTOMIZATION_FILE_NAMES,
} from '../kustomize/kustomizationFiles';

/**
 * One VM found by {@link discoverRepositoryVms}.
 *
 * @public
 */
export interface RepositoryVm {
  /** The VM's `metadata.name` in its manifest (before any namePrefix). */
  name: string;
  /** The VM's folder (the entity's `kubevirt-gitops.io/gitops-path`). */
  folder: string;
  /** `metadata.name` of the ApplicationSet that deploys it. */
  applicationSet: string;
  /** The file holding that ApplicationSet. */
  applicationSetFile: string;
  /** The Application source path, as written. */
  sourcePath: string;
  /** The environment's folder with `{env}` for the placeholder. */
  environmentDirTemplate: string;
  /** The file holding the VirtualMachine document. */
  manifestFile: string;
}

/**
 * The result of {@link discoverRepositoryVms}.
 *
 * @public
 */
export interface RepositoryVmDiscovery {
  /** Sorted by folder, then name. */
  vms: RepositoryVm[];
  /** VM folders left out because they have a catalog-info.yaml. */
  registeredFolders: string[];
  /** What was left out because it clashes (for a warning in the log). */
  warnings: string[];
}

/** `{{env}}`, `{{ .values.env }}`, `{{- metadata.labels.env -}}`. */
const PLACEHOLDER = /\{\{-?\s*[^{}]+?\s*-?\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{-?\s*[^{}]+?\s*-?\}\}$/;

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown): JsonRecord {
  return isRecord(value) ? value : {};
}

function isKustomizationFile(file: string): boolean {
  return (KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(
    path.posix.basename(file),
  );
}

/** The documents of a YAML file that parse (Helm templates and the like do not). */
function documentsOf(text: string): JsonRecord[] {
  const values: JsonRecord[] = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) continue;
    try {
      const value: unknown = document.toJS();
      if (isRecord(value)) values.push(value);
    } catch {
      // an alias loop or the like: not a manifest this reads
    }
  }
  return values;
}

function sourcePaths(applicationSet: JsonRecord): string[] {
  const templateSpec = record(
    record(record(applicationSet.spec).template).spec,
  );
  const sources = [
    templateSpec.source,
    ...(Array.isArray(templateSpec.sources) ? templateSpec.sources : []),
  ];
  return sources.flatMap(source =>
    isRecord(source) && typeof source.path === 'string' ? [source.path] : [],
  );
}

function normalizePath(value: string): string {
  const normalized = path.posix.normalize(
    value
      .trim()
      .replace(/^\.?\/+/, '')
      .replace(/\/+$/, ''),
  );
  return normalized === '.' ? '' : normalized;
}

function dirOf(file: string): string {
  const dir = path.posix.dirname(file);
  return dir === '.' ? '' : dir;
}

/** The environment folder template and VM folder of a source path, if it has the shape. */
function vmFolderOf(
  applicationSetFile: string,
  sourcePath: string,
): { folder: string; environmentDirTemplate: string } | undefined {
  const normalized = normalizePath(sourcePath);
  if ((normalized.match(PLACEHOLDER) ?? []).length !== 1) return undefined;
  const segments = normalized.split('/');
  const last = segments.pop() ?? '';
  if (!WHOLE_PLACEHOLDER.test(last)) return undefined;
  const kustomizeRoot = segments.join('/');
  if (kustomizeRoot === '' || kustomizeRoot.startsWith('..')) return undefined;
  const environmentDirTemplate = `${kustomizeRoot}/{env}`;
  const applicationSetDir = dirOf(applicationSetFile);
  if (
    applicationSetDir !== '' &&
    normalized.startsWith(`${applicationSetDir}/`)
  ) {
    return { folder: applicationSetDir, environmentDirTemplate };
  }
  const parent = dirOf(kustomizeRoot);
  return {
    folder: parent === '' ? kustomizeRoot : parent,
    environmentDirTemplate,
  };
}

interface FolderClaim {
  folder: string;
  applicationSet: string;
  applicationSetFile: string;
  sourcePath: string;
  environmentDirTemplate: string;
}

/** The files some kustomization under `folder` lists in `resources`, under `folder`. */
function resourceFiles(
  folder: string,
  documents: (file: string) => JsonRecord[],
  files: ReadonlyMap<string, string>,
): string[] {
  const listed = new Set<string>();
  for (const file of files.keys()) {
    if (!file.startsWith(`${folder}/`) || !isKustomizationFile(file)) continue;
    const kustomization = documents(file)[0];
    const resources = kustomization?.resources;
    if (!Array.isArray(resources)) continue;
    for (const entry of resources) {
      if (typeof entry !== 'string' || isRemoteReference(entry)) continue;
      const resolved = normalizePath(path.posix.join(dirOf(file), entry));
      if (resolved.startsWith(`${folder}/`) && files.has(resolved))
        listed.add(resolved);
    }
  }
  return [...listed].sort();
}

/**
 * The VMs of a repository, from its files (path → text). `paths` is every
 * file of the repository, to see catalog-info.yaml files that were not
 * read; the keys of `files` by default.
 *
 * @public
 */
export function discoverRepositoryVms(
  files: ReadonlyMap<string, string>,
  paths: Iterable<string> = files.keys(),
): RepositoryVmDiscovery {
  const allPaths = new Set(paths);
  for (const file of files.keys()) allPaths.add(file);
  const parsed = new Map<string, JsonRecord[]>();
  const documents = (file: string): JsonRecord[] => {
    let found = parsed.get(file);
    if (!found) {
      found = documentsOf(files.get(file) ?? '');
      parsed.set(file, found);
    }
    return found;
  };

  const claims = new Map<string, FolderClaim>();
  const sortedFiles = [...files.keys()].sort();
  for (const file of sortedFiles) {
    if (!/ApplicationSet/.test(files.get(file) ?? '')) continue;
    for (const value of documents(file)) {
      if (value.kind !== 'ApplicationSet') continue;
      const name = record(value.metadata).name;
      if (typeof name !== 'string' || name === '') continue;
      for (const sourcePath of sourcePaths(value)) {
        const shape = vmFolderOf(file, sourcePath);
        if (!shape || claims.has(shape.folder)) continue;
        claims.set(shape.folder, {
          ...shape,
          applicationSet: name,
          applicationSetFile: file,
          sourcePath,
        });
      }
    }
  }

  const registeredFolders: string[] = [];
  const found: RepositoryVm[] = [];
  for (const claim of [...claims.values()].sort((a, b) =>
    a.folder.localeCompare(b.folder),
  )) {
    if (
      allPaths.has(`${claim.folder}/catalog-info.yaml`) ||
      allPaths.has(`${claim.folder}/catalog-info.yml`)
    ) {
      registeredFolders.push(claim.folder);
      continue;
    }
    const names = new Set<string>();
    for (const file of resourceFiles(claim.folder, documents, files)) {
      if (!/VirtualMachine/.test(files.get(file) ?? '')) continue;
      for (const value of documents(file)) {
        if (value.kind !== 'VirtualMachine') continue;
        if (!String(value.apiVersion ?? '').startsWith('kubevirt.io/'))
          continue;
        const name = record(value.metadata).name;
        if (typeof name !== 'string' || name === '' || names.has(name))
          continue;
        names.add(name);
        found.push({
          name,
          folder: claim.folder,
          applicationSet: claim.applicationSet,
          applicationSetFile: claim.applicationSetFile,
          sourcePath: claim.sourcePath,
          environmentDirTemplate: claim.environmentDirTemplate,
          manifestFile: file,
        });
      }
    }
  }

  const warnings: string[] = [];
  const byName = new Map<string, RepositoryVm>();
  const vms: RepositoryVm[] = [];
  for (const vm of found.sort(
    (a, b) => a.folder.localeCompare(b.folder) || a.name.localeCompare(b.name),
  )) {
    const first = byName.get(vm.name);
    if (first) {
      warnings.push(
        `VM ${vm.name} is in ${first.folder} and in ${vm.folder}; only the one in ${first.folder} is in the catalog (entity names are unique): rename one of them`,
      );
      continue;
    }
    byName.set(vm.name, vm);
    vms.push(vm);
  }
  return { vms, registeredFolders, warnings };
}
