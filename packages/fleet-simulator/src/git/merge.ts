/*
 * A path-level three-way merge: the changes the source made since the merge
 * base are replayed onto the target. Both sides changing the same path
 * differently (or a file on one side where the other has a directory) is a
 * conflict, as GitHub's "not mergeable" would report it.
 */
import { mergeBase } from './history';
import { entryTypeForMode } from './objects';
import { diffTrees } from './treeDiff';
import { editTree } from './treeEdit';
import type { FileChange } from './treeDiff';
import type { GitRepository } from './repository';

export interface MergeResult {
  mergeBase: string | undefined;
  /** Paths both sides changed in different ways; empty when mergeable. */
  conflicts: string[];
  /** The merged tree, when there are no conflicts. */
  tree: string | undefined;
  /** What the source changed since the merge base. */
  sourceChanges: FileChange[];
}

function sameOutcome(a: FileChange, b: FileChange): boolean {
  return a.after?.sha === b.after?.sha && a.after?.mode === b.after?.mode;
}

function parentDirectories(path: string): string[] {
  const segments = path.split('/');
  const directories: string[] = [];
  for (let index = 1; index < segments.length; index++) {
    directories.push(segments.slice(0, index).join('/'));
  }
  return directories;
}

export function mergeCommits(
  repository: GitRepository,
  targetSha: string,
  sourceSha: string,
): MergeResult {
  const target = repository.commit(targetSha);
  const source = repository.commit(sourceSha);
  if (!target || !source) {
    throw new Error(`Cannot merge ${sourceSha} into ${targetSha}: not commits`);
  }
  const base = mergeBase(repository, targetSha, sourceSha);
  const baseTree = base ? repository.commit(base)?.tree : undefined;
  const sourceChanges = diffTrees(repository, baseTree, source.tree);
  const targetChanges = diffTrees(repository, baseTree, target.tree);

  const targetByPath = new Map(
    targetChanges.map(change => [change.path, change]),
  );
  const targetDirectories = new Set(
    targetChanges.flatMap(change => parentDirectories(change.path)),
  );
  const conflicts: string[] = [];
  const toApply: FileChange[] = [];
  for (const change of sourceChanges) {
    const onTarget = targetByPath.get(change.path);
    if (onTarget) {
      if (!sameOutcome(change, onTarget)) conflicts.push(change.path);
      continue;
    }
    const fileDirectoryClash =
      targetDirectories.has(change.path) ||
      parentDirectories(change.path).some(directory =>
        targetByPath.has(directory),
      );
    if (fileDirectoryClash) {
      conflicts.push(change.path);
      continue;
    }
    toApply.push(change);
  }
  if (conflicts.length > 0) {
    return { mergeBase: base, conflicts, tree: undefined, sourceChanges };
  }
  const tree = editTree(
    repository,
    target.tree,
    toApply.map(change => ({
      path: change.path,
      entry: change.after
        ? { ...change.after, type: entryTypeForMode(change.after.mode) }
        : null,
    })),
  );
  return { mergeBase: base, conflicts, tree, sourceChanges };
}
