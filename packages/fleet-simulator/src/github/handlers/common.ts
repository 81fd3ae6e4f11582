/*
 * Look-ups every handler needs: the repository, pull request or commit a
 * request names, or GitHub's 404.
 */
import { notFound } from '../http/errors';
import type { CommitObject } from '../../git/objects';
import type { ApiRequest, GithubContext } from '../http/route';
import type { PullRecord, RepoRecord } from '../model';

/** GitHub refuses issue, pull request and comment bodies longer than this. */
export const MAX_BODY_LENGTH = 65536;

/** Pattern prefix matching `/repos/{owner}/{repo}`. */
export const REPO = '^/repos/([^/]+)/([^/]+)';

export function repoOf(
  request: ApiRequest,
  context: GithubContext,
): RepoRecord {
  const [owner, name] = request.params;
  const repo = context.model.repo(owner, name);
  if (!repo) throw notFound();
  return repo;
}

export function pullOf(repo: RepoRecord, numberText: string): PullRecord {
  const pull = repo.pulls.get(Number(numberText));
  if (!pull) throw notFound();
  return pull;
}

export function commitOf(
  repo: RepoRecord,
  ref: string,
): { sha: string; commit: CommitObject } {
  const sha = repo.git.resolveCommit(ref);
  const commit = sha ? repo.git.commit(sha) : undefined;
  if (!sha || !commit) throw notFound();
  return { sha, commit };
}

export function json(
  status: number,
  body: unknown,
  headers?: Record<string, string>,
) {
  return { status, body, headers };
}
