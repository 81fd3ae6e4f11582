/*
 * Resolvers of GitHub's GraphQL schema over the simulator's model, for
 * what the product and the clients it uses ask (see the README):
 *
 * - `repository(owner, name)`: `id`, `nameWithOwner`, `ref(qualifiedName)`,
 *   `defaultBranchRef`, `object(expression | oid)` (`<rev>:<path>`, null
 *   when absent), `pullRequest(number)`, `pullRequests(states,
 *   headRefName, baseRefName, labels)`; `viewer`;
 * - `Ref.target`, `Ref.associatedPullRequests`; `Commit`, `Tree` (`entries`
 *   with `path` from the root), `Blob` (`text`, `isBinary`, `isTruncated`);
 * - pull requests with labels and review requests (`User` / `Team`);
 * - connections: `first`/`last`/`after`/`before`, one of `first`/`last`
 *   required, at most 100; `nodes`, `edges`, `pageInfo`, `totalCount` are
 *   plain properties of the page object, read by the default resolver;
 * - mutations `createRef` and `createCommitOnBranch` (mutations.ts).
 *
 * Every type and field name here must exist in GitHub's schema
 * (schema.ts refuses to start otherwise). A field without a resolver is
 * read from a property of the same name; one that is neither answers an
 * error naming it.
 */
import { signatureDate, type CommitObject } from '../../git/objects';
import type { GithubContext } from '../http/route';
import type {
  AccountRecord,
  LabelRecord,
  PullRecord,
  RepoRecord,
  TeamRecord,
} from '../model';
import { createCommitOnBranch, createRef } from './mutations';
import {
  FieldError,
  gitObject,
  refNodeId,
  refSource,
  str,
  type Args,
  type GitObjectSource,
  type PullSource,
  type RefSource,
  type TeamSource,
  type TreeEntrySource,
} from './sources';

export type Resolver<S> = (
  source: S,
  args: Args,
  context: GithubContext,
) => unknown;

/** Field resolvers by GraphQL type name, then field name. */
export type Resolvers = Record<string, Record<string, Resolver<never>>>;

const MAX_PAGE = 100;
const TEXT_LIMIT = 512 * 1024;
/** Git (and GitHub) call a blob binary when its first 8000 bytes hold a NUL. */
const BINARY_PROBE = 8000;

// ------------------------------------------------------------ connections

function cursor(index: number): string {
  return Buffer.from(`cursor:v2:${index}`).toString('base64');
}

function cursorIndex(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^cursor:v2:(\d+)$/.exec(
    Buffer.from(value, 'base64').toString('utf8'),
  );
  if (!match) {
    throw new FieldError(
      'INVALID_CURSOR_ARGUMENTS',
      `\`${value}\` does not appear to be a valid cursor.`,
    );
  }
  return Number(match[1]);
}

