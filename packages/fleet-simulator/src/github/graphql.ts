/*
 * A sliver of GitHub's GraphQL API: the one query Backstage's core
 * `publish:github:pull-request` action (octokit-plugin-create-pull-request)
 * sends, asking for the open pull requests whose head is a branch.
 * Anything else answers with a GraphQL error.
 */
import { bodyObject, isJsonObject } from './http/input';
import type { ApiRequest, ApiResponse, GithubContext } from './http/route';
import type { PullRecord, RepoRecord } from './model';

function variable(
  query: string,
  variables: Record<string, unknown>,
  name: string,
  argument: string,
): string | undefined {
  const value = variables[name];
  if (typeof value === 'string') return value;
  const literal = new RegExp(`${argument}\\s*:\\s*"([^"]*)"`).exec(query);
  return literal?.[1];
}

function nodeFields(query: string): string[] {
  const selection = /node\s*\{([^}]*)\}/.exec(query)?.[1] ?? 'id number url';
  return selection.split(/[\s,]+/).filter(Boolean);
}

function nodeJson(
  context: GithubContext,
  repo: RepoRecord,
  pull: PullRecord,
  fields: string[],
) {
  const all: Record<string, unknown> = {
    id: pull.nodeId,
    number: pull.number,
    url: context.urls.pullHtml(repo.owner.login, repo.name, pull.number),
    title: pull.title,
    state: pull.mergedAt ? 'MERGED' : pull.state.toUpperCase(),
    isDraft: pull.draft,
    headRefName: pull.headRef,
    baseRefName: pull.baseRef,
  };
  return Object.fromEntries(
    fields.filter(field => field in all).map(field => [field, all[field]]),
  );
}

export function handleGraphql(
  request: ApiRequest,
  context: GithubContext,
): ApiResponse {
  const body = bodyObject(request.body);
  const query = typeof body.query === 'string' ? body.query : '';
  const variables = isJsonObject(body.variables) ? body.variables : {};
  if (!/repository\s*\(/.test(query) || !/associatedPullRequests/.test(query)) {
    return {
      status: 200,
      body: {
        errors: [
          {
            message:
              'The fleet simulator only answers the associatedPullRequests query of a branch ref.',
          },
        ],
      },
    };
  }
  const owner = variable(query, variables, 'owner', 'owner') ?? '';
  const name = variable(query, variables, 'repo', 'name') ?? '';
  const head = variable(query, variables, 'head', 'qualifiedName') ?? '';
  const repo = context.model.repo(owner, name);
  if (!repo) {
    return {
      status: 200,
      body: {
        data: { repository: null },
        errors: [
          {
            type: 'NOT_FOUND',
            path: ['repository'],
            message: `Could not resolve to a Repository with the name '${owner}/${name}'.`,
          },
        ],
      },
    };
  }
  const branch = head.replace(/^refs\/heads\//, '');
  if (!repo.git.getRef(`refs/heads/${branch}`)) {
    return { status: 200, body: { data: { repository: { ref: null } } } };
  }
  const onlyOpen = /states\s*:\s*\[?\s*OPEN/.test(query);
  const first = Number(/first\s*:\s*(\d+)/.exec(query)?.[1] ?? 100);
  const fields = nodeFields(query);
  const pulls = [...repo.pulls.values()]
    .filter(
      pull => pull.headRef === branch && (!onlyOpen || pull.state === 'open'),
    )
    .slice(0, first);
  return {
    status: 200,
    body: {
      data: {
        repository: {
          ref: {
            associatedPullRequests: {
              edges: pulls.map(pull => ({
                node: nodeJson(context, repo, pull, fields),
              })),
            },
          },
        },
      },
    },
  };
}
