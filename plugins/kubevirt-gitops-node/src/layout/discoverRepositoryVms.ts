/*
 * The VMs of a whole GitOps repository (path → text), found from what is
 * there, for the catalog:
 *
 * 1. every ApplicationSet document whose Application source path
 *    (`spec.template.spec.source.path` or `spec.template.spec.sources[].path`)
 *    names the overlays of one VM, in one of these shapes:
 *    - exactly one `{{...}}` placeholder, as its whole last segment
 *      (`applicationsets/demo-vm/kustomize/{{metadata.labels.env}}`): the
 *      placeholder selects the environment's overlay;
 *    - a whole-path placeholder (`{{path}}`, `{{ path }}`, `{{.path.path}}`)
 *      filled by a git directory generator (also inside `matrix` / `merge`
 *      generators): its `directories[]` globs (`vms/*\/overlays/*`; an
 *      entry with `exclude: true` removes what it matches) are matched
 *      against the repository's folders that hold a kustomization;
 *    - placeholders filled by a list generator's `elements[]`
 *      (`vms/{{vm}}/overlays/{{env}}`, `{{ .values.env }}`, or `{{path}}`
 *      with elements carrying `path`), its last segment a placeholder;
 *    each concrete folder (`vms/web/overlays/dev`) is an environment's
 *    overlay: its parent the kustomize root, its name the environment;
 * 2. its VM folder: for a single-placeholder path, the folder holding the
 *    ApplicationSet file when the path is under it (the seed's
 *    `applicationsets/demo-vm`), else the parent of the kustomize root
 *    (`vms/web` for `vms/web/overlays/{{env}}`; the kustomize root itself
 *    when that parent would be the repository root); for a generator, the
 *    path up to the deepest wildcard or placeholder segment before the
 *    environment's (`vms/web` for `vms/*\/overlays/*` and for `vms/*\/*`),
 *    else as for a single placeholder;
 * 3. its VMs: the `kind: VirtualMachine` documents of the YAML files under
 *    that folder that some kustomization lists in its `resources` (an
 *    overlay's patch files, also VirtualMachine documents, are not), with
 *    the environments whose overlay folder holds a kustomization;
 * 4. a folder with a `catalog-info.yaml` (or `.yml`) is left out: its VM is
 *    registered from that file (VMs written by the kubevirt:vm:pull-request
 *    action are).
 *
 * A VM name found in two folders is kept once (the first folder in path
 * order) and named in a warning: catalog names are unique.
 */
import path from 'node:path';
import { checkDnsLabel } from '@internal/plugin-kubevirt-gitops-common';
import { minimatch } from 'minimatch';
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
  /**
   * The environments whose overlay folder (`environmentDirTemplate` with
   * `{env}` filled) holds a kustomization, sorted; for a generator, only
   * those it generates.
   */
  environments: string[];
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
const HAS_PLACEHOLDER = new RegExp(PLACEHOLDER.source);

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

/** A VM folder a source path names, and how its environments are found. */
interface SourceShape {
  folder: string;
  environmentDirTemplate: string;
  /** The environments a generator generates; all overlay folders when absent. */
  generated?: string[];
}

/** The VM folder of a kustomize root: the ApplicationSet's folder when the root is under it, else the root's parent. */
function folderAbove(
  kustomizeRoot: string,
  applicationSetFile: string | undefined,
): string {
  const applicationSetDir =
    applicationSetFile === undefined ? '' : dirOf(applicationSetFile);
  if (
    applicationSetDir !== '' &&
    kustomizeRoot.startsWith(`${applicationSetDir}/`)
  )
    return applicationSetDir;
  const parent = dirOf(kustomizeRoot);
  return parent === '' ? kustomizeRoot : parent;
}

/** The shape of a source path with one placeholder, its whole last segment. */
function singlePlaceholderShape(
  applicationSetFile: string,
  sourcePath: string,
): SourceShape | undefined {
  const normalized = normalizePath(sourcePath);
  if ((normalized.match(PLACEHOLDER) ?? []).length !== 1) return undefined;
  const segments = normalized.split('/');
  const last = segments.pop() ?? '';
  if (!WHOLE_PLACEHOLDER.test(last)) return undefined;
  const kustomizeRoot = segments.join('/');
  if (kustomizeRoot === '' || kustomizeRoot.startsWith('..')) return undefined;
  return {
    folder: folderAbove(kustomizeRoot, applicationSetFile),
    environmentDirTemplate: `${kustomizeRoot}/{env}`,
  };
}