/** One page of `all`, shaped like GitHub's `…Connection` types. */
function paginate<T>(all: T[], args: Args, connectionName: string) {
  const first = typeof args.first === 'number' ? args.first : undefined;
  const last = typeof args.last === 'number' ? args.last : undefined;
  if (first === undefined && last === undefined) {
    throw new FieldError(
      'MISSING_PAGINATION_BOUNDARIES',
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${connectionName}\` connection.`,
    );
  }
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value !== undefined && (value < 0 || value > MAX_PAGE)) {
      throw new FieldError(
        'EXCESSIVE_PAGINATION',
        `Requesting ${value} records on the \`${connectionName}\` connection exceeds the \`${name}\` limit of ${MAX_PAGE} records.`,
      );
    }
  }
  const after = cursorIndex(str(args, 'after'));
  const before = cursorIndex(str(args, 'before'));
  let start = after === undefined ? 0 : after + 1;
  let end = before === undefined ? all.length : Math.min(before, all.length);
  if (first !== undefined) end = Math.min(end, start + first);
  if (last !== undefined) start = Math.max(start, end - last);
  const edges = all
    .slice(start, end)
    .map((node, offset) => ({ node, cursor: cursor(start + offset) }));
  return {
    nodes: edges.map(edge => edge.node),
    edges,
    totalCount: all.length,
    pageInfo: {
      hasNextPage: end < all.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

// ------------------------------------------------------------ the model

function commitOf(source: GitObjectSource): CommitObject {
  const commit = source.repo.git.commit(source.oid);
  if (!commit) throw new Error(`${source.oid} is not a commit`);
  return commit;
}

function blobContent(source: GitObjectSource): Buffer {
  return source.repo.git.blob(source.oid)?.content ?? Buffer.alloc(0);
}

function isBinary(content: Buffer): boolean {
  return content.subarray(0, BINARY_PROBE).includes(0);
}

/** `rev`, `rev:path` or `rev:` the way `git rev-parse` reads them (no `^`/`~` suffixes). */
function resolveExpression(
  repo: RepoRecord,
  expression: string,
): GitObjectSource | null {
  const colon = expression.indexOf(':');
  const rev = colon < 0 ? expression : expression.slice(0, colon);
  const sha = repo.git.resolve(rev);
  if (!sha) return null;
  if (colon < 0) return gitObject(repo, sha);
  const commit = repo.git.commit(sha);
  let tree: string | undefined = commit?.tree;
  if (!tree && repo.git.tree(sha)) tree = sha;
  if (!tree) return null;
  const path = expression.slice(colon + 1).replace(/^\/+|\/+$/g, '');
  const entry = repo.git.entryAt(tree, path);
  if (!entry) return null;
  return gitObject(repo, entry.sha, path);
}

function qualifiedRef(repo: RepoRecord, name: string): string | undefined {
  const candidates = name.startsWith('refs/')
    ? [name]
    : [`refs/heads/${name}`, `refs/tags/${name}`];
  return candidates.find(candidate => repo.git.getRef(candidate) !== undefined);
}

function pullState(pull: PullRecord): 'OPEN' | 'CLOSED' | 'MERGED' {
  if (pull.mergedAt) return 'MERGED';
  return pull.state === 'open' ? 'OPEN' : 'CLOSED';
}

/** Pull requests filtered like GitHub's `pullRequests`/`associatedPullRequests`, oldest first. */
function filterPulls(
  repo: RepoRecord,
  args: Args,
  head?: string,
): PullSource[] {
  const states = Array.isArray(args.states) ? args.states : undefined;
  const headRefName = head ?? str(args, 'headRefName');
  const baseRefName = str(args, 'baseRefName');
  const labels = Array.isArray(args.labels)
    ? args.labels.map(String)
    : undefined;
  return [...repo.pulls.values()]
    .filter(pull => !states || states.includes(pullState(pull)))
    .filter(pull => headRefName === undefined || pull.headRef === headRefName)
    .filter(pull => baseRefName === undefined || pull.baseRef === baseRefName)
    .filter(
      pull =>
        !labels ||
        labels.some(label =>
          pull.labels.some(name => name.toLowerCase() === label.toLowerCase()),
        ),
    )
    .sort((a, b) => a.number - b.number)
    .map(pull => ({ repo, pull }));
}

function objectNodeId(context: GithubContext, source: GitObjectSource): string {
  const prefix = { Commit: 'C', Tree: 'TR', Blob: 'B' }[source.__typename];
  return context.model.nodeId(prefix, `${source.repo.id}:${source.oid}`);
}

function repoHtml(context: GithubContext, repo: RepoRecord): string {
  return context.urls.repoHtml(repo.owner.login, repo.name);
}

// ------------------------------------------------------------ resolvers

const query = {
  repository: (_root, args, context) => {
    const owner = str(args, 'owner') ?? '';
    const name = str(args, 'name') ?? '';
    const repo = context.model.repo(owner, name);
    if (!repo) {
      throw new FieldError(
        'NOT_FOUND',
        `Could not resolve to a Repository with the name '${owner}/${name}'.`,
      );
    }
    return repo;
  },
  viewer: (_root, _args, context) => context.model.viewer,
} satisfies Record<string, Resolver<unknown>>;

const mutation = {
  createRef: (_root, args, context) => createRef(args, context),
  createCommitOnBranch: (_root, args, context) =>
    createCommitOnBranch(args, context),
} satisfies Record<string, Resolver<unknown>>;

const repository = {
  id: repo => repo.nodeId,
  databaseId: repo => repo.id,
  nameWithOwner: repo => `${repo.owner.login}/${repo.name}`,
  url: (repo, _args, context) => repoHtml(context, repo),
  defaultBranchRef: repo => {
    const name = `refs/heads/${repo.defaultBranch}`;
    return repo.git.getRef(name) ? refSource(repo, name) : null;
  },
  ref: (repo, args) => {
    const name = qualifiedRef(repo, str(args, 'qualifiedName') ?? '');
    return name ? refSource(repo, name) : null;
  },
  object: (repo, args) => {
    const oid = str(args, 'oid');
    if (oid !== undefined) return gitObject(repo, oid);
    const expression = str(args, 'expression');
    return expression === undefined
      ? null
      : resolveExpression(repo, expression);
  },
  pullRequest: (repo, args) => {
    const pull = repo.pulls.get(Number(args.number));
    return pull ? { repo, pull } : null;
  },
  pullRequests: (repo, args) =>
    paginate(filterPulls(repo, args), args, 'pullRequests'),
} satisfies Record<string, Resolver<RepoRecord>>;

/** The fields a `User` and an `Organization` have alike here. */
const account = {
  id: source => source.nodeId,
  databaseId: source => source.id,
  url: (source, _args, context) => context.urls.userHtml(source.login),
} satisfies Record<string, Resolver<AccountRecord>>;

const team = {
  id: source => source.team.nodeId,
  databaseId: source => source.team.id,
  slug: source => source.team.slug,
  name: source => source.team.name,
  combinedSlug: source => `${source.team.org}/${source.team.slug}`,
} satisfies Record<string, Resolver<TeamSource>>;

const ref = {
  id: (source, _args, context) => refNodeId(context, source.repo, source.name),
  name: source => source.name.replace(/^refs\/[^/]+\//, ''),
  prefix: source => /^refs\/[^/]+\//.exec(source.name)?.[0] ?? 'refs/',
  repository: source => source.repo,
  target: source => {
    const sha = source.repo.git.getRef(source.name);
    return sha ? gitObject(source.repo, sha) : null;
  },
  associatedPullRequests: (source, args) =>
    paginate(
      source.name.startsWith('refs/heads/')
        ? filterPulls(
            source.repo,
            args,
            source.name.slice('refs/heads/'.length),
          )
        : [],
      args,
      'associatedPullRequests',
    ),
} satisfies Record<string, Resolver<RefSource>>;

/** The fields of the `GitObject` interface, for each of its types. */
function gitObjectFields(kind: 'commit' | 'tree' | 'blob') {
  const resourcePath = (source: GitObjectSource) =>
    `/${source.repo.owner.login}/${source.repo.name}/${kind}/${source.oid}`;
  return {
    id: (source, _args, context) => objectNodeId(context, source),
    abbreviatedOid: source => source.oid.slice(0, 7),
    repository: source => source.repo,
    commitResourcePath: resourcePath,
    commitUrl: (source, _args, context) =>
      `${context.urls.web}${resourcePath(source)}`,
  } satisfies Record<string, Resolver<GitObjectSource>>;
}

const commit = {
  ...gitObjectFields('commit'),
  message: source => commitOf(source).message,
  messageHeadline: source => commitOf(source).message.split('\n')[0],
  messageBody: source =>
    commitOf(source)
      .message.split('\n')
      .slice(1)
      .join('\n')
      .replace(/^\n+/, ''),
  committedDate: source => signatureDate(commitOf(source).committer),
  authoredDate: source => signatureDate(commitOf(source).author),
  url: (source, _args, context) =>
    `${repoHtml(context, source.repo)}/commit/${source.oid}`,
  tree: source => gitObject(source.repo, commitOf(source).tree, ''),
  parents: (source, args) =>
    paginate(
      commitOf(source).parents.map(oid => gitObject(source.repo, oid)),
      args,
      'parents',
    ),
} satisfies Record<string, Resolver<GitObjectSource>>;

const tree = {
  ...gitObjectFields('tree'),
  entries: source =>
    (source.repo.git.tree(source.oid)?.entries ?? []).map(
      (entry): TreeEntrySource => ({
        repo: source.repo,
        entry,
        path: source.path ? `${source.path}/${entry.name}` : entry.name,
      }),
    ),
} satisfies Record<string, Resolver<GitObjectSource>>;

const blob = {
  ...gitObjectFields('blob'),
  byteSize: source => blobContent(source).length,
  isBinary: source => isBinary(blobContent(source)),
  isTruncated: source => blobContent(source).length > TEXT_LIMIT,
  text: source => {
    const content = blobContent(source);
    if (isBinary(content)) return null;
    return content.subarray(0, TEXT_LIMIT).toString('utf8');
  },
} satisfies Record<string, Resolver<GitObjectSource>>;

const treeEntry = {
  name: source => source.entry.name,
  path: source => source.path,
  type: source => source.entry.type,
  mode: source => parseInt(source.entry.mode, 8),
  oid: source => source.entry.sha,
  extension: source => /(\.[^./]+)$/.exec(source.entry.name)?.[1] ?? null,
  size: source =>
    source.entry.type === 'blob'
      ? source.repo.git.blob(source.entry.sha)?.content.length ?? 0
      : 0,
  object: source =>
    source.entry.type === 'commit'
      ? null
      : gitObject(source.repo, source.entry.sha, source.path),
  repository: source => source.repo,
} satisfies Record<string, Resolver<TreeEntrySource>>;

const pullRequest = {
  id: source => source.pull.nodeId,
  databaseId: source => source.pull.id,
  number: source => source.pull.number,
  url: (source, _args, context) =>
    context.urls.pullHtml(
      source.repo.owner.login,
      source.repo.name,
      source.pull.number,
    ),
  title: source => source.pull.title,
  body: source => source.pull.body ?? '',
  state: source => pullState(source.pull),
  isDraft: source => source.pull.draft,
  merged: source => source.pull.mergedAt !== null,
  headRefName: source => source.pull.headRef,
  headRefOid: source =>
    source.repo.git.getRef(`refs/heads/${source.pull.headRef}`) ??
    source.pull.headSha,
  baseRefName: source => source.pull.baseRef,
  baseRefOid: source => source.pull.baseSha,
  isCrossRepository: () => false,
  headRepository: source => source.repo,
  repository: source => source.repo,
  author: (source, _args, context) => context.model.account(source.pull.author),
  labels: (source, args) =>
    paginate(
      source.pull.labels
        .map(name => source.repo.labels.get(name.toLowerCase()))
        .filter((label): label is LabelRecord => label !== undefined),
      args,
      'labels',
    ),
  reviewRequests: (source, args, context) => {
    const users = source.pull.requestedReviewers.map(login =>
      context.model.account(login),
    );
    const teams = source.pull.requestedTeams
      .map(slug => context.model.team(source.repo.owner.login, slug))
      .filter((found): found is TeamRecord => found !== undefined)
      .map((found): TeamSource => ({ __typename: 'Team', team: found }));
    const requests = [...users, ...teams].map(requestedReviewer => ({
      pullRequest: source,
      requestedReviewer,
      asCodeOwner: false,
    }));
    return paginate(requests, args, 'reviewRequests');
  },
} satisfies Record<string, Resolver<PullSource>>;

const label = {
  id: source => source.nodeId,
} satisfies Record<string, Resolver<LabelRecord>>;

export const resolvers: Resolvers = {
  Query: query,
  Mutation: mutation,
  Repository: repository,
  User: account,
  Organization: account,
  Team: team,
  Ref: ref,
  Commit: commit,
  Tree: tree,
  Blob: blob,
  TreeEntry: treeEntry,
  PullRequest: pullRequest,
  Label: label,
};

/**
 * The GraphQL type of a source of an abstract type: its `__typename`, or
 * `User` / `Organization` for an account record.
 */
export function typeNameOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if ('__typename' in value && typeof value.__typename === 'string') {
    return value.__typename;
  }
  if (
    'type' in value &&
    (value.type === 'User' || value.type === 'Organization')
  ) {
    return value.type;
  }
  return undefined;
}
