/*
 * What a pull request would change and whether it merges cleanly, computed
 * from its current head and base and cached per (base, head) pair.
 */
import { commitsBetween } from '../git/history';
import { mergeCommits } from '../git/merge';
import { lineChanges } from './patch';
import type { FileChangeStatus } from '../git/treeDiff';
import type { LineChanges } from './patch';
import type {
  GithubModel,
  PullRecord,
  PullSnapshot,
  RepoRecord,
} from './model';

export interface AnalysedFile extends LineChanges {
  path: string;
  status: FileChangeStatus;
  beforeSha?: string;
  afterSha?: string;
}

export interface PullAnalysis {
  /** null once the pull request is closed. */
  mergeable: boolean | null;
  conflicts: string[];
  mergeBase: string | undefined;
  /** Commits on the head since the merge base, newest first. */
  commits: string[];
  files: AnalysedFile[];
  additions: number;
  deletions: number;
}

const CACHE_SIZE = 256;
const cache = new WeakMap<RepoRecord, Map<string, PullAnalysis>>();

/** Moves an open pull request's head and base SHAs to where their branches point now. */
export function refreshPull(
  model: GithubModel,
  repo: RepoRecord,
  pull: PullRecord,
): void {
  if (pull.state !== 'open') return;
  pull.headSha = model.branchSha(repo, pull.headRef) ?? pull.headSha;
  pull.baseSha = model.branchSha(repo, pull.baseRef) ?? pull.baseSha;
}

function describeFiles(
  repo: RepoRecord,
  snapshot: PullSnapshot,
): AnalysedFile[] {
  return snapshot.files.map(file => ({
    ...file,
    ...lineChanges(
      file.beforeSha ? repo.git.blob(file.beforeSha)?.content : undefined,
      file.afterSha ? repo.git.blob(file.afterSha)?.content : undefined,
    ),
  }));
}

function summarise(
  repo: RepoRecord,
  snapshot: PullSnapshot,
  mergeable: boolean | null,
  conflicts: string[],
): PullAnalysis {
  const files = describeFiles(repo, snapshot);
  return {
    mergeable,
    conflicts,
    mergeBase: snapshot.mergeBase,
    commits: snapshot.commits,
    files,
    additions: files.reduce((sum, file) => sum + file.additions, 0),
    deletions: files.reduce((sum, file) => sum + file.deletions, 0),
  };
}

/** Analyses merging `headSha` into `baseSha` (no caching, no pull request needed). */
export function analyseMerge(
  repo: RepoRecord,
  baseSha: string,
  headSha: string,
): PullAnalysis {
  const result = mergeCommits(repo.git, baseSha, headSha);
  const snapshot: PullSnapshot = {
    mergeBase: result.mergeBase,
    commits: commitsBetween(repo.git, result.mergeBase, headSha),
    files: result.sourceChanges.map(change => ({
      path: change.path,
      status: change.status,
      beforeSha: change.before?.sha,
      afterSha: change.after?.sha,
    })),
  };
  return summarise(
    repo,
    snapshot,
    result.conflicts.length === 0,
    result.conflicts,
  );
}

export function analysePull(
  model: GithubModel,
  repo: RepoRecord,
  pull: PullRecord,
): PullAnalysis {
  refreshPull(model, repo, pull);
  if (pull.mergedSnapshot)
    return summarise(repo, pull.mergedSnapshot, null, []);
  const key = `${pull.baseSha}:${pull.headSha}`;
  let perRepo = cache.get(repo);
  if (!perRepo) {
    perRepo = new Map();
    cache.set(repo, perRepo);
  }
  let analysis = perRepo.get(key);
  if (!analysis) {
    analysis = analyseMerge(repo, pull.baseSha, pull.headSha);
    if (perRepo.size >= CACHE_SIZE) {
      const oldest = perRepo.keys().next();
      if (!oldest.done) perRepo.delete(oldest.value);
    }
    perRepo.set(key, analysis);
  }
  return pull.state === 'open' ? analysis : { ...analysis, mergeable: null };
}

/** Freezes what a pull request changed, so it still lists its files after the merge. */
export function snapshotOf(analysis: PullAnalysis): PullSnapshot {
  return {
    mergeBase: analysis.mergeBase,
    commits: analysis.commits,
    files: analysis.files.map(({ path, status, beforeSha, afterSha }) => ({
      path,
      status,
      beforeSha,
      afterSha,
    })),
  };
}
