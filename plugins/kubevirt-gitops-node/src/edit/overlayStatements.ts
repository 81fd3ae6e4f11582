/*
 * What an overlay's kustomization says about VirtualMachines: every patch in
 * every form kustomize accepts (`patches:` inline or `path:`, with or
 * without `target`; `patchesJson6902:` inline or `path:`;
 * `patchesStrategicMerge:` files or inline text), read as JSON 6902
 * operations or strategic-merge patches, with which VMs each one reaches.
 */
import path from 'node:path';
import { parseAllDocuments, parseDocument } from 'yaml';

/** Where a patch's text lives. */
export type PatchLocation =
  | { in: 'inline'; list: 'patches' | 'patchesJson6902'; index: number }
  | { in: 'inlineStrategicMerge'; index: number }
  | {
      in: 'file';
      list: 'patches' | 'patchesJson6902' | 'patchesStrategicMerge';
      index: number;
      file: string;
    };

/** A kustomize patch target (selector). */
export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** One JSON 6902 operation. */
export interface JsonPatchOperation {
  index: number;
  op: string;
  path: string;
  hasValue: boolean;
}

/** One patch of an overlay. */
export type OverlayPatch =
  | {
      form: 'json6902';
      location: PatchLocation;
      target: PatchTarget;
      operations: JsonPatchOperation[];
      text: string;
    }
  | {
      form: 'strategicMerge';
      location: PatchLocation;
      target?: PatchTarget;
      kind?: string;
      name?: string;
      documentIndex: number;
      text: string;
      value: Record<string, unknown>;
    };

/** A VirtualMachine an overlay renders: its name in its source and as rendered. */
export interface RenderedVmName {
  sourceName: string;
  renderedName: string;
  labels: Record<string, string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function targetOf(value: unknown): PatchTarget | undefined {
  if (!isRecord(value)) return undefined;
  const pick = (key: string) =>
    typeof value[key] === 'string' ? (value[key] as string) : undefined;
  return {
    group: pick('group'),
    version: pick('version'),
    kind: pick('kind'),
    name: pick('name'),
    namespace: pick('namespace'),
    labelSelector: pick('labelSelector'),
    annotationSelector: pick('annotationSelector'),
  };
}

function jsonOperations(text: string): JsonPatchOperation[] | undefined {
  const document = parseDocument(text);
  if (document.errors.length > 0) return undefined;
  const value = document.toJS() as unknown;
  if (!Array.isArray(value)) return undefined;
  return value.map((item, index) => ({
    index,
    op: isRecord(item) && typeof item.op === 'string' ? item.op.trim() : '',
    path:
      isRecord(item) && typeof item.path === 'string' ? item.path.trim() : '',
    hasValue: isRecord(item) && 'value' in item,
  }));
}

function strategicMergePatches(
  text: string,
  location: PatchLocation,
  target?: PatchTarget,
): OverlayPatch[] {
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) return [];
  return documents.flatMap((document, documentIndex) => {
    const value = document.toJS() as unknown;
    if (!isRecord(value)) return [];
    const metadata = isRecord(value.metadata) ? value.metadata : {};
    return [
      {
        form: 'strategicMerge' as const,
        location,
        target,
        kind: typeof value.kind === 'string' ? value.kind : undefined,
        name: typeof metadata.name === 'string' ? metadata.name : undefined,
        documentIndex,
        text,
        value,
      },
    ];
  });
}

