/*
 * RFC 6902 JSON Patch over plain JSON values, with kustomize's error wording
 * kept close enough for a reviewer to recognise.
 */
import type { JsonValue } from '@backstage/types';
import { KustomizeBuildError } from './types';

/** One JSON Patch operation. */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: JsonValue;
  from?: string;
}

function decodeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new KustomizeBuildError(`JSON pointer "${pointer}" must start with '/'`);
  }
  return pointer.slice(1).split('/').map(decodeSegment);
}

function isContainer(value: JsonValue | undefined): value is JsonValue[] | { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null;
}

function clone<T extends JsonValue>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function arrayIndex(array: JsonValue[], segment: string, forAdd: boolean, pointer: string): number {
  if (forAdd && segment === '-') return array.length;
  if (!/^(0|[1-9][0-9]*)$/.test(segment)) {
    throw new KustomizeBuildError(`"${segment}" is not an array index in ${pointer}`);
  }
  const index = Number(segment);
  const max = forAdd ? array.length : array.length - 1;
  if (index > max) {
    throw new KustomizeBuildError(`array index ${index} out of range in ${pointer}`);
  }
  return index;
}

function parentOf(document: JsonValue, segments: string[], pointer: string) {
  let current: JsonValue = document;
  for (const segment of segments.slice(0, -1)) {
    if (Array.isArray(current)) {
      current = current[arrayIndex(current, segment, false, pointer)];
    } else if (isContainer(current) && segment in current) {
      current = current[segment];
    } else {
      throw new KustomizeBuildError(`path ${pointer} does not exist`);
    }
  }
  if (!isContainer(current)) {
    throw new KustomizeBuildError(`path ${pointer} does not exist`);
  }
  return current;
}

function getAt(document: JsonValue, pointer: string): JsonValue {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return document;
  const parent = parentOf(document, segments, pointer);
  const last = segments[segments.length - 1];
  if (Array.isArray(parent)) return parent[arrayIndex(parent, last, false, pointer)];
  if (!(last in parent)) throw new KustomizeBuildError(`path ${pointer} does not exist`);
  return parent[last];
}

function removeAt(document: JsonValue, pointer: string): JsonValue {
  const segments = parsePointer(pointer);
  if (segments.length === 0) throw new KustomizeBuildError('cannot remove the whole document');
  const parent = parentOf(document, segments, pointer);
  const last = segments[segments.length - 1];
  if (Array.isArray(parent)) {
    const [removed] = parent.splice(arrayIndex(parent, last, false, pointer), 1);
    return removed;
  }
  if (!(last in parent)) throw new KustomizeBuildError(`path ${pointer} does not exist`);
  const removed = parent[last];
  delete parent[last];
  return removed;
}

function addAt(document: JsonValue, pointer: string, value: JsonValue, replace: boolean): JsonValue {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return value;
  const parent = parentOf(document, segments, pointer);
  const last = segments[segments.length - 1];
  if (Array.isArray(parent)) {
    const index = arrayIndex(parent, last, !replace, pointer);
    parent.splice(index, replace ? 1 : 0, value);
  } else {
    if (replace && !(last in parent)) {
      throw new KustomizeBuildError(`replace operation does not apply: doc is missing key: ${pointer}`);
    }
    parent[last] = value;
  }
  return document;
}

/** Applies operations to a copy of `document`. */
export function applyJsonPatch(document: JsonValue, operations: readonly JsonPatchOperation[]): JsonValue {
  let result = clone(document);
  for (const operation of operations) {
    switch (operation.op) {
      case 'add':
        result = addAt(result, operation.path, clone(operation.value ?? null), false);
        break;
      case 'replace':
        result = addAt(result, operation.path, clone(operation.value ?? null), true);
        break;
      case 'remove':
        removeAt(result, operation.path);
        break;
      case 'move': {
        const moved = removeAt(result, operation.from ?? '');
        result = addAt(result, operation.path, moved, false);
        break;
      }
      case 'copy':
        result = addAt(result, operation.path, clone(getAt(result, operation.from ?? '')), false);
        break;
      case 'test':
        if (JSON.stringify(getAt(result, operation.path)) !== JSON.stringify(operation.value ?? null)) {
          throw new KustomizeBuildError(`test operation failed at ${operation.path}`);
        }
        break;
      default:
        throw new KustomizeBuildError(`unknown JSON patch operation`);
    }
  }
  return result;
}
