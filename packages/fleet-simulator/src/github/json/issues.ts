/*
 * Labels and issue comments.
 */
import { encodePath } from '../urls';
import { simpleUser } from './accounts';
import type { GithubContext } from '../http/route';
import type {
  CommentRecord,
  LabelRecord,
  PullRecord,
  RepoRecord,
} from '../model';

export function labelJson(
  context: GithubContext,
  repo: RepoRecord,
  label: LabelRecord,
) {
  return {
    id: label.id,
    node_id: label.nodeId,
    url: `${context.urls.repoApi(
      repo.owner.login,
      repo.name,
    )}/labels/${encodePath(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.isDefault,
    description: label.description,
  };
}

/** The labels of a pull request, in the order GitHub lists them (by name). */
export function pullLabels(
  context: GithubContext,
  repo: RepoRecord,
  pull: PullRecord,
) {
  return pull.labels
    .map(name => repo.labels.get(name.toLowerCase()))
    .filter((label): label is LabelRecord => label !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(label => labelJson(context, repo, label));
}

export function authorAssociation(repo: RepoRecord, login: string): string {
  if (repo.owner.login.toLowerCase() === login.toLowerCase()) return 'OWNER';
  return repo.owner.type === 'Organization' ? 'MEMBER' : 'COLLABORATOR';
}

export function commentJson(
  context: GithubContext,
  repo: RepoRecord,
  pull: PullRecord,
  comment: CommentRecord,
) {
  const api = context.urls.repoApi(repo.owner.login, repo.name);
  return {
    id: comment.id,
    node_id: comment.nodeId,
    url: `${api}/issues/comments/${comment.id}`,
    html_url: `${context.urls.pullHtml(
      repo.owner.login,
      repo.name,
      pull.number,
    )}#issuecomment-${comment.id}`,
    issue_url: `${api}/issues/${pull.number}`,
    body: comment.body,
    user: simpleUser(context, context.model.account(comment.author)),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: authorAssociation(repo, comment.author),
    performed_via_github_app: null,
    reactions: {
      url: `${api}/issues/comments/${comment.id}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
  };
}
