/*
 * Walking commit history: ancestry, merge bases and date-ordered logs.
 */
import type { GitRepository } from './repository';

const generations = new WeakMap<GitRepository, Map<string, number>>();

/**
 * A commit's generation: 1 for a root, else one more than its highest
 * parent. An ancestor always has a lower generation than its descendants,
 * which lets history walks stop early. Memoised per repository.
 */
export function generation(repository: GitRepository, sha: string): number {
  let memo = generations.get(repository);
  if (!memo) {
    memo = new Map();
    generations.set(repository, memo);
  }
  const known = memo.get(sha);
  if (known !== undefined) return known;
  if (!repository.commit(sha)) return 0;
  const stack = [sha];
  while (stack.length > 0) {
    const current = stack[stack.length - 1];
    if (memo.has(current)) {
      stack.pop();
      continue;
    }
    const parents = repository.commit(current)?.parents ?? [];
    const pending = parents.filter(
      parent => !memo?.has(parent) && repository.commit(parent),
    );
    if (pending.length > 0) {
      stack.push(...pending);
      continue;
    }
    const parentGenerations = parents.map(parent => memo?.get(parent) ?? 0);
    memo.set(current, Math.max(0, ...parentGenerations) + 1);
    stack.pop();
  }
  return memo.get(sha) ?? 0;
}

/** Every commit reachable from `sha`, itself included. */
export function ancestors(repository: GitRepository, sha: string): Set<string> {
  const seen = new Set<string>();
  const pending = [sha];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === undefined || seen.has(current)) continue;
    const commit = repository.commit(current);
    if (!commit) continue;
    seen.add(current);
    for (const parent of commit.parents) pending.push(parent);
  }
  return seen;
}

/** Whether `ancestor` is reachable from `descendant` (or is it); walks only commits newer than the ancestor. */
export function isAncestor(
  repository: GitRepository,
  ancestor: string,
  descendant: string,
): boolean {
  if (ancestor === descendant) return true;
  const floor = generation(repository, ancestor);
  if (floor === 0 || floor >= generation(repository, descendant)) return false;
  const seen = new Set<string>();
  const pending = [descendant];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === undefined || seen.has(current)) continue;
    if (current === ancestor) return true;
    seen.add(current);
    for (const parent of repository.commit(current)?.parents ?? []) {
      if (generation(repository, parent) >= floor) pending.push(parent);
    }
  }
  return false;
}

/**
 * The nearest common ancestor of two commits: the first commit reachable
 * from `b`, breadth first, that is also reachable from `a`.
 */
export function mergeBase(
  repository: GitRepository,
  a: string,
  b: string,
): string | undefined {
  const seen = new Set<string>();
  const queue = [b];
  for (let index = 0; index < queue.length; index++) {
    const current = queue[index];
    if (seen.has(current)) continue;
    seen.add(current);
    if (isAncestor(repository, current, a)) return current;
    for (const parent of repository.commit(current)?.parents ?? []) {
      queue.push(parent);
    }
  }
  return undefined;
}

/** Commits reachable from `head` but not from `base`, newest first (like `git log base..head`). */
export function commitsBetween(
  repository: GitRepository,
  base: string | undefined,
  head: string,
): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const pending = [head];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === undefined || seen.has(current)) continue;
    seen.add(current);
    const commit = repository.commit(current);
    if (!commit || (base && isAncestor(repository, current, base))) continue;
    found.push(current);
    pending.push(...commit.parents);
  }
  const time = (sha: string) =>
    repository.commit(sha)?.committer.epochSeconds ?? 0;
  return found
    .map((sha, order) => ({ sha, order }))
    .sort((x, y) => time(y.sha) - time(x.sha) || x.order - y.order)
    .map(entry => entry.sha);
}

/**
 * Commits reachable from `start`, newest committer date first, as
 * `git log` lists them. Stops after `limit` commits when given.
 */
export function log(
  repository: GitRepository,
  start: string,
  options: { limit?: number; exclude?: Set<string> } = {},
): string[] {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const exclude = options.exclude ?? new Set<string>();
  const result: string[] = [];
  const seen = new Set<string>([start]);
  const frontier: Array<{ sha: string; time: number }> = [];
  const enqueue = (sha: string) => {
    const commit = repository.commit(sha);
    if (!commit || exclude.has(sha)) return;
    const time = commit.committer.epochSeconds;
    let index = frontier.length;
    while (index > 0 && frontier[index - 1].time < time) index--;
    frontier.splice(index, 0, { sha, time });
  };
  enqueue(start);
  while (frontier.length > 0 && result.length < limit) {
    const next = frontier.shift();
    if (!next) break;
    result.push(next.sha);
    for (const parent of repository.commit(next.sha)?.parents ?? []) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      enqueue(parent);
    }
  }
  return result;
}
