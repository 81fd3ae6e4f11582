/*
 * Where one pull request stands (open, merged, closed), read through the
 * same GitHub layer as the writer: for the backend's request tracker when
 * no webhook told it a tracked pull request was merged or closed.
 */
import type { GitopsRepository } from '@internal/plugin-kubevirt-gitops-common';
import type { GithubClientFactory } from './githubCredentials';
import { callGithub } from './githubErrors';

/**
 * A pull request's state.
 *
 * @public
 */
export interface PullRequestState {
  state: 'open' | 'merged' | 'closed';
  title?: string;
  /** ISO time it was merged or closed. */
  closedAt?: string;
  /** The merge commit on the base branch (merged only). */
  mergeCommitSha?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * Reads one pull request's state (one `GET /repos/{owner}/{repo}/pulls/{n}`).
 *
 * @public
 */
export async function readPullRequestState(options: {
  clientFactory: GithubClientFactory;
  repository: GitopsRepository;
  baseBranch: string;
  number: number;
}): Promise<PullRequestState> {
  const { repository, number } = options;
  const client = await options.clientFactory(repository);
  const { data } = await callGithub(
    {
      action: `reading pull request #${number}`,
      host: repository.host,
      owner: repository.owner,
      repo: repository.repo,
      baseBranch: options.baseBranch,
      access: 'read',
    },
    () =>
      client.pulls.get({
        owner: repository.owner,
        repo: repository.repo,
        pull_number: number,
      }),
  );
  const fields = data as unknown as Record<string, unknown>;
  const title = text(fields.title);
  const mergedAt = text(fields.merged_at);
  const closedAt = text(fields.closed_at);
  const mergeCommitSha = text(fields.merge_commit_sha);
  if (mergedAt || fields.merged === true) {
    return {
      state: 'merged',
      ...(title ? { title } : {}),
      ...(mergedAt ? { closedAt: mergedAt } : {}),
      ...(mergeCommitSha ? { mergeCommitSha } : {}),
    };
  }
  if (fields.state === 'closed') {
    return {
      state: 'closed',
      ...(title ? { title } : {}),
      ...(closedAt ? { closedAt } : {}),
    };
  }
  return { state: 'open', ...(title ? { title } : {}) };
}
