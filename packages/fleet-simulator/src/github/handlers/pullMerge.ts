/*
 * The merge button: a merge commit (or a squash) on the base branch, when
 * the pull request is open, not a draft, at the expected head, and free of
 * conflicts.
 */
import { mergeCommits } from '../../git/merge';
import { GithubApiError } from '../http/errors';
import { bodyObject, optionalEnum, optionalString } from '../http/input';
import { analysePull, refreshPull, snapshotOf } from '../pullAnalysis';
import { REPO, json, pullOf, repoOf } from './common';
import type { GithubContext, Route } from '../http/route';
import type { PullRecord, RepoRecord } from '../model';
import type { MergeMethod } from '../types';

export interface MergeOptions {
  method: MergeMethod;
  /** The head SHA the caller reviewed; a different current head is a 409. */
  expectedHeadSha?: string;
  commitTitle?: string;
  commitMessage?: string;
}

function notMergeable(detail: string): GithubApiError {
  return new GithubApiError(
    405,
    'Pull Request is not mergeable',
    undefined,
    detail,
  );
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}

export function mergePull(
  context: GithubContext,
  repo: RepoRecord,
  pull: PullRecord,
  options: MergeOptions,
): { sha: string } {
  const { model, urls } = context;
  refreshPull(model, repo, pull);
  if (pull.state !== 'open') {
    throw notMergeable(pull.mergedAt ? 'it is already merged' : 'it is closed');
  }
  if (pull.draft)
    throw new GithubApiError(
      405,
      'Pull Request is still a draft',
      undefined,
      'it is a draft',
    );
  if (options.expectedHeadSha && options.expectedHeadSha !== pull.headSha) {
    throw new GithubApiError(
      409,
      'Head branch was modified. Review and try the merge again.',
    );
  }
  const result = mergeCommits(repo.git, pull.baseSha, pull.headSha);
  if (!result.tree) {
    throw notMergeable(
      `the base branch changed the same paths: ${result.conflicts.join(', ')}`,
    );
  }
  const analysis = analysePull(model, repo, pull);
  const committer = model.signature(
    'GitHub Enterprise',
    `noreply@${urls.host.replace(/:\d+$/, '')}`,
  );
  let sha: string;
  if (options.method === 'squash') {
    const messages = [...analysis.commits]
      .reverse()
      .map(
        commitSha =>
          `* ${firstLine(repo.git.commit(commitSha)?.message ?? '')}`,
      );
    const title = options.commitTitle ?? `${pull.title} (#${pull.number})`;
    const body = options.commitMessage ?? messages.join('\n\n');
    sha = repo.git.writeCommit({
      tree: result.tree,
      parents: [pull.baseSha],
      author: model.signature(pull.author, model.noreplyEmail(pull.author)),
      committer,
      message: body ? `${title}\n\n${body}` : title,
    });
  } else {
    const title =
      options.commitTitle ??
      `Merge pull request #${pull.number} from ${repo.owner.login}/${pull.headRef}`;
    const body = options.commitMessage ?? pull.title;
    sha = repo.git.writeCommit({
      tree: result.tree,
      parents: [pull.baseSha, pull.headSha],
      author: model.signature(
        model.viewer.login,
        model.noreplyEmail(model.viewer.login),
      ),
      committer,
      message: body ? `${title}\n\n${body}` : title,
    });
  }
  const now = model.timestamp();
  pull.mergedSnapshot = snapshotOf(analysis);
  pull.state = 'closed';
  pull.mergedAt = now;
  pull.closedAt = now;
  pull.updatedAt = now;
  pull.mergedBy = model.viewer.login;
  pull.mergeCommitSha = sha;
  // Move the branch last, so listeners already see the pull request as merged.
  model.updateRef(repo, `refs/heads/${pull.baseRef}`, sha);
  return { sha };
}

export const mergeRoutes: Route[] = [
  {
    method: 'PUT',
    pattern: new RegExp(`${REPO}/pulls/(\\d+)/merge$`),
    docs: 'pulls/pulls#merge-a-pull-request',
    handle(request, context) {
      const repo = repoOf(request, context);
      const pull = pullOf(repo, request.params[2]);
      const body = bodyObject(request.body);
      const method =
        optionalEnum(body, 'merge_method', [
          'merge',
          'squash',
          'rebase',
        ] as const) ?? 'merge';
      if (method === 'rebase') {
        throw new GithubApiError(
          405,
          'Rebase merges are not allowed on this repository.',
        );
      }
      const { sha } = mergePull(context, repo, pull, {
        method,
        expectedHeadSha: optionalString(body, 'sha'),
        commitTitle: optionalString(body, 'commit_title'),
        commitMessage: optionalString(body, 'commit_message'),
      });
      return json(200, {
        sha,
        merged: true,
        message: 'Pull Request successfully merged',
      });
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/pulls/(\\d+)/merge$`),
    docs: 'pulls/pulls#check-if-a-pull-request-has-been-merged',
    handle(request, context: GithubContext) {
      const repo = repoOf(request, context);
      const pull = pullOf(repo, request.params[2]);
      if (!pull.mergedAt) throw new GithubApiError(404, 'Not Found');
      return { status: 204 };
    },
  },
];
