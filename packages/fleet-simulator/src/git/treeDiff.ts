/*
 * File-level differences between two trees. Subtrees with equal SHAs are
 * skipped without being read, so diffs cost what changed, not repo size.
 */
import type { TreeEntry } from './objects';
import type { FileEntry, GitRepository } from './repository';

export type FileChangeStatus = 'added' | 'removed' | 'modified';

export interface FileChange {
  path: string;
  status: FileChangeStatus;
  before?: FileEntry;
  after?: FileEntry;
}

export function diffTrees(
  repository: GitRepository,
  beforeTreeSha: string | undefined,
  afterTreeSha: string | undefined,
): FileChange[] {
  const changes: FileChange[] = [];
  diffInto(repository, beforeTreeSha, afterTreeSha, '', changes);
  return changes.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function entriesByName(
  repository: GitRepository,
  treeSha: string | undefined,
): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  const tree = treeSha ? repository.tree(treeSha) : undefined;
  for (const entry of tree?.entries ?? []) entries.set(entry.name, entry);
  return entries;
}

function diffInto(
  repository: GitRepository,
  beforeTreeSha: string | undefined,
  afterTreeSha: string | undefined,
  prefix: string,
  changes: FileChange[],
): void {
  if (beforeTreeSha === afterTreeSha) return;
  const before = entriesByName(repository, beforeTreeSha);
  const after = entriesByName(repository, afterTreeSha);
  const names = new Set([...before.keys(), ...after.keys()]);
  for (const name of names) {
    const path = prefix ? `${prefix}/${name}` : name;
    const old = before.get(name);
    const current = after.get(name);
    if (
      old &&
      current &&
      old.sha === current.sha &&
      old.mode === current.mode
    ) {
      continue;
    }
    const oldTree = old?.type === 'tree' ? old.sha : undefined;
    const newTree = current?.type === 'tree' ? current.sha : undefined;
    if (oldTree || newTree) {
      diffInto(repository, oldTree, newTree, path, changes);
    }
    const oldFile = old && old.type !== 'tree' ? toFile(old) : undefined;
    const newFile =
      current && current.type !== 'tree' ? toFile(current) : undefined;
    if (oldFile && newFile) {
      changes.push({
        path,
        status: 'modified',
        before: oldFile,
        after: newFile,
      });
    } else if (oldFile) {
      changes.push({ path, status: 'removed', before: oldFile });
    } else if (newFile) {
      changes.push({ path, status: 'added', after: newFile });
    }
  }
}

function toFile(entry: TreeEntry): FileEntry {
  return { mode: entry.mode, sha: entry.sha };
}
