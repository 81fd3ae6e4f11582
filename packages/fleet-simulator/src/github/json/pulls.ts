/*
 * Pull requests (`pull-request` and `pull-request-simple`) and their files (`diff-entry`).
 */
import { encodePath } from '../urls';
import { simpleUser, teamSimple } from './accounts';
import { authorAssociation, pullLabels } from './issues';
import { repositoryJson } from './repository';
import { analysePull } from '../pullAnalysis';
import type { GithubContext } from '../http/route';
import type { PullRecord, RepoRecord, TeamRecord } from '../model';
import type { AnalysedFile } from '../pullAnalysis';

function branchJson(
  context: GithubContext,
  repo: RepoRecord,
  ref: string,
  sha: string,
) {
  return {
    label: `${repo.owner.login}:${ref}`,
    ref,
    sha,
    user: simpleUser(context, repo.owner),
    repo: repositoryJson(context, repo),
  };
}

export function pullRequestSimpleJson(
  context: GithubContext,
  repo: RepoRecord,
  pull: PullRecord,
) {
  const { model, urls } = context;
  const api = urls.repoApi(repo.owner.login, repo.name);
  const self = `${api}/pulls/${pull.number}`;
  const html = urls.pullHtml(repo.owner.login, repo.name, pull.number);
  const issue = `${api}/issues/${pull.number}`;
  const statuses = `${api}/statuses/${pull.headSha}`;
  const teams = pull.requestedTeams
    .map(slug => model.team(repo.owner.login, slug))
    .filter((team): team is TeamRecord => team !== undefined);
  return {
    url: self,
    id: pull.id,
    node_id: pull.nodeId,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issue,
    commits_url: `${self}/commits`,
    review_comments_url: `${self}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${issue}/comments`,
    statuses_url: statuses,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: simpleUser(context, model.account(pull.author)),
    body: pull.body,
    labels: pullLabels(context, repo, pull),
    milestone: null,
    active_lock_reason: null,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: pull.requestedReviewers.map(login =>
      simpleUser(context, model.account(login)),
    ),
    requested_teams: teams.map(team => teamSimple(context, team)),
    head: branchJson(context, repo, pull.headRef, pull.headSha),
    base: branchJson(context, repo, pull.baseRef, pull.baseSha),
    _links: {
      self: { href: self },
      html: { href: html },
      issue: { href: issue },
      comments: { href: `${issue}/comments` },
      review_comments: { href: `${self}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${self}/commits` },
      statuses: { href: statuses },
    },
    author_association: authorAssociation(repo, pull.author),
    auto_merge: null,
    draft: pull.draft,
  };
}

function mergeableState(pull: PullRecord, mergeable: boolean | null): string {
  if (pull.state !== 'open' || mergeable === null) return 'unknown';
  if (!mergeable) return 'dirty';
  return pull.draft ? 'draft' : 'clean';
}

export function pullRequestJson(
  context: GithubContext,
  repo: RepoRecord,
  pull: PullRecord,
) {
  const analysis = analysePull(context.model, repo, pull);
  return {
    ...pullRequestSimpleJson(context, repo, pull),
    merged: pull.mergedAt !== null,
    mergeable: analysis.mergeable,
    rebaseable: analysis.mergeable,
    mergeable_state: mergeableState(pull, analysis.mergeable),
    merged_by: pull.mergedBy
      ? simpleUser(context, context.model.account(pull.mergedBy))
      : null,
    comments: pull.comments.length,
    review_comments: 0,
    maintainer_can_modify: pull.maintainerCanModify,
    commits: analysis.commits.length,
    additions: analysis.additions,
    deletions: analysis.deletions,
    changed_files: analysis.files.length,
  };
}

export function diffEntryJson(
  context: GithubContext,
  repo: RepoRecord,
  ref: string,
  file: AnalysedFile,
) {
  const { urls } = context;
  const owner = repo.owner.login;
  return {
    sha: file.afterSha ?? file.beforeSha ?? '',
    filename: file.path,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: urls.blobHtml(owner, repo.name, ref, file.path),
    raw_url: `${urls.repoHtml(owner, repo.name)}/raw/${ref}/${encodePath(
      file.path,
    )}`,
    contents_url: urls.contents(owner, repo.name, file.path, ref),
    ...(file.patch !== undefined ? { patch: file.patch } : {}),
  };
}