/** `env` for `{{env}}`, `{{ .values.env }}`, `{{- path -}}`. */
function expressionOf(placeholder: string): string {
  return placeholder
    .replace(/^\{\{-?\s*/, '')
    .replace(/\s*-?\}\}$/, '')
    .replace(/^\./, '');
}

/** Every generator of an ApplicationSet, with those inside `matrix` and `merge`. */
function generatorsOf(applicationSet: JsonRecord): JsonRecord[] {
  const found: JsonRecord[] = [];
  const walk = (generators: unknown, depth: number) => {
    if (!Array.isArray(generators) || depth > 4) return;
    for (const generator of generators) {
      if (!isRecord(generator)) continue;
      found.push(generator);
      for (const key of ['matrix', 'merge'])
        walk(record(generator[key]).generators, depth + 1);
    }
  };
  walk(record(applicationSet.spec).generators, 0);
  return found;
}

/** A folder a generator makes an Application of, and the index of the segment naming its VM, if the pattern says. */
interface GeneratedPath {
  path: string;
  vmSegment?: number;
}

/** A path of the repository: no `..`, no placeholder left, two segments at least. */
function repositoryPath(value: string): string | undefined {
  const normalized = normalizePath(value);
  const segments = normalized.split('/');
  if (
    segments.length < 2 ||
    normalized.includes('{{') ||
    normalized.includes('}}') ||
    segments.some(segment => segment === '..' || segment === '')
  )
    return undefined;
  return normalized;
}

/** The deepest segment before the last one that `varies` (a wildcard, a placeholder). */
function vmSegmentOf(
  pattern: string,
  varies: (segment: string) => boolean,
): number | undefined {
  const segments = pattern.split('/');
  for (let index = segments.length - 2; index >= 0; index--)
    if (varies(segments[index])) return index;
  return undefined;
}

const GLOB_OPTIONS = {
  dot: true,
  nobrace: true,
  noext: true,
  noglobstar: true,
  nonegate: true,
  nocomment: true,
};

