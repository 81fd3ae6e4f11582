/*
 * Builds a new tree from a base tree and a list of path edits, rewriting
 * only the subtrees on the edited paths (unchanged subtrees keep their SHA).
 */
import type { FileMode, TreeEntry, TreeEntryType } from './objects';
import type { GitRepository } from './repository';

export interface TreeEdit {
  /** Slash-separated path relative to the root tree. */
  path: string;
  /** What to put at the path; `null` removes the path (and everything under it). */
  entry: { mode: FileMode; type: TreeEntryType; sha: string } | null;
}

/** Thrown when an edit removes a path that the base tree does not have. */
export class MissingPathError extends Error {
  constructor(readonly path: string) {
    super(`Path '${path}' does not exist in the base tree`);
    this.name = 'MissingPathError';
  }
}

interface SegmentedEdit {
  segments: string[];
  fullPath: string;
  entry: TreeEdit['entry'];
}

export function splitPath(path: string): string[] {
  return path.split('/').filter(segment => segment.length > 0);
}

/** True when every segment is a name Git accepts in a tree. */
export function isValidTreePath(path: string): boolean {
  if (path.length === 0 || path.startsWith('/') || path.endsWith('/')) {
    return false;
  }
  return path
    .split('/')
    .every(
      segment =>
        segment.length > 0 &&
        segment !== '.' &&
        segment !== '..' &&
        segment !== '.git' &&
        !segment.includes('\0'),
    );
}

/** Applies `edits` in order on top of `baseTreeSha` (or an empty tree) and returns the new tree's SHA. */
export function editTree(
  repository: GitRepository,
  baseTreeSha: string | undefined,
  edits: TreeEdit[],
): string {
  const segmented = edits.map(edit => ({
    segments: splitPath(edit.path),
    fullPath: edit.path,
    entry: edit.entry,
  }));
  return (
    applyEdits(repository, baseTreeSha, segmented) ?? repository.writeTree([])
  );
}

function applyEdits(
  repository: GitRepository,
  treeSha: string | undefined,
  edits: SegmentedEdit[],
): string | undefined {
  const entries = new Map<string, TreeEntry>();
  const base = treeSha ? repository.tree(treeSha) : undefined;
  for (const entry of base?.entries ?? []) entries.set(entry.name, entry);

  const byName = new Map<string, SegmentedEdit[]>();
  for (const edit of edits) {
    const [name] = edit.segments;
    const group = byName.get(name);
    if (group) group.push(edit);
    else byName.set(name, [edit]);
  }

  for (const [name, group] of byName) {
    let current = entries.get(name);
    const deeper: SegmentedEdit[] = [];
    for (const edit of group) {
      if (edit.segments.length > 1) {
        deeper.push({ ...edit, segments: edit.segments.slice(1) });
        continue;
      }
      if (edit.entry === null) {
        if (!current) throw new MissingPathError(edit.fullPath);
        current = undefined;
      } else {
        current = { name, ...edit.entry };
      }
    }
    if (deeper.length > 0) {
      const subtreeSha = current?.type === 'tree' ? current.sha : undefined;
      const rewritten = applyEdits(repository, subtreeSha, deeper);
      current = rewritten
        ? { name, mode: '040000', type: 'tree', sha: rewritten }
        : undefined;
    }
    if (current) entries.set(name, current);
    else entries.delete(name);
  }

  if (entries.size === 0) return undefined;
  return repository.writeTree([...entries.values()]);
}
