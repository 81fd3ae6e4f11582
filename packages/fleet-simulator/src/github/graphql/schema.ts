/*
 * The slice of GitHub's GraphQL schema the simulator answers, with GitHub's
 * type and field names and its behaviour where clients depend on it:
 *
 * - `repository(owner, name)` with `id`, `nameWithOwner`, `ref(qualifiedName)`,
 *   `defaultBranchRef`, `object(expression | oid)` (`<rev>:<path>`, null when
 *   absent) and `pullRequests(states, headRefName, baseRefName)`;
 * - `Ref.target` and `Ref.associatedPullRequests`; `Commit`, `Tree`
 *   (`entries` with `path` relative to the root), `Blob` (`text`, `isBinary`);
 * - pull requests with labels and review requests (`User` / `Team`);
 * - connections with `first`/`last`/`after`/`before` (one of `first`/`last`
 *   required, at most 100), `nodes`, `edges`, `pageInfo`, `totalCount`;
 * - mutations `createRef` and `createCommitOnBranch` (a compare-and-swap on
 *   `expectedHeadOid`, base64 additions, deletions of existing paths only).
 */
import {
  editTree,
  isValidTreePath,
  MissingPathError,
} from '../../git/treeEdit';
import type { CommitObject, FileMode, TreeEntry } from '../../git/objects';
import { signatureDate } from '../../git/objects';
import { asObject } from '../../json';
import type { TreeEdit } from '../../git/treeEdit';
import type { GithubContext } from '../http/route';
import type {
  AccountRecord,
  LabelRecord,
  PullRecord,
  RepoRecord,
  TeamRecord,
} from '../model';
import {
  FieldError,
  type Args,
  type FieldDefinition,
  type Schema,
  type TypeDefinition,
} from './engine';

const MAX_PAGE = 100;
const TYPENAMES = {
  commit: 'Commit',
  tree: 'Tree',
  blob: 'Blob',
} as const;
const TEXT_LIMIT = 512 * 1024;

interface RefSource {
  typename: 'Ref';
  repo: RepoRecord;
  /** Fully qualified, e.g. `refs/heads/main`. */
  name: string;
}

interface GitObjectSource {
  typename: 'Commit' | 'Tree' | 'Blob';
  repo: RepoRecord;
  oid: string;
  /** Path of a tree or blob from the root of the commit it was reached from. */
  path?: string;
}

interface TreeEntrySource {
  repo: RepoRecord;
  entry: TreeEntry;
  path: string;
}

interface PullSource {
  repo: RepoRecord;
  pull: PullRecord;
}

interface ReviewRequestSource {
  repo: RepoRecord;
  pull: PullRecord;
  reviewer: { typename: 'User'; account: AccountRecord } | TeamSource;
}

interface TeamSource {
  typename: 'Team';
  team: TeamRecord;
}

type Field = FieldDefinition<GithubContext>;
type Resolver<S> = (source: S, args: Args, context: GithubContext) => unknown;

/** A field whose resolver is typed by its source (the engine passes `unknown`). */
function field<S>(
  type: string,
  resolve: Resolver<S>,
  args?: Field['args'],
): Field {
  return {
    type,
    args,
    resolve: (source, argsValue, context) =>
      resolve(source as S, argsValue, context),
  };
}

function str(args: Args, name: string): string | undefined {
  const value = args[name];
  return typeof value === 'string' ? value : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return asObject(value) ?? {};
}

const PAGE_ARGS: Field['args'] = {
  first: 'Int',
  last: 'Int',
  after: 'String',
  before: 'String',
};

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