/** Every patch of the kustomization `file` (its patch files read from `files`). */
export function overlayPatches(
  kustomization: Record<string, unknown>,
  file: string,
  files: ReadonlyMap<string, string>,
): OverlayPatch[] {
  const dir = path.posix.dirname(file);
  const result: OverlayPatch[] = [];
  const readPatchFile = (relative: string) => {
    const patchFile = path.posix.normalize(path.posix.join(dir, relative));
    return { patchFile, text: files.get(patchFile) };
  };
  for (const list of ['patches', 'patchesJson6902'] as const) {
    const entries = kustomization[list];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, index) => {
      if (!isRecord(entry)) return;
      const target = targetOf(entry.target);
      let text: string | undefined;
      let location: PatchLocation;
      if (typeof entry.patch === 'string') {
        text = entry.patch;
        location = { in: 'inline', list, index };
      } else if (typeof entry.path === 'string') {
        const read = readPatchFile(entry.path);
        text = read.text;
        location = { in: 'file', list, index, file: read.patchFile };
      } else {
        return;
      }
      if (text === undefined) return;
      const operations = jsonOperations(text);
      if (operations && (list === 'patchesJson6902' || operations.length > 0)) {
        result.push({
          form: 'json6902',
          location,
          target: target ?? {},
          operations,
          text,
        });
      } else {
        result.push(...strategicMergePatches(text, location, target));
      }
    });
  }
  const strategic = kustomization.patchesStrategicMerge;
  if (Array.isArray(strategic)) {
    strategic.forEach((entry, index) => {
      if (typeof entry !== 'string') return;
      if (
        entry.includes('\n') ||
        entry.trimStart().startsWith('apiVersion') ||
        entry.trimStart().startsWith('kind')
      ) {
        result.push(
          ...strategicMergePatches(entry, {
            in: 'inlineStrategicMerge',
            index,
          }),
        );
      } else {
        const read = readPatchFile(entry);
        if (read.text !== undefined) {
          result.push(
            ...strategicMergePatches(read.text, {
              in: 'file',
              list: 'patchesStrategicMerge',
              index,
              file: read.patchFile,
            }),
          );
        }
      }
    });
  }
  return result;
}

function regexMatches(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return pattern === value;
  }
}

function labelSelectorMatches(
  selector: string,
  labels: Record<string, string>,
): boolean | undefined {
  const terms = selector
    .split(',')
    .map(term => term.trim())
    .filter(Boolean);
  for (const term of terms) {
    const equal = /^([^!=\s]+)\s*==?\s*(\S*)$/.exec(term);
    const notEqual = /^([^!=\s]+)\s*!=\s*(\S*)$/.exec(term);
    if (equal) {
      if (labels[equal[1]] !== equal[2]) return false;
    } else if (notEqual) {
      if (labels[notEqual[1]] === notEqual[2]) return false;
    } else if (/^[^!=\s(),]+$/.test(term)) {
      if (!(term in labels)) return false;
    } else {
      return undefined; // a set-based selector: assume it may match
    }
  }
  return true;
}

/** Whether a patch reaches a VirtualMachine (by its name in its source or as rendered). */
export function patchReaches(patch: OverlayPatch, vm: RenderedVmName): boolean {
  const target = patch.target;
  if (patch.form === 'strategicMerge' && !target) {
    return (
      patch.kind === 'VirtualMachine' &&
      (patch.name === vm.sourceName || patch.name === vm.renderedName)
    );
  }
  if (!target) return false;
  if (target.kind !== undefined && !regexMatches(target.kind, 'VirtualMachine'))
    return false;
  if (target.group !== undefined && !regexMatches(target.group, 'kubevirt.io'))
    return false;
  if (
    target.name !== undefined &&
    !regexMatches(target.name, vm.sourceName) &&
    !regexMatches(target.name, vm.renderedName)
  )
    return false;
  if (
    target.labelSelector !== undefined &&
    labelSelectorMatches(target.labelSelector, vm.labels) === false
  )
    return false;
  if (
    patch.form === 'strategicMerge' &&
    patch.kind !== undefined &&
    patch.kind !== 'VirtualMachine'
  )
    return false;
  return true;
}

/** A readable name of a patch, for messages: `dev/kustomization.yaml patches[0]`. */
export function describePatch(
  patch: OverlayPatch,
  kustomizationFile: string,
): string {
  const location = patch.location;
  if (location.in === 'inline')
    return `${kustomizationFile} ${location.list}[${location.index}]`;
  if (location.in === 'inlineStrategicMerge')
    return `${kustomizationFile} patchesStrategicMerge[${location.index}]`;
  return `${location.file} (${kustomizationFile} ${location.list}[${location.index}])`;
}
