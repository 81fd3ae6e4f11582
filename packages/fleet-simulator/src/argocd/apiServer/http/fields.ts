/**
 * ArgoCD's `fields` response projection (e.g.
 * `items.metadata.name,items.status.health`): only the listed paths are kept;
 * a path through an array applies to each element.
 */
export type FieldTree = Map<string, FieldTree>;

/** Parses a comma-separated `fields` value into a tree of kept paths. */
export function parseFields(fields: string): FieldTree {
  const root: FieldTree = new Map();
  for (const path of fields
    .split(',')
    .map(f => f.trim())
    .filter(Boolean)) {
    let node = root;
    for (const segment of path.split('.')) {
      let child = node.get(segment);
      if (!child) {
        child = new Map();
        node.set(segment, child);
      }
      node = child;
    }
  }
  return root;
}

/** Keeps only the paths of `tree` in `value` (a leaf keeps its whole value). */
export function project(value: unknown, tree: FieldTree): unknown {
  if (tree.size === 0) return value;
  if (Array.isArray(value)) return value.map(item => project(item, tree));
  if (typeof value !== 'object' || value === null) return undefined;
  const source = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [key, child] of tree) {
    if (key in source) {
      const projected = project(source[key], child);
      if (projected !== undefined) result[key] = projected;
    }
  }
  return result;
}
