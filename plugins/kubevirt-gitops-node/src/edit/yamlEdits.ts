/*
 * Small edits on parsed YAML documents that keep comments and formatting:
 * set or remove a value at a path, and drop maps left empty.
 */
import { isMap, isScalar, type Document, type YAMLMap } from 'yaml';
import type { FieldAssignment } from './vmFields';

/** Removes empty maps along `path` (deepest first), never the root. */
export function pruneEmptyParents(document: Document, path: readonly string[]): void {
  for (let depth = path.length - 1; depth >= 1; depth--) {
    const parentPath = path.slice(0, depth);
    const node = document.getIn(parentPath, true);
    if (isMap(node) && node.items.length === 0) {
      document.deleteIn(parentPath);
    } else {
      return;
    }
  }
}

/** Removes the value at `path` if it is there, then drops emptied parents. */
export function removeAt(document: Document, path: readonly string[]): boolean {
  if (!document.hasIn(path)) {
    return false;
  }
  document.deleteIn(path);
  pruneEmptyParents(document, path);
  return true;
}

type PlainValue = FieldAssignment['value'];

/**
 * Sets `value` at `path`, creating missing parent maps as plain block maps
 * (the yaml library's own path creation writes `!!omap` under YAML 1.1).
 */
export function setDeep(document: Document, path: readonly string[], value: PlainValue): void {
  let depth = path.length - 1;
  while (depth > 0 && !isMap(document.getIn(path.slice(0, depth), true))) {
    depth--;
  }
  const nested = path
    .slice(depth + 1)
    .reduceRight<PlainValue | { [key: string]: unknown }>((inner, key) => ({ [key]: inner }), value);
  document.setIn(path.slice(0, depth + 1), document.createNode(nested));
}

/**
 * Applies assignments to a resource document: `null` removes the field
 * (a resource never stores null), anything else sets it.
 */
export function assignInResource(document: Document, assignments: readonly FieldAssignment[]): void {
  for (const { path, value } of assignments) {
    if (value === null) {
      removeAt(document, path);
    } else {
      setDeep(document, path, value);
    }
  }
}

/**
 * Applies assignments to a strategic-merge patch: `null` is written (it
 * removes the field from the patched resource).
 */
export function assignInPatch(document: Document, assignments: readonly FieldAssignment[]): void {
  for (const { path, value } of assignments) {
    setDeep(document, path, value);
  }
}

/** The string value at `path` of a map node, if it is a scalar string. */
export function stringIn(node: YAMLMap | undefined, path: readonly string[]): string | undefined {
  let current: unknown = node;
  for (const key of path) {
    if (!isMap(current)) return undefined;
    current = current.get(key, true);
  }
  return isScalar(current) && typeof current.value === 'string' ? current.value : undefined;
}
