/*
 * Builds a kustomization from in-memory files the way `kubectl kustomize`
 * (kustomize v5) does for the subset in kustomizationSchema: resources and
 * bases (files and directories), then the builtin transformers in kustomize's
 * order (patchesStrategicMerge, patches, namespace, prefix/suffix, labels,
 * annotations, patchesJson6902).
 */
import path from 'node:path';
import type { JsonObject, JsonValue } from '@backstage/types';
import { parseGoYamlDocuments } from '../goYamlResolve';
import { applyJsonPatch, type JsonPatchOperation } from './jsonPatch';
import { kustomizationSchema, type Kustomization, type PatchSelector } from './kustomizationSchema';
import { applyMergePatch } from './mergePatch';
import { groupVersion, resourceKind, resourceName, resourceNamespace, selects } from './selectors';
import { addAnnotations, addLabels, addNamePrefixSuffix, setNamespace } from './transformers';
import {
  KustomizeBuildError,
  UnsupportedKustomizationError,
  type KustomizeResource,
  type VirtualFiles,
} from './types';

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

function repoPath(dir: string, entry: string): string {
  const joined = path.posix.normalize(path.posix.join(dir, entry)).replace(/\/$/, '');
  if (joined === '..' || joined.startsWith('../') || path.posix.isAbsolute(joined)) {
    throw new UnsupportedKustomizationError(`"${entry}" in ${dir} points outside the repository`);
  }
  return joined === '.' ? '' : joined;
}

/** kustomize's default load restrictor: files must be in or below the kustomization. */
function restrictedFile(dir: string, entry: string, file: string): string {
  const target = repoPath(dir, entry);
  if (dir && !target.startsWith(`${dir}/`)) {
    throw new KustomizeBuildError(`${file}: security; file "${entry}" is not in or below ${dir}`);
  }
  return target;
}

function isDirectory(files: VirtualFiles, dir: string): boolean {
  const prefix = dir ? `${dir}/` : '';
  for (const file of files.keys()) {
    if (file.startsWith(prefix)) return true;
  }
  return false;
}

