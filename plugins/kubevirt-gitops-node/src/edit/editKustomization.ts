/*
 * Edits of an existing environment kustomization.yaml: drop what its inline
 * patches say about a group of VM fields (JSON 6902 operations of the seed
 * or of people, and our strategic-merge patch), and write the new values in
 * one strategic-merge patch for the VM. Comments and formatting are kept,
 * including those inside inline patches.
 */
import { InputError } from '@backstage/errors';
import { isMap, isScalar, isSeq, type Document, type Scalar, type YAMLMap } from 'yaml';
import { assignmentsToObject, vmPatchText } from '../manifests/kustomizations';
import { parseYamlForEdit, yamlText } from '../manifests/yamlDocument';
import {
  MANAGED_FIELD_PATHS,
  pointerTouches,
  type FieldAssignment,
  type ManagedFieldGroup,
} from './vmFields';
import { assignInPatch, removeAt, stringIn } from './yamlEdits';

const PATCH_LISTS = ['patches', 'patchesJson6902'] as const;

interface InlinePatch {
  list: (typeof PATCH_LISTS)[number];
  entry: YAMLMap;
  scalar: Scalar;
  document: Document;
}

function targetsVm(entry: YAMLMap, vm: string): boolean {
  const kind = stringIn(entry, ['target', 'kind']);
  const name = stringIn(entry, ['target', 'name']);
  if (kind !== undefined && kind !== 'VirtualMachine') return false;
  if (name === undefined) return true;
  try {
    return new RegExp(`^(?:${name})$`).test(vm);
  } catch {
    return false;
  }
}

function inlinePatches(document: Document): InlinePatch[] {
  return PATCH_LISTS.flatMap(list => {
    const sequence = document.get(list, true);
    if (!isSeq(sequence)) return [];
    return sequence.items.flatMap(entry => {
      if (!isMap(entry)) return [];
      const scalar = entry.get('patch', true);
      if (!isScalar(scalar) || typeof scalar.value !== 'string') return [];
      const inner = parseYamlForEdit(scalar.value);
      return inner.errors.length > 0 ? [] : [{ list, entry, scalar, document: inner }];
    });
  });
}

function isVmMergePatch(patch: InlinePatch, vm: string): boolean {
  const root = patch.document.contents;
  return (
    isMap(root) &&
    stringIn(root, ['kind']) === 'VirtualMachine' &&
    stringIn(root, ['metadata', 'name']) === vm &&
    targetsVm(patch.entry, vm)
  );
}

function removeEntry(document: Document, patch: InlinePatch): void {
  const sequence = document.get(patch.list, true);
  if (!isSeq(sequence)) return;
  sequence.items = sequence.items.filter(item => item !== patch.entry);
  if (sequence.items.length === 0) {
    document.delete(patch.list);
  }
}

/** Drops every inline statement about `group` for the VM (emptied patches go entirely). */
function dropGroup(document: Document, vm: string, group: ManagedFieldGroup): void {
  for (const patch of inlinePatches(document)) {
    const root = patch.document.contents;
    if (isSeq(root) && targetsVm(patch.entry, vm)) {
      const before = root.items.length;
      root.items = root.items.filter(item => {
        const pointer = isMap(item) ? stringIn(item, ['path']) : undefined;
        return pointer === undefined || !pointerTouches(pointer, group);
      });
      if (root.items.length === before) continue;
      if (root.items.length === 0) {
        removeEntry(document, patch);
      } else {
        patch.scalar.value = yamlText(patch.document);
      }
    } else if (isVmMergePatch(patch, vm)) {
      const removed = MANAGED_FIELD_PATHS[group].map(path => removeAt(patch.document, path));
      if (!removed.some(Boolean)) continue;
      if (!patch.document.hasIn(['spec'])) {
        removeEntry(document, patch);
      } else {
        patch.scalar.value = yamlText(patch.document);
      }
    }
  }
}

function upsertMergePatch(document: Document, vm: string, assignments: readonly FieldAssignment[]): void {
  const existing = inlinePatches(document).find(patch => patch.list === 'patches' && isVmMergePatch(patch, vm));
  if (existing) {
    assignInPatch(existing.document, assignments);
    existing.scalar.value = yamlText(existing.document);
    return;
  }
  const spec = assignmentsToObject(assignments).spec;
  const entry = document.createNode({
    patch: vmPatchText(vm, typeof spec === 'object' && spec !== null && !Array.isArray(spec) ? spec : {}),
  });
  const sequence = document.get('patches', true);
  if (isSeq(sequence)) {
    sequence.items.push(entry);
  } else {
    document.set('patches', document.createNode([]));
    const created = document.get('patches', true);
    if (isSeq(created)) created.items.push(entry);
  }
}

/**
 * Rewrites an environment kustomization so that `group` is decided only by
 * `assignments` (or, without assignments, by the base).
 */
export function editEnvironmentKustomizationText(
  text: string,
  file: string,
  edit: { vm: string; group: ManagedFieldGroup; assignments?: readonly FieldAssignment[] },
): string {
  const document = parseYamlForEdit(text);
  if (document.errors.length > 0 || !isMap(document.contents)) {
    throw new InputError(`${file} is not a kustomization (${document.errors[0]?.message ?? 'not a map'})`);
  }
  dropGroup(document, edit.vm, edit.group);
  if (edit.assignments && edit.assignments.length > 0) {
    upsertMergePatch(document, edit.vm, edit.assignments);
  }
  return yamlText(document);
}
