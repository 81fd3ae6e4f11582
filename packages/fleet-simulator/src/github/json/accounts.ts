/*
 * Users, organisations and teams as the REST API shows them.
 */
import type { GithubContext } from '../http/route';
import type { AccountRecord, TeamRecord } from '../model';

export function simpleUser(context: GithubContext, account: AccountRecord) {
  const { urls } = context;
  const url = urls.user(account.login);
  return {
    login: account.login,
    id: account.id,
    node_id: account.nodeId,
    avatar_url: urls.avatar(account.id),
    gravatar_id: '',
    url,
    html_url: urls.userHtml(account.login),
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: account.type,
    site_admin: false,
    user_view_type: 'public',
  };
}

/** `GET /user`: the authenticated user's private view. */
export function privateUser(context: GithubContext, account: AccountRecord) {
  const ownedRepos = context.model
    .repos()
    .filter(
      repo => repo.owner.login.toLowerCase() === account.login.toLowerCase(),
    ).length;
  return {
    ...simpleUser(context, account),
    user_view_type: 'private',
    name: account.login,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: account.createdAt,
    updated_at: account.createdAt,
    private_gists: 0,
    total_private_repos: ownedRepos,
    owned_private_repos: ownedRepos,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
  };
}

/** A team; `parent` makes it satisfy both `team-simple` and `team`. */
export function teamSimple(context: GithubContext, team: TeamRecord) {
  const org = context.model.account(team.org, 'Organization');
  const url = context.urls.team(org.id, team.id);
  return {
    id: team.id,
    node_id: team.nodeId,
    url,
    html_url: `${context.urls.web}/orgs/${team.org}/teams/${team.slug}`,
    name: team.name,
    slug: team.slug,
    description: null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    type: 'organization',
    organization_id: org.id,
    parent: null,
  };
}
