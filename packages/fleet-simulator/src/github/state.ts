/*
 * The JSON-serialisable summary behind the control API's `GET /state`.
 */
import { refreshPull } from './pullAnalysis';
import type { GithubContext } from './http/route';
import type { PullRecord, RepoRecord } from './model';
import type { GithubState, PullRequestState, RepositoryState } from './types';

function pullState(
  context: GithubContext,
  repo: RepoRecord,
  pull: PullRecord,
): PullRequestState {
  refreshPull(context.model, repo, pull);
  return {
    number: pull.number,
    title: pull.title,
    state: pull.state,
    merged: pull.mergedAt !== null,
    draft: pull.draft,
    htmlUrl: context.urls.pullHtml(repo.owner.login, repo.name, pull.number),
    author: pull.author,
    head: { ref: pull.headRef, sha: pull.headSha },
    base: { ref: pull.baseRef, sha: pull.baseSha },
    labels: [...pull.labels],
    requestedReviewers: [...pull.requestedReviewers],
    requestedTeams: [...pull.requestedTeams],
    comments: pull.comments.length,
    createdAt: pull.createdAt,
    updatedAt: pull.updatedAt,
    closedAt: pull.closedAt,
    mergedAt: pull.mergedAt,
    mergeCommitSha: pull.mergeCommitSha,
  };
}

function repositoryState(
  context: GithubContext,
  repo: RepoRecord,
): RepositoryState {
  return {
    owner: repo.owner.login,
    repo: repo.name,
    defaultBranch: repo.defaultBranch,
    headSha: context.model.branchSha(repo, repo.defaultBranch) ?? '',
    branches: repo.git
      .listRefs('refs/heads/')
      .map(({ ref, sha }) => ({ name: ref.slice('refs/heads/'.length), sha })),
    pulls: [...repo.pulls.values()].map(pull => pullState(context, repo, pull)),
  };
}

export function githubState(context: GithubContext): GithubState {
  return {
    repos: context.model.repos().map(repo => repositoryState(context, repo)),
  };
}