function parseYamlDocuments(text: string, file: string): JsonValue[] {
  return parseGoYamlDocuments(text).flatMap(({ value, error }) => {
    if (error !== undefined) {
      throw new KustomizeBuildError(`${file}: ${error}`);
    }
    return value === null || value === undefined ? [] : [value];
  });
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readFile(files: VirtualFiles, file: string): string {
  const text = files.get(file);
  if (text === undefined) {
    throw new KustomizeBuildError(`${file}: no such file`);
  }
  return text;
}

function loadResourceFile(files: VirtualFiles, file: string): KustomizeResource[] {
  return parseYamlDocuments(readFile(files, file), file).map(value => {
    if (!isObject(value) || typeof value.kind !== 'string' || !resourceName(value)) {
      throw new KustomizeBuildError(`${file}: every document needs kind and metadata.name`);
    }
    return { object: value, originalName: resourceName(value), originalNamespace: resourceNamespace(value) };
  });
}

function loadKustomization(files: VirtualFiles, dir: string): { kustomization: Kustomization; file: string } {
  const file = KUSTOMIZATION_FILES.map(name => (dir ? `${dir}/${name}` : name)).find(f => files.has(f));
  if (!file) {
    throw new KustomizeBuildError(`${dir || '.'}: no kustomization.yaml`);
  }
  const [value = {}] = parseYamlDocuments(readFile(files, file), file);
  const parsed = kustomizationSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys') {
      throw new UnsupportedKustomizationError(`${file}: "${issue.keys.join('", "')}" is not supported by the preview`);
    }
    throw new KustomizeBuildError(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return { kustomization: parsed.data, file };
}

function resourceId(resource: KustomizeResource): string {
  const { group, version } = groupVersion(resource.object);
  return `${group}/${version}/${resourceKind(resource.object)}/${resourceNamespace(resource.object) ?? ''}/${resourceName(resource.object)}`;
}

function patchDocuments(files: VirtualFiles, dir: string, patch: { path?: string; patch?: string }, file: string): JsonValue[] {
  if ((patch.path === undefined) === (patch.patch === undefined)) {
    throw new KustomizeBuildError(`${file}: a patch needs exactly one of path or patch`);
  }
  if (patch.patch !== undefined) {
    return parseYamlDocuments(patch.patch, file);
  }
  const patchFile = restrictedFile(dir, patch.path ?? '', file);
  return parseYamlDocuments(readFile(files, patchFile), patchFile);
}

function toOperations(value: JsonValue, file: string): JsonPatchOperation[] {
  if (!Array.isArray(value)) {
    throw new KustomizeBuildError(`${file}: a JSON 6902 patch must be a list of operations`);
  }
  return value.map(operation => {
    if (!isObject(operation) || typeof operation.op !== 'string' || typeof operation.path !== 'string') {
      throw new KustomizeBuildError(`${file}: every JSON patch operation needs op and path`);
    }
    return operation as unknown as JsonPatchOperation;
  });
}

function applyToSelected(
  resources: KustomizeResource[],
  selector: PatchSelector | undefined,
  apply: (object: JsonObject) => JsonValue,
): void {
  for (const resource of resources) {
    if (selects(selector, resource)) {
      const patched = apply(resource.object);
      if (!isObject(patched)) {
        throw new KustomizeBuildError('a patch turned a resource into something other than an object');
      }
      resource.object = patched;
    }
  }
}

/** kustomize treats no namespace and `default` alike. */
function effectiveNamespace(namespace: string | undefined): string {
  return namespace ? namespace : 'default';
}

function applyStrategicMerge(resources: KustomizeResource[], patch: JsonObject, selector: PatchSelector | undefined, file: string): void {
  if (selector) {
    applyToSelected(resources, selector, object => applyMergePatch(object, patch));
    return;
  }
  const kind = resourceKind(patch);
  const name = resourceName(patch);
  const namespace = effectiveNamespace(resourceNamespace(patch));
  const matches = resources.filter(
    r =>
      resourceKind(r.object) === kind &&
      (r.originalName === name || resourceName(r.object) === name) &&
      (effectiveNamespace(r.originalNamespace) === namespace ||
        effectiveNamespace(resourceNamespace(r.object)) === namespace),
  );
  if (matches.length !== 1) {
    throw new KustomizeBuildError(`${file}: no unique target for the ${kind} ${name} patch`);
  }
  const [target] = matches;
  const patched = applyMergePatch(target.object, patch);
  if (isObject(patched)) target.object = patched;
}

function applyPatches(files: VirtualFiles, dir: string, file: string, k: Kustomization, resources: KustomizeResource[]): void {
  for (const entry of k.patchesStrategicMerge ?? []) {
    for (const document of patchDocuments(files, dir, { path: entry }, file)) {
      if (isObject(document)) applyStrategicMerge(resources, document, undefined, file);
    }
  }
  for (const patch of k.patches ?? []) {
    if (patch.options) {
      throw new UnsupportedKustomizationError(`${file}: patch options are not supported by the preview`);
    }
    for (const document of patchDocuments(files, dir, patch, file)) {
      if (Array.isArray(document)) {
        if (!patch.target) throw new KustomizeBuildError(`${file}: a JSON 6902 patch needs a target`);
        const operations = toOperations(document, file);
        applyToSelected(resources, patch.target, object => applyJsonPatch(object, operations));
      } else if (isObject(document)) {
        applyStrategicMerge(resources, document, patch.target, file);
      }
    }
  }
}

function build(files: VirtualFiles, dir: string, stack: string[]): KustomizeResource[] {
  if (stack.includes(dir)) {
    throw new KustomizeBuildError(`kustomization cycle: ${[...stack, dir].join(' -> ')}`);
  }
  const { kustomization: k, file } = loadKustomization(files, dir);
  const resources: KustomizeResource[] = [];
  for (const entry of [...(k.resources ?? []), ...(k.bases ?? [])]) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || entry.includes('?ref=') || entry.startsWith('git@')) {
      throw new UnsupportedKustomizationError(`${file}: remote resource "${entry}" is not supported by the preview`);
    }
    const target = repoPath(dir, entry);
    if (files.has(target)) {
      resources.push(...loadResourceFile(files, restrictedFile(dir, entry, file)));
    } else if (isDirectory(files, target)) {
      resources.push(...build(files, target, [...stack, dir]));
    } else {
      throw new KustomizeBuildError(`${file}: resource "${entry}" does not exist`);
    }
  }
  const seen = new Set<string>();
  for (const resource of resources) {
    const id = resourceId(resource);
    if (seen.has(id)) throw new KustomizeBuildError(`${file}: resource ${id} is listed twice`);
    seen.add(id);
  }
  applyPatches(files, dir, file, k, resources);
  if (k.namespace) setNamespace(resources, k.namespace);
  addNamePrefixSuffix(resources, k.namePrefix ?? '', k.nameSuffix ?? '');
  for (const label of k.labels ?? []) {
    if (label.includeSelectors || label.includeTemplates) {
      throw new UnsupportedKustomizationError(`${file}: labels with includeSelectors/includeTemplates are not supported by the preview`);
    }
    addLabels(resources, label.pairs);
  }
  addLabels(resources, k.commonLabels ?? {});
  addAnnotations(resources, k.commonAnnotations ?? {});
  for (const patch of k.patchesJson6902 ?? []) {
    for (const document of patchDocuments(files, dir, patch, file)) {
      const operations = toOperations(document, file);
      applyToSelected(resources, patch.target, object => applyJsonPatch(object, operations));
    }
  }
  return resources;
}

/** Builds the kustomization in `dir` (a repository path) from `files`. */
export function buildKustomization(files: VirtualFiles, dir: string): KustomizeResource[] {
  return build(files, repoPath('', dir), []);
}