interface Connection<T> {
  items: Array<{ node: T; index: number }>;
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** One page of `all`, the way GitHub's connections page (first/last required, at most 100). */
function paginate<T>(
  all: T[],
  args: Args,
  connectionName: string,
): Connection<T> {
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
  const items = all
    .slice(start, end)
    .map((node, offset) => ({ node, index: start + offset }));
  return {
    items,
    totalCount: all.length,
    hasNextPage: end < all.length,
    hasPreviousPage: start > 0,
  };
}

function connectionTypes(
  node: string,
): Record<string, TypeDefinition<GithubContext>> {
  return {
    [`${node}Connection`]: {
      kind: 'object',
      fields: {
        nodes: field<Connection<unknown>>(`[${node}]`, source =>
          source.items.map(item => item.node),
        ),
        edges: field<Connection<unknown>>(
          `[${node}Edge]`,
          source => source.items,
        ),
        totalCount: field<Connection<unknown>>(
          'Int!',
          source => source.totalCount,
        ),
        pageInfo: field<Connection<unknown>>('PageInfo!', source => source),
      },
    },
    [`${node}Edge`]: {
      kind: 'object',
      fields: {
        cursor: field<{ index: number }>('String!', source =>
          cursor(source.index),
        ),
        node: field<{ node: unknown }>(node, source => source.node),
      },
    },
  };
}

// ------------------------------------------------------------ resolvers

function gitObject(
  repo: RepoRecord,
  oid: string,
  path?: string,
): GitObjectSource | null {
  const object = repo.git.object(oid);
  if (!object) return null;
  return { typename: TYPENAMES[object.type], repo, oid, path };
}

function commitOf(source: GitObjectSource): CommitObject {
  const commit = source.repo.git.commit(source.oid);
  if (!commit) throw new Error(`${source.oid} is not a commit`);
  return commit;
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

function findRepoByNodeId(
  context: GithubContext,
  id: string,
): RepoRecord | undefined {
  return context.model.repos().find(repo => repo.nodeId === id);
}

function refNodeId(
  context: GithubContext,
  repo: RepoRecord,
  name: string,
): string {
  return context.model.nodeId('REF', `${repo.id}:${name}`);
}

function objectNodeId(context: GithubContext, source: GitObjectSource): string {
  const prefix = { Commit: 'C', Tree: 'TR', Blob: 'B' }[source.typename];
  return context.model.nodeId(prefix, `${source.repo.id}:${source.oid}`);
}

// ------------------------------------------------------------ mutations

function createRef(input: Record<string, unknown>, context: GithubContext) {
  const repositoryId = String(input.repositoryId);
  const name = String(input.name);
  const oid = String(input.oid);
  const repo = findRepoByNodeId(context, repositoryId);
  if (!repo) {
    throw new FieldError(
      'NOT_FOUND',
      `Could not resolve to a node with the global id of '${repositoryId}'`,
    );
  }
  if (
    !/^refs\/[^/]+\/.+/.test(name) ||
    /(\.\.|\/\/|@\{|[\s~^:?*[\\]|\.lock$|\/$|\.$)/.test(name)
  ) {
    throw new FieldError('UNPROCESSABLE', `${name} is not a valid ref name.`);
  }
  if (!repo.git.has(oid)) {
    throw new FieldError(
      'UNPROCESSABLE',
      `Could not resolve to a git object with the oid '${oid}'.`,
    );
  }
  if (repo.git.getRef(name)) {
    throw new FieldError(
      'UNPROCESSABLE',
      `A ref named "${name}" already exists in the repository.`,
    );
  }
  context.model.updateRef(repo, name, oid);
  return {
    clientMutationId: input.clientMutationId ?? null,
    ref: { typename: 'Ref', repo, name } satisfies RefSource,
  };
}

function committableBranch(
  context: GithubContext,
  branch: Record<string, unknown>,
): RefSource {
  if (typeof branch.id === 'string') {
    for (const repo of context.model.repos()) {
      for (const { ref } of repo.git.listRefs('refs/heads/')) {
        if (refNodeId(context, repo, ref) === branch.id)
          return { typename: 'Ref', repo, name: ref };
      }
    }
    throw new FieldError(
      'NOT_FOUND',
      `Could not resolve to a node with the global id of '${branch.id}'`,
    );
  }
  const nameWithOwner =
    typeof branch.repositoryNameWithOwner === 'string'
      ? branch.repositoryNameWithOwner
      : '';
  const branchName =
    typeof branch.branchName === 'string' ? branch.branchName : '';
  if (!nameWithOwner || !branchName) {
    throw new FieldError(
      'UNPROCESSABLE',
      'A branch must be specified by either its id, or by both repositoryNameWithOwner and branchName.',
    );
  }
  const [owner, name] = nameWithOwner.split('/');
  const repo = name === undefined ? undefined : context.model.repo(owner, name);
  if (!repo) {
    throw new FieldError(
      'NOT_FOUND',
      `Could not resolve to a Repository with the name '${nameWithOwner}'.`,
    );
  }
  const qualified = branchName.startsWith('refs/heads/')
    ? branchName
    : `refs/heads/${branchName}`;
  if (!repo.git.getRef(qualified)) {
    throw new FieldError(
      'NOT_FOUND',
      `Could not resolve to a Ref with the name '${qualified}'.`,
    );
  }
  return { typename: 'Ref', repo, name: qualified };
}

function createCommitOnBranch(
  input: Record<string, unknown>,
  context: GithubContext,
) {
  const ref = committableBranch(context, record(input.branch));
  const { repo } = ref;
  const expected = String(input.expectedHeadOid);
  const head = repo.git.getRef(ref.name) ?? '';
  if (!repo.git.commit(expected)) {
    throw new FieldError(
      'UNPROCESSABLE',
      `No commit exists with specified expectedHeadOid '${expected}'.`,
    );
  }
  if (head !== expected) {
    throw new FieldError(
      'STALE_DATA',
      `Expected branch to point to "${expected}" but it did not. Pull and try again.`,
    );
  }
  const message = record(input.message);
  const headline = typeof message.headline === 'string' ? message.headline : '';
  if (headline.trim() === '') {
    throw new FieldError(
      'UNPROCESSABLE',
      'A commit message headline must be present.',
    );
  }
  const body =
    typeof message.body === 'string' && message.body !== ''
      ? `\n\n${message.body}`
      : '';
  const changes = record(input.fileChanges);
  const deletions = Array.isArray(changes.deletions)
    ? changes.deletions.map(record)
    : [];
  const additions = Array.isArray(changes.additions)
    ? changes.additions.map(record)
    : [];
  const parent = repo.git.commit(head);
  if (!parent) throw new Error(`${head} is not a commit`);
  const existing = repo.git.files(parent.tree);
  const edits: TreeEdit[] = [];
  for (const deletion of deletions) {
    const path = String(deletion.path);
    if (!existing.has(path)) {
      throw new FieldError(
        'UNPROCESSABLE',
        `A path was requested for deletion which does not exist as of commit oid \`${head}\``,
      );
    }
    edits.push({ path, entry: null });
  }
  for (const addition of additions) {
    const path = String(addition.path);
    const contents = String(addition.contents);
    if (!isValidTreePath(path)) {
      throw new FieldError(
        'UNPROCESSABLE',
        `The path ${JSON.stringify(path)} is not a valid path.`,
      );
    }
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(contents) || contents.length % 4 !== 0) {
      throw new FieldError(
        'UNPROCESSABLE',
        `The contents of ${path} are not valid Base64.`,
      );
    }
    const mode: FileMode =
      existing.get(path)?.mode === '100755' ? '100755' : '100644';
    edits.push({
      path,
      entry: {
        mode,
        type: 'blob',
        sha: repo.git.writeBlob(Buffer.from(contents, 'base64')),
      },
    });
  }
  let tree: string;
  try {
    tree = editTree(repo.git, parent.tree, edits);
  } catch (error) {
    if (error instanceof MissingPathError)
      throw new FieldError('UNPROCESSABLE', error.message);
    throw error;
  }
  const { model, urls } = context;
  const oid = repo.git.writeCommit({
    tree,
    parents: [head],
    author: model.signature(
      model.viewer.login,
      model.noreplyEmail(model.viewer.login),
    ),
    committer: model.signature(
      'GitHub Enterprise',
      `noreply@${urls.host.replace(/:\d+$/, '')}`,
    ),
    message: `${headline}${body}`,
  });
  model.updateRef(repo, ref.name, oid);
  return {
    clientMutationId: input.clientMutationId ?? null,
    commit: gitObject(repo, oid),
    ref,
  };
}

// ---------------------------------------------------------------- schema

const gitObjectFields = (
  typename: GitObjectSource['typename'],
): Record<string, Field> => ({
  id: field<GitObjectSource>('ID!', (source, _args, context) =>
    objectNodeId(context, source),
  ),
  oid: field<GitObjectSource>('GitObjectID!', source => source.oid),
  abbreviatedOid: field<GitObjectSource>('String!', source =>
    source.oid.slice(0, 7),
  ),
  repository: field<GitObjectSource>('Repository!', source => source.repo),
  commitUrl: field<GitObjectSource>(
    'URI!',
    (source, _args, context) =>
      `${context.urls.repoHtml(source.repo.owner.login, source.repo.name)}/${
        typename === 'Commit' ? 'commit' : typename.toLowerCase()
      }/${source.oid}`,
  ),
});

const resolveGitObject = (value: unknown) =>
  (value as GitObjectSource).typename;

/** The fields a `User` and an `Organization` have alike here. */
const accountFields = {
  id: field<AccountRecord>('ID!', account => account.nodeId),
  login: field<AccountRecord>('String!', account => account.login),
  url: field<AccountRecord>('URI!', (account, _args, context) =>
    context.urls.userHtml(account.login),
  ),
};

export const githubSchema: Schema<GithubContext> = {
  query: 'Query',
  mutation: 'Mutation',
  types: {
    GitObjectID: {
      kind: 'scalar',
      check: value =>
        typeof value === 'string' && /^[0-9a-f]{4,40}$/.test(value),
    },
    URI: { kind: 'scalar', check: value => typeof value === 'string' },
    DateTime: { kind: 'scalar', check: value => typeof value === 'string' },
    Base64String: { kind: 'scalar', check: value => typeof value === 'string' },
    HTML: { kind: 'scalar', check: value => typeof value === 'string' },
    PullRequestState: { kind: 'enum', values: ['OPEN', 'CLOSED', 'MERGED'] },

    Query: {
      kind: 'object',
      fields: {
        repository: field<unknown>(
          'Repository',
          (_source, args, context) => {
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
          {
            owner: 'String!',
            name: 'String!',
            followRenames: { type: 'Boolean', default: true },
          },
        ),
        viewer: field<unknown>(
          'User!',
          (_source, _args, context) => context.model.viewer,
        ),
      },
    },

    Mutation: {
      kind: 'object',
      fields: {
        createRef: field<unknown>(
          'CreateRefPayload',
          (_source, args, context) => createRef(record(args.input), context),
          { input: 'CreateRefInput!' },
        ),
        createCommitOnBranch: field<unknown>(
          'CreateCommitOnBranchPayload',
          (_source, args, context) =>
            createCommitOnBranch(record(args.input), context),
          { input: 'CreateCommitOnBranchInput!' },
        ),
      },
    },
    CreateRefInput: {
      kind: 'input',
      fields: {
        clientMutationId: 'String',
        name: 'String!',
        oid: 'GitObjectID!',
        repositoryId: 'ID!',
      },
    },
    CreateRefPayload: {
      kind: 'object',
      fields: { clientMutationId: { type: 'String' }, ref: { type: 'Ref' } },
    },
    CreateCommitOnBranchInput: {
      kind: 'input',
      fields: {
        branch: 'CommittableBranch!',
        clientMutationId: 'String',
        expectedHeadOid: 'GitObjectID!',
        fileChanges: 'FileChanges',
        message: 'CommitMessage!',
      },
    },
    CommittableBranch: {
      kind: 'input',
      fields: {
        branchName: 'String',
        id: 'ID',
        repositoryNameWithOwner: 'String',
      },
    },
    CommitMessage: {
      kind: 'input',
      fields: { body: 'String', headline: 'String!' },
    },
    FileChanges: {
      kind: 'input',
      fields: { additions: '[FileAddition!]', deletions: '[FileDeletion!]' },
    },
    FileAddition: {
      kind: 'input',
      fields: { contents: 'Base64String!', path: 'String!' },
    },
    FileDeletion: { kind: 'input', fields: { path: 'String!' } },
    CreateCommitOnBranchPayload: {
      kind: 'object',
      fields: {
        clientMutationId: { type: 'String' },
        commit: { type: 'Commit' },
        ref: { type: 'Ref' },
      },
    },

    Node: {
      kind: 'interface',
      fields: { id: { type: 'ID!' } },
      resolveType: value =>
        typeof value === 'object' && value !== null && 'typename' in value
          ? String(value.typename)
          : 'Repository',
    },
    RepositoryOwner: {
      kind: 'interface',
      fields: {
        id: { type: 'ID!' },
        login: { type: 'String!' },
        url: { type: 'URI!' },
      },
      resolveType: value =>
        (value as AccountRecord).type === 'User' ? 'User' : 'Organization',
    },
    Repository: {
      kind: 'object',
      interfaces: ['Node'],
      fields: {
        id: field<RepoRecord>('ID!', repo => repo.nodeId),
        databaseId: field<RepoRecord>('Int', repo => repo.id),
        name: field<RepoRecord>('String!', repo => repo.name),
        nameWithOwner: field<RepoRecord>(
          'String!',
          repo => `${repo.owner.login}/${repo.name}`,
        ),
        owner: field<RepoRecord>('RepositoryOwner!', repo => repo.owner),
        url: field<RepoRecord>('URI!', (repo, _args, context) =>
          context.urls.repoHtml(repo.owner.login, repo.name),
        ),
        defaultBranchRef: field<RepoRecord>('Ref', repo => {
          const name = `refs/heads/${repo.defaultBranch}`;
          return repo.git.getRef(name) ? { typename: 'Ref', repo, name } : null;
        }),
        ref: field<RepoRecord>(
          'Ref',
          (repo, args) => {
            const name = qualifiedRef(repo, str(args, 'qualifiedName') ?? '');
            return name
              ? ({ typename: 'Ref', repo, name } satisfies RefSource)
              : null;
          },
          { qualifiedName: 'String!' },
        ),
        object: field<RepoRecord>(
          'GitObject',
          (repo, args) => {
            const oid = str(args, 'oid');
            if (oid !== undefined) return gitObject(repo, oid);
            const expression = str(args, 'expression');
            return expression === undefined
              ? null
              : resolveExpression(repo, expression);
          },
          { expression: 'String', oid: 'GitObjectID' },
        ),
        pullRequest: field<RepoRecord>(
          'PullRequest',
          (repo, args) => {
            const pull = repo.pulls.get(Number(args.number));
            return pull ? { repo, pull } : null;
          },
          { number: 'Int!' },
        ),
        pullRequests: field<RepoRecord>(
          'PullRequestConnection!',
          (repo, args) =>
            paginate(filterPulls(repo, args), args, 'pullRequests'),
          {
            ...PAGE_ARGS,
            states: '[PullRequestState!]',
            headRefName: 'String',
            baseRefName: 'String',
            labels: '[String!]',
          },
        ),
      },
    },
    User: {
      kind: 'object',
      interfaces: ['Node', 'RepositoryOwner', 'Actor'],
      fields: accountFields,
    },
    Organization: {
      kind: 'object',
      interfaces: ['Node', 'RepositoryOwner', 'Actor'],
      fields: accountFields,
    },
    Actor: {
      kind: 'interface',
      fields: { login: { type: 'String!' }, url: { type: 'URI!' } },
      resolveType: value =>
        (value as AccountRecord).type === 'User' ? 'User' : 'Organization',
    },
    Team: {
      kind: 'object',
      interfaces: ['Node'],
      fields: {
        id: field<TeamSource>('ID!', source => source.team.nodeId),
        slug: field<TeamSource>('String!', source => source.team.slug),
        name: field<TeamSource>('String!', source => source.team.name),
        combinedSlug: field<TeamSource>(
          'String!',
          source => `${source.team.org}/${source.team.slug}`,
        ),
      },
    },

    Ref: {
      kind: 'object',
      interfaces: ['Node'],
      fields: {
        id: field<RefSource>('ID!', (ref, _args, context) =>
          refNodeId(context, ref.repo, ref.name),
        ),
        name: field<RefSource>('String!', ref =>
          ref.name.replace(/^refs\/[^/]+\//, ''),
        ),
        prefix: field<RefSource>(
          'String!',
          ref => /^refs\/[^/]+\//.exec(ref.name)?.[0] ?? 'refs/',
        ),
        repository: field<RefSource>('Repository!', ref => ref.repo),
        target: field<RefSource>('GitObject', ref => {
          const sha = ref.repo.git.getRef(ref.name);
          return sha ? gitObject(ref.repo, sha) : null;
        }),
        associatedPullRequests: field<RefSource>(
          'PullRequestConnection!',
          (ref, args) =>
            paginate(
              ref.name.startsWith('refs/heads/')
                ? filterPulls(
                    ref.repo,
                    args,
                    ref.name.slice('refs/heads/'.length),
                  )
                : [],
              args,
              'associatedPullRequests',
            ),
          { ...PAGE_ARGS, states: '[PullRequestState!]' },
        ),
      },
    },

    GitObject: {
      kind: 'interface',
      fields: {
        id: { type: 'ID!' },
        oid: { type: 'GitObjectID!' },
        abbreviatedOid: { type: 'String!' },
        repository: { type: 'Repository!' },
        commitUrl: { type: 'URI!' },
      },
      resolveType: resolveGitObject,
    },
    Commit: {
      kind: 'object',
      interfaces: ['Node', 'GitObject'],
      fields: {
        ...gitObjectFields('Commit'),
        message: field<GitObjectSource>(
          'String!',
          source => commitOf(source).message,
        ),
        messageHeadline: field<GitObjectSource>(
          'String!',
          source => commitOf(source).message.split('\n')[0],
        ),
        messageBody: field<GitObjectSource>('String!', source =>
          commitOf(source)
            .message.split('\n')
            .slice(1)
            .join('\n')
            .replace(/^\n+/, ''),
        ),
        committedDate: field<GitObjectSource>('DateTime!', source =>
          signatureDate(commitOf(source).committer),
        ),
        authoredDate: field<GitObjectSource>('DateTime!', source =>
          signatureDate(commitOf(source).author),
        ),
        url: field<GitObjectSource>(
          'URI!',
          (source, _args, context) =>
            `${context.urls.repoHtml(
              source.repo.owner.login,
              source.repo.name,
            )}/commit/${source.oid}`,
        ),
        tree: field<GitObjectSource>('Tree!', source =>
          gitObject(source.repo, commitOf(source).tree, ''),
        ),
        parents: field<GitObjectSource>(
          'CommitConnection!',
          (source, args) =>
            paginate(
              commitOf(source).parents.map(oid => gitObject(source.repo, oid)),
              args,
              'parents',
            ),
          PAGE_ARGS,
        ),
      },
    },
    Tree: {
      kind: 'object',
      interfaces: ['Node', 'GitObject'],
      fields: {
        ...gitObjectFields('Tree'),
        entries: field<GitObjectSource>('[TreeEntry!]', source =>
          (source.repo.git.tree(source.oid)?.entries ?? []).map(
            (entry): TreeEntrySource => ({
              repo: source.repo,
              entry,
              path: source.path ? `${source.path}/${entry.name}` : entry.name,
            }),
          ),
        ),
      },
    },
    Blob: {
      kind: 'object',
      interfaces: ['Node', 'GitObject'],
      fields: {
        ...gitObjectFields('Blob'),
        byteSize: field<GitObjectSource>(
          'Int!',
          source => source.repo.git.blob(source.oid)?.content.length ?? 0,
        ),
        isBinary: field<GitObjectSource>('Boolean', source =>
          (source.repo.git.blob(source.oid)?.content ?? Buffer.alloc(0))
            .subarray(0, 8000)
            .includes(0),
        ),
        isTruncated: field<GitObjectSource>(
          'Boolean!',
          source =>
            (source.repo.git.blob(source.oid)?.content.length ?? 0) >
            TEXT_LIMIT,
        ),
        text: field<GitObjectSource>('String', source => {
          const content =
            source.repo.git.blob(source.oid)?.content ?? Buffer.alloc(0);
          if (content.subarray(0, 8000).includes(0)) return null;
          return content.subarray(0, TEXT_LIMIT).toString('utf8');
        }),
      },
    },
    TreeEntry: {
      kind: 'object',
      fields: {
        name: field<TreeEntrySource>('String!', source => source.entry.name),
        path: field<TreeEntrySource>('String', source => source.path),
        type: field<TreeEntrySource>('String!', source => source.entry.type),
        mode: field<TreeEntrySource>('Int!', source =>
          parseInt(source.entry.mode, 8),
        ),
        oid: field<TreeEntrySource>('GitObjectID!', source => source.entry.sha),
        extension: field<TreeEntrySource>(
          'String',
          source => /(\.[^./]+)$/.exec(source.entry.name)?.[1] ?? null,
        ),
        size: field<TreeEntrySource>('Int!', source =>
          source.entry.type === 'blob'
            ? source.repo.git.blob(source.entry.sha)?.content.length ?? 0
            : 0,
        ),
        object: field<TreeEntrySource>('GitObject', source =>
          source.entry.type === 'commit'
            ? null
            : gitObject(source.repo, source.entry.sha, source.path),
        ),
        repository: field<TreeEntrySource>(
          'Repository!',
          source => source.repo,
        ),
      },
    },

    PullRequest: {
      kind: 'object',
      interfaces: ['Node'],
      fields: {
        id: field<PullSource>('ID!', source => source.pull.nodeId),
        number: field<PullSource>('Int!', source => source.pull.number),
        url: field<PullSource>('URI!', (source, _args, context) =>
          context.urls.pullHtml(
            source.repo.owner.login,
            source.repo.name,
            source.pull.number,
          ),
        ),
        title: field<PullSource>('String!', source => source.pull.title),
        body: field<PullSource>('String!', source => source.pull.body ?? ''),
        state: field<PullSource>('PullRequestState!', source =>
          pullState(source.pull),
        ),
        isDraft: field<PullSource>('Boolean!', source => source.pull.draft),
        merged: field<PullSource>(
          'Boolean!',
          source => source.pull.mergedAt !== null,
        ),
        headRefName: field<PullSource>(
          'String!',
          source => source.pull.headRef,
        ),
        headRefOid: field<PullSource>(
          'GitObjectID!',
          source =>
            source.repo.git.getRef(`refs/heads/${source.pull.headRef}`) ??
            source.pull.headSha,
        ),
        baseRefName: field<PullSource>(
          'String!',
          source => source.pull.baseRef,
        ),
        baseRefOid: field<PullSource>(
          'GitObjectID!',
          source => source.pull.baseSha,
        ),
        isCrossRepository: field<PullSource>('Boolean!', () => false),
        headRepository: field<PullSource>('Repository', source => source.repo),
        repository: field<PullSource>('Repository!', source => source.repo),
        author: field<PullSource>('Actor', (source, _args, context) =>
          context.model.account(source.pull.author),
        ),
        labels: field<PullSource>(
          'LabelConnection',
          (source, args) =>
            paginate(
              source.pull.labels
                .map(name => source.repo.labels.get(name.toLowerCase()))
                .filter((label): label is LabelRecord => label !== undefined),
              args,
              'labels',
            ),
          PAGE_ARGS,
        ),
        reviewRequests: field<PullSource>(
          'ReviewRequestConnection',
          (source, args, context) => {
            const requests: ReviewRequestSource[] = [
              ...source.pull.requestedReviewers.map(login => ({
                repo: source.repo,
                pull: source.pull,
                reviewer: {
                  typename: 'User' as const,
                  account: context.model.account(login),
                },
              })),
              ...source.pull.requestedTeams
                .map(slug => context.model.team(source.repo.owner.login, slug))
                .filter((team): team is TeamRecord => team !== undefined)
                .map(team => ({
                  repo: source.repo,
                  pull: source.pull,
                  reviewer: { typename: 'Team' as const, team },
                })),
            ];
            return paginate(requests, args, 'reviewRequests');
          },
          PAGE_ARGS,
        ),
      },
    },
    Label: {
      kind: 'object',
      interfaces: ['Node'],
      fields: {
        id: field<LabelRecord>('ID!', label => label.nodeId),
        name: field<LabelRecord>('String!', label => label.name),
        color: field<LabelRecord>('String!', label => label.color),
        description: field<LabelRecord>('String', label => label.description),
      },
    },
    ReviewRequest: {
      kind: 'object',
      fields: {
        requestedReviewer: field<ReviewRequestSource>(
          'RequestedReviewer',
          source =>
            source.reviewer.typename === 'User'
              ? source.reviewer.account
              : source.reviewer,
        ),
      },
    },
    RequestedReviewer: {
      kind: 'union',
      types: ['User', 'Team'],
      resolveType: value =>
        typeof value === 'object' &&
        value !== null &&
        'typename' in value &&
        value.typename === 'Team'
          ? 'Team'
          : 'User',
    },
    PageInfo: {
      kind: 'object',
      fields: {
        hasNextPage: field<Connection<unknown>>(
          'Boolean!',
          source => source.hasNextPage,
        ),
        hasPreviousPage: field<Connection<unknown>>(
          'Boolean!',
          source => source.hasPreviousPage,
        ),
        startCursor: field<Connection<unknown>>('String', source =>
          source.items.length > 0 ? cursor(source.items[0].index) : null,
        ),
        endCursor: field<Connection<unknown>>('String', source =>
          source.items.length > 0
            ? cursor(source.items[source.items.length - 1].index)
            : null,
        ),
      },
    },
    ...connectionTypes('PullRequest'),
    ...connectionTypes('Label'),
    ...connectionTypes('ReviewRequest'),
    ...connectionTypes('Commit'),
  },
};
