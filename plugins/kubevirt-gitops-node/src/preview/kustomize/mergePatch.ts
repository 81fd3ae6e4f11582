/*
 * A strategic-merge patch on a resource kustomize has no schema for (custom
 * resources such as VirtualMachine): maps merge, lists and scalars replace,
 * null deletes, as in RFC 7386.
 */
import type { JsonValue } from '@backstage/types';
import { UnsupportedKustomizationError } from './types';

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges `patch` into `target` (both plain JSON), returning a new value. */
export function applyMergePatch(target: JsonValue, patch: JsonValue): JsonValue {
  if (!isObject(patch)) {
    return patch;
  }
  const result: { [key: string]: JsonValue } = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) {
      throw new UnsupportedKustomizationError(
        `strategic merge directive "${key}" is not supported by the preview`,
      );
    }
    if (value === null) {
      delete result[key];
    } else {
      result[key] = applyMergePatch(result[key] ?? null, value);
    }
  }
  return result;
}
