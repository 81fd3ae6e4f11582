/*
 * Applies field changes to the files that hold them, in place:
 *
 * - the VM's source document (its base file), or
 * - one environment's overlay: an existing patch for the VM is edited where
 *   it states the field (a JSON 6902 operation's value, a strategic-merge
 *   patch's field), a field no patch states is added to the VM's own patch
 *   (an `add`/`remove` operation, or a field of its strategic-merge patch),
 *   and only an overlay with no patch for the VM gets a new one.
 *
 * A patch that reaches several VMs of the overlay is never edited: changing
 * it would change the others, so the edit is refused with what to do.
 */
import { InputError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import { stringify } from 'yaml';
import {
  YamlTextEditor,
  type YamlPath,
  type YamlValue,
} from '../yamlText/YamlTextEditor';
import {
  describePatch,
  overlayPatches,
  patchReaches,
  type OverlayPatch,
  type PatchLocation,
  type RenderedVmName,
} from './overlayStatements';
import {
  at,
  ownedBy,
  type FieldChange,
  type ManagedFieldGroup,
} from './vmFields';

function isRemove(
  change: FieldChange,
): change is { path: string[]; remove: true } {
  return 'remove' in change;
}

/**
 * Applies `changes` to document `documentIndex` of a VM's source file. A
 * removed field next to one being set takes its place (`running` becomes
 * `runStrategy` where it stood).
 */
export function editSourceVm(
  text: string,
  file: string,
  documentIndex: number,
  changes: readonly FieldChange[],
): string {
  const editor = new YamlTextEditor(text, file, documentIndex);
  const done = new Set<FieldChange>();
  for (const change of changes) {
    if (isRemove(change) || editor.has(change.path)) continue;
    const sibling = changes.find(
      other =>
        isRemove(other) &&
        !done.has(other) &&
        other.path.length === change.path.length &&
        other.path.slice(0, -1).join('/') ===
          change.path.slice(0, -1).join('/') &&
        editor.has(other.path),
    );
    if (sibling) {
      editor.renameKey(sibling.path, change.path[change.path.length - 1]);
      done.add(sibling);
    }
  }
  for (const change of changes) {
    if (done.has(change)) {
      continue;
    }
    if (isRemove(change)) editor.delete(change.path);
    else editor.set(change.path, change.value);
  }
  return editor.text;
}

function pointerOf(path: readonly string[]): string {
  return `/${path
    .map(key => key.replace(/~/g, '~0').replace(/\//g, '~1'))
    .join('/')}`;
}

function pathOf(pointer: string): string[] {
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map(key => key.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function startsWith(
  path: readonly string[],
  prefix: readonly string[],
): boolean {
  return (
    prefix.length <= path.length &&
    prefix.every((key, index) => path[index] === key)
  );
}

function nested(
  path: readonly string[],
  value: YamlValue,
): { [key: string]: YamlValue } {
  return path.reduceRight<YamlValue>(
    (inner, key) => ({ [key]: inner }),
    value,
  ) as { [key: string]: YamlValue };
}

interface Context {
  /** The kustomization file of the overlay. */
  file: string;
  files: ReadonlyMap<string, string>;
  vm: RenderedVmName;
  /** Every VM the overlay renders (the asked one among them). */
  renderedVms: readonly RenderedVmName[];
  /** The VM as the overlay renders it now. */
  renderedVm: JsonObject;
  /** The VM in its source (what the overlay's patches start from). */
  sourceVm: JsonObject;
}

/** An overlay being edited: its kustomization and the patch files it uses. */
class OverlayEdit {
  private readonly kustomization: YamlTextEditor;
  private readonly patchFiles = new Map<string, YamlTextEditor>();
  private readonly inlineTexts = new Map<
    string,
    { location: PatchLocation; editor: YamlTextEditor }
  >();
  private readonly removedEntries: Array<{
    list: string;
    index: number;
    file?: string;
  }> = [];
  readonly patches: OverlayPatch[];

  constructor(private readonly context: Context) {
    const text = context.files.get(context.file);
    if (text === undefined)
      throw new InputError(
        `${context.file} is missing from the GitOps repository`,
      );
    this.kustomization = new YamlTextEditor(text, context.file);
    const value = this.kustomization.value();
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new InputError(`${context.file} is not a kustomization`);
    this.patches = overlayPatches(
      value as Record<string, unknown>,
      context.file,
      context.files,
    );
  }

  /** The VM's own patches, and the shared ones that reach it. */
  patchesOf(): { own: OverlayPatch[]; shared: OverlayPatch[] } {
    const own: OverlayPatch[] = [];
    const shared: OverlayPatch[] = [];
    for (const patch of this.patches) {
      if (!patchReaches(patch, this.context.vm)) continue;
      const reached = this.context.renderedVms.filter(vm =>
        patchReaches(patch, vm),
      );
      (reached.length > 1 ? shared : own).push(patch);
    }
    return { own, shared };
  }

  /** The editor of a patch's text (inline: the block scalar's content). */
  patchEditor(patch: OverlayPatch): YamlTextEditor {
    const location = patch.location;
    const documentIndex =
      patch.form === 'strategicMerge' ? patch.documentIndex : 0;
    if (location.in === 'file') {
      const key = `${location.file}#${documentIndex}`;
      let editor = this.patchFiles.get(key);
      if (!editor) {
        editor = new YamlTextEditor(
          this.context.files.get(location.file) ?? '',
          location.file,
          documentIndex,
        );
        this.patchFiles.set(key, editor);
      }
      return editor;
    }
    const key = JSON.stringify(location);
    let entry = this.inlineTexts.get(key);
    if (!entry) {
      entry = {
        location,
        editor: new YamlTextEditor(
          patch.text,
          describePatch(patch, this.context.file),
          documentIndex,
        ),
      };
      this.inlineTexts.set(key, entry);
    }
    return entry.editor;
  }

  removeEntry(location: PatchLocation): void {
    if (location.in === 'inlineStrategicMerge')
      this.removedEntries.push({
        list: 'patchesStrategicMerge',
        index: location.index,
      });
    else
      this.removedEntries.push({
        list: location.list,
        index: location.index,
        file: location.in === 'file' ? location.file : undefined,
      });
  }

  appendNewPatch(patchText: string): void {
    if (this.kustomization.has(['patches']))
      this.kustomization.append(['patches'], { patch: patchText });
    else this.kustomization.set(['patches'], [{ patch: patchText }]);
  }

  /** The changed files (path -> text; null for a patch file no longer used). */
  result(): Map<string, string | null> {
    const out = new Map<string, string | null>();
    for (const { location, editor } of this.inlineTexts.values()) {
      if (location.in === 'inline') {
        this.kustomization.editBlockScalar(
          [location.list, location.index, 'patch'],
          () => editor.text,
        );
      } else if (location.in === 'inlineStrategicMerge') {
        this.kustomization.editBlockScalar(
          ['patchesStrategicMerge', location.index],
          () => editor.text,
        );
      }
    }
    const byList = new Map<string, number[]>();
    for (const { list, index } of this.removedEntries)
      byList.set(list, [...(byList.get(list) ?? []), index]);
    for (const [list, indexes] of byList) {
      const entries = this.kustomization.value([list]);
      const count = Array.isArray(entries) ? entries.length : 0;
      if (new Set(indexes).size >= count) {
        this.kustomization.delete([list]);
      } else {
        for (const index of [...new Set(indexes)].sort((a, b) => b - a))
          this.kustomization.delete([list, index]);
      }
    }
    out.set(this.context.file, this.kustomization.text);
    for (const [key, editor] of this.patchFiles)
      out.set(key.replace(/#\d+$/, ''), editor.text);
    const stillUsed = JSON.stringify(this.kustomization.value());
    for (const { file } of this.removedEntries) {
      if (
        file !== undefined &&
        !stillUsed.includes(file.split('/').pop() ?? file)
      )
        out.set(file, null);
    }
    return out;
  }
}

function refuseShared(
  patch: OverlayPatch,
  context: Context,
  what: string,
): never {
  const others = context.renderedVms
    .filter(
      vm =>
        vm.renderedName !== context.vm.renderedName && patchReaches(patch, vm),
    )
    .map(vm => vm.renderedName);
  throw new InputError(
    `${describePatch(
      patch,
      context.file,
    )} changes ${what} of every VirtualMachine it targets, and in this overlay that is also ${others.join(
      ', ',
    )}: changing it for ${
      context.vm.renderedName
    } would change them too. Give the patch a target.name (or split it per VM) by hand, then try again.`,
  );
}

function jsonOperationTouches(
  patch: OverlayPatch,
  group: ManagedFieldGroup,
): string | undefined {
  if (patch.form !== 'json6902') return undefined;
  const touched = patch.operations.find(operation =>
    ownedBy(pathOf(operation.path), group),
  );
  return touched?.path;
}

function strategicMergeTouches(
  patch: OverlayPatch,
  group: ManagedFieldGroup,
): string | undefined {
  if (patch.form !== 'strategicMerge') return undefined;
  const value = patch.value as JsonObject;
  const spec = value.spec;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    return undefined;
  const found: string[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (ownedBy(path, group)) {
      found.push(pointerOf(path));
      return;
    }
    if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
      for (const [key, child] of Object.entries(node))
        walk(child, [...path, key]);
    }
  };
  walk(spec, ['spec']);
  return found[0];
}

/**
 * The overlay's editor and the VM's own patches; refuses when a patch
 * shared with other VMs states one of the group's fields.
 */
function openOverlay(
  context: Context,
  group: ManagedFieldGroup,
): { edit: OverlayEdit; own: OverlayPatch[] } {
  const edit = new OverlayEdit(context);
  const { own, shared } = edit.patchesOf();
  for (const patch of shared) {
    const touched =
      jsonOperationTouches(patch, group) ?? strategicMergeTouches(patch, group);
    if (touched) refuseShared(patch, context, touched);
  }
  return { edit, own };
}

/**
 * Applies `changes` to the VM in one overlay, editing the statements that
 * hold each field. Returns the changed files.
 */
export function applyInOverlay(
  context: Context,
  changes: readonly FieldChange[],
  group: ManagedFieldGroup,
  options: {
    /** Where changes no patch holds go (the source VM, for the base) instead of a new statement. */
    unheld?: (changes: FieldChange[]) => Map<string, string>;
  } = {},
): Map<string, string | null> {
  const { edit, own } = openOverlay(context, group);
  const json = own.filter(patch => patch.form === 'json6902');
  const strategic = own.filter(patch => patch.form === 'strategicMerge');
  const unheld: FieldChange[] = [];
  const removedOps = new Map<OverlayPatch, Set<number>>();

  for (const change of changes) {
    let held = false;
    // JSON 6902 operations that state this field (or a field inside it, or the map holding it)
    for (const patch of json) {
      if (patch.form !== 'json6902') continue;
      for (const operation of patch.operations) {
        if (removedOps.get(patch)?.has(operation.index)) continue;
        const opPath = pathOf(operation.path);
        if (
          operation.op !== 'add' &&
          operation.op !== 'replace' &&
          operation.op !== 'remove'
        )
          continue;
        if (startsWith(opPath, change.path)) {
          // the operation writes this field or inside it
          if (
            !isRemove(change) &&
            operation.op !== 'remove' &&
            opPath.length === change.path.length
          ) {
            edit
              .patchEditor(patch)
              .set([operation.index, 'value'], change.value);
            held = true;
          } else {
            removedOps.set(
              patch,
              new Set([...(removedOps.get(patch) ?? []), operation.index]),
            );
          }
        } else if (
          startsWith(change.path, opPath) &&
          operation.op !== 'remove'
        ) {
          // the operation writes a map holding this field
          const inner = change.path.slice(opPath.length);
          const editor = edit.patchEditor(patch);
          if (isRemove(change))
            editor.delete([operation.index, 'value', ...inner], false);
          else editor.set([operation.index, 'value', ...inner], change.value);
          held = true;
        }
      }
    }
    // strategic-merge patches of the VM that state it
    for (const patch of strategic) {
      const editor = edit.patchEditor(patch);
      if (editor.has(change.path)) {
        if (isRemove(change)) {
          if (at(context.sourceVm, change.path) !== undefined)
            editor.set(change.path, null);
          else editor.delete(change.path);
        } else {
          editor.set(change.path, change.value);
        }
        held = true;
      }
    }
    if (!held) unheld.push(change);
  }

  // removals that left a field of the source in place still need a statement
  const stillNeeded = unheld.filter(
    change =>
      !isRemove(change) ||
      at(context.sourceVm, change.path) !== undefined ||
      at(context.renderedVm, change.path) !== undefined,
  );
  const elsewhere =
    options.unheld && unheld.length > 0 ? options.unheld(unheld) : undefined;
  if (stillNeeded.length > 0 && !elsewhere) {
    const ownJson = json.find(patch => patch.form === 'json6902');
    const ownStrategic = strategic[0];
    if (ownStrategic) {
      const editor = edit.patchEditor(ownStrategic);
      for (const change of stillNeeded) {
        if (isRemove(change)) editor.set(change.path, null);
        else editor.set(change.path, change.value);
      }
    } else if (ownJson && ownJson.form === 'json6902') {
      const editor = edit.patchEditor(ownJson);
      for (const change of stillNeeded) {
        if (isRemove(change)) {
          editor.append([], { op: 'remove', path: pointerOf(change.path) });
        } else {
          // `add` needs the parent: add the deepest missing map whole
          let depth = change.path.length - 1;
          while (
            depth > 0 &&
            at(context.renderedVm, change.path.slice(0, depth)) === undefined
          )
            depth--;
          const target = change.path.slice(0, depth + 1);
          const value =
            depth + 1 === change.path.length
              ? change.value
              : nested(change.path.slice(depth + 1), change.value);
          editor.append([], {
            op:
              at(context.renderedVm, target) === undefined ? 'add' : 'replace',
            path: pointerOf(target),
            value,
          });
        }
      }
    } else {
      const spec: { [key: string]: YamlValue } = {};
      const patch: { [key: string]: YamlValue } = {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name: context.vm.sourceName },
        spec,
      };
      const root = { spec } as { [key: string]: YamlValue };
      for (const change of stillNeeded) {
        let node = root;
        change.path.slice(0, -1).forEach(key => {
          if (typeof node[key] !== 'object' || node[key] === null)
            node[key] = {};
          node = node[key] as { [key: string]: YamlValue };
        });
        node[change.path[change.path.length - 1]] = isRemove(change)
          ? null
          : change.value;
      }
      edit.appendNewPatch(stringify(patch, { lineWidth: 0 }));
    }
  }

  // operations made pointless by the change, and patches left empty
  for (const [patch, indexes] of removedOps) {
    if (patch.form !== 'json6902') continue;
    const editor = edit.patchEditor(patch);
    const remaining = (editor.value() as unknown[]).length - indexes.size;
    if (remaining <= 0) {
      edit.removeEntry(patch.location);
    } else {
      for (const index of [...indexes].sort((a, b) => b - a))
        editor.delete([index], false);
    }
  }
  for (const patch of strategic) {
    const value = edit.patchEditor(patch).value() as JsonObject;
    const spec = value.spec;
    if (
      spec === undefined ||
      spec === null ||
      (typeof spec === 'object' &&
        !Array.isArray(spec) &&
        Object.keys(spec).length === 0 &&
        Object.keys(value).every(key =>
          ['apiVersion', 'kind', 'metadata', 'spec'].includes(key),
        ))
    ) {
      edit.removeEntry(patch.location);
    }
  }
  const result = edit.result();
  for (const [file, text] of elsewhere ?? []) result.set(file, text);
  return result;
}

/**
 * Drops every statement an overlay makes about `group` for the VM (used
 * when the base takes the new value for every environment).
 */
export function dropInOverlay(
  context: Context,
  group: ManagedFieldGroup,
): Map<string, string | null> {
  const { edit, own } = openOverlay(context, group);
  let changed = false;
  for (const patch of own) {
    const editor = edit.patchEditor(patch);
    if (patch.form === 'json6902') {
      const touching = patch.operations.filter(operation =>
        ownedBy(pathOf(operation.path), group),
      );
      if (touching.length === 0) continue;
      changed = true;
      if (touching.length === patch.operations.length)
        edit.removeEntry(patch.location);
      else
        for (const operation of [...touching].sort((a, b) => b.index - a.index))
          editor.delete([operation.index], false);
    } else {
      const owned = (
        Object.keys(
          ((patch.value as JsonObject).spec as JsonObject | undefined) ?? {},
        ) as string[]
      ).flatMap(key =>
        collectOwned(patch.value as JsonObject, ['spec', key], group),
      );
      if (owned.length === 0) continue;
      changed = true;
      for (const path of owned) editor.delete(path);
      const after = editor.value() as JsonObject;
      if (
        after.spec === undefined ||
        (typeof after.spec === 'object' &&
          after.spec !== null &&
          Object.keys(after.spec).length === 0)
      )
        edit.removeEntry(patch.location);
    }
  }
  return changed ? edit.result() : new Map();
}

function collectOwned(
  value: JsonObject,
  path: string[],
  group: ManagedFieldGroup,
): string[][] {
  if (ownedBy(path, group)) return at(value, path) === undefined ? [] : [path];
  const node = at(value, path);
  if (typeof node !== 'object' || node === null || Array.isArray(node))
    return [];
  return Object.keys(node).flatMap(key =>
    collectOwned(value, [...path, key], group),
  );
}

export type { Context as OverlayContext, YamlPath };
