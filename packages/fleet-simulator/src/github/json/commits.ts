/*
 * Commits as the Repositories API shows them (`commit`, `combined-commit-status`).
 */
import { diffTrees } from '../../git/treeDiff';
import { lineChanges } from '../patch';
import { simpleUser } from './accounts';
import { gitUserJson, UNSIGNED } from './git';
import { diffEntryJson } from './pulls';
import { repositoryJson } from './repository';
import type { CommitObject, GitSignature } from '../../git/objects';
import type { GithubContext } from '../http/route';
import type { RepoRecord } from '../model';

/** The GitHub account a commit signature belongs to, if GitHub would link one. */
function accountFor(context: GithubContext, signature: GitSignature) {
  const noreply = /^(?:\d+\+)?([^@]+)@users\.noreply\./.exec(signature.email);
  const login =
    noreply?.[1] ??
    (context.model.isKnownUser(signature.name) ? signature.name : undefined);
  return login ? simpleUser(context, context.model.account(login)) : null;
}

export function commitJson(
  context: GithubContext,
  repo: RepoRecord,
  sha: string,
  commit: CommitObject,
  withFiles: boolean,
) {
  const api = context.urls.repoApi(repo.owner.login, repo.name);
  const html = context.urls.repoHtml(repo.owner.login, repo.name);
  const base = {
    url: `${api}/commits/${sha}`,
    sha,
    node_id: context.model.nodeId('C', sha),
    html_url: `${html}/commit/${sha}`,
    comments_url: `${api}/commits/${sha}/comments`,
    commit: {
      url: `${api}/git/commits/${sha}`,
      author: gitUserJson(commit.author),
      committer: gitUserJson(commit.committer),
      message: commit.message,
      comment_count: 0,
      tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
      verification: UNSIGNED,
    },
    author: accountFor(context, commit.author),
    committer: accountFor(context, commit.committer),
    parents: commit.parents.map(parent => ({
      sha: parent,
      url: `${api}/commits/${parent}`,
      html_url: `${html}/commit/${parent}`,
    })),
  };
  if (!withFiles) return base;
  const parentTree =
    commit.parents.length > 0
      ? repo.git.commit(commit.parents[0])?.tree
      : undefined;
  const files = diffTrees(repo.git, parentTree, commit.tree).map(change => ({
    path: change.path,
    status: change.status,
    beforeSha: change.before?.sha,
    afterSha: change.after?.sha,
    ...lineChanges(
      change.before ? repo.git.blob(change.before.sha)?.content : undefined,
      change.after ? repo.git.blob(change.after.sha)?.content : undefined,
    ),
  }));
  const additions = files.reduce((sum, file) => sum + file.additions, 0);
  const deletions = files.reduce((sum, file) => sum + file.deletions, 0);
  return {
    ...base,
    stats: { additions, deletions, total: additions + deletions },
    files: files.map(file => diffEntryJson(context, repo, sha, file)),
  };
}

export function combinedStatusJson(
  context: GithubContext,
  repo: RepoRecord,
  sha: string,
) {
  const api = context.urls.repoApi(repo.owner.login, repo.name);
  return {
    state: 'pending',
    statuses: [],
    sha,
    total_count: 0,
    repository: repositoryJson(context, repo),
    commit_url: `${api}/commits/${sha}`,
    url: `${api}/commits/${sha}/status`,
  };
}