/** The folders a git directory generator makes Applications of (path.Match globs; `exclude: true` wins). */
function gitDirectories(
  generator: JsonRecord,
  kustomizationDirs: readonly string[],
): GeneratedPath[] {
  const directories = record(generator.git).directories;
  if (!Array.isArray(directories)) return [];
  const entries = directories.flatMap(entry =>
    isRecord(entry) && typeof entry.path === 'string'
      ? [
          {
            pattern: normalizePath(entry.path),
            exclude: entry.exclude === true,
          },
        ]
      : [],
  );
  const includes = entries.filter(entry => !entry.exclude);
  const excludes = entries.filter(entry => entry.exclude);
  const generated: GeneratedPath[] = [];
  for (const dir of kustomizationDirs) {
    if (excludes.some(entry => minimatch(dir, entry.pattern, GLOB_OPTIONS)))
      continue;
    const include = includes.find(entry =>
      minimatch(dir, entry.pattern, GLOB_OPTIONS),
    );
    const concrete = include ? repositoryPath(dir) : undefined;
    if (!include || !concrete) continue;
    generated.push({
      path: concrete,
      vmSegment: vmSegmentOf(include.pattern, segment => /[*?[]/.test(segment)),
    });
  }
  return generated;
}

/** The value of `values.env` (or `env`) in a list element, as text. */
function elementValue(
  element: JsonRecord,
  expression: string,
): string | undefined {
  // fasttemplate elements may spell a nested key flat: `values.env: dev`
  let value: unknown = expression in element ? element[expression] : element;
  for (const key of expression in element ? [] : expression.split('.')) {
    if (!isRecord(value)) return undefined;
    value = value[key];
  }
  return typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : undefined;
}

/** The folders a list generator's elements fill the path template with. */
function listPaths(generator: JsonRecord, template: string): GeneratedPath[] {
  const elements = record(generator.list).elements;
  if (!Array.isArray(elements)) return [];
  const segments = template.split('/');
  // the environment is the last segment: it must come from an element
  if (!HAS_PLACEHOLDER.test(segments[segments.length - 1])) return [];
  const vmSegment = vmSegmentOf(template, segment =>
    HAS_PLACEHOLDER.test(segment),
  );
  return elements.flatMap(element => {
    if (!isRecord(element)) return [];
    let missing = false;
    const filled = template.replace(PLACEHOLDER, placeholder => {
      const value = elementValue(element, expressionOf(placeholder));
      if (value === undefined || value.includes('{{')) missing = true;
      return value ?? '';
    });
    const concrete = missing ? undefined : repositoryPath(filled);
    return concrete ? [{ path: concrete, vmSegment }] : [];
  });
}

/** The shapes of a source path whose placeholders a git directory or list generator fills. */
function generatorShapes(
  applicationSetFile: string,
  applicationSet: JsonRecord,
  sourcePath: string,
  kustomizationDirs: readonly string[],
): SourceShape[] {
  const template = normalizePath(sourcePath);
  const placeholders = template.match(PLACEHOLDER) ?? [];
  if (placeholders.length === 0) return [];
  const wholePath =
    WHOLE_PLACEHOLDER.test(template) &&
    ['path', 'path.path'].includes(expressionOf(template));
  const generated: GeneratedPath[] = [];
  for (const generator of generatorsOf(applicationSet)) {
    if (wholePath && isRecord(generator.git))
      generated.push(...gitDirectories(generator, kustomizationDirs));
    if (isRecord(generator.list))
      generated.push(...listPaths(generator, template));
  }
  // one group per kustomize root (the parent of the environment folders)
  const groups = new Map<
    string,
    { environments: Set<string>; vmSegment?: number }
  >();
  for (const { path: dir, vmSegment } of generated) {
    const kustomizeRoot = dirOf(dir);
    const group = groups.get(kustomizeRoot) ?? {
      environments: new Set<string>(),
      vmSegment,
    };
    group.environments.add(path.posix.basename(dir));
    groups.set(kustomizeRoot, group);
  }
  const shapes = [...groups].map(([kustomizeRoot, group]) => ({
    kustomizeRoot,
    folder:
      group.vmSegment !== undefined
        ? kustomizeRoot
            .split('/')
            .slice(0, group.vmSegment + 1)
            .join('/')
        : folderAbove(
            kustomizeRoot,
            groups.size === 1 ? applicationSetFile : undefined,
          ),
    environments: [...group.environments],
  }));
  // two kustomize roots on one folder (`vms/web/dev`, `vms/db/dev` from `{{path}}`): each root is its VM's folder
  const roots = new Map<string, number>();
  for (const shape of shapes)
    roots.set(shape.folder, (roots.get(shape.folder) ?? 0) + 1);
  return shapes.map(shape => ({
    folder:
      (roots.get(shape.folder) ?? 0) > 1 ? shape.kustomizeRoot : shape.folder,
    environmentDirTemplate: `${shape.kustomizeRoot}/{env}`,
    generated: shape.environments,
  }));
}

/** The environments of a claim whose overlay folder holds a kustomization. */
function environmentsOf(
  shape: SourceShape,
  kustomizationDirs: ReadonlySet<string>,
): string[] {
  const kustomizeRoot = dirOf(shape.environmentDirTemplate);
  const candidates =
    shape.generated ??
    [...kustomizationDirs]
      .filter(dir => dirOf(dir) === kustomizeRoot)
      .map(dir => path.posix.basename(dir));
  return [
    ...new Set(
      candidates.filter(
        env =>
          env !== 'base' &&
          !checkDnsLabel(env) &&
          kustomizationDirs.has(
            shape.environmentDirTemplate.replace('{env}', env),
          ),
      ),
    ),
  ].sort();
}

interface FolderClaim extends SourceShape {
  applicationSet: string;
  applicationSetFile: string;
  sourcePath: string;
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

  const kustomizationDirs = new Set(
    [...allPaths].filter(isKustomizationFile).map(dirOf),
  );
  const sortedDirs = [...kustomizationDirs].sort();
  const claims = new Map<string, FolderClaim>();
  const sortedFiles = [...files.keys()].sort();
  for (const file of sortedFiles) {
    if (!/ApplicationSet/.test(files.get(file) ?? '')) continue;
    for (const value of documents(file)) {
      if (value.kind !== 'ApplicationSet') continue;
      const name = record(value.metadata).name;
      if (typeof name !== 'string' || name === '') continue;
      for (const sourcePath of sourcePaths(value)) {
        const single = singlePlaceholderShape(file, sourcePath);
        const shapes = single
          ? [single]
          : generatorShapes(file, value, sourcePath, sortedDirs);
        for (const shape of shapes) {
          if (claims.has(shape.folder)) continue;
          claims.set(shape.folder, {
            ...shape,
            applicationSet: name,
            applicationSetFile: file,
            sourcePath,
          });
        }
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
    const environments = environmentsOf(claim, kustomizationDirs);
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
          environments,
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
