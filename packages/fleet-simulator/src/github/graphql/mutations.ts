/*
 * The mutations the simulator answers, over its Git model, with the error
 * types and texts GitHub gives for them:
 *
 * - `createRef`: a new ref at an existing object; an existing name is
 *   UNPROCESSABLE.
 * - `createCommitOnBranch`: a compare-and-swap on `expectedHeadOid`
 *   (STALE_DATA when the branch moved), base64 additions, deletions of
 *   existing paths only; the commit is authored by the viewer and committed
 *   by "GitHub Enterprise", as GitHub does.
 *
 * graphql-js has already checked the inputs against GitHub's schema
 * (required fields, types); these functions check what the schema cannot.
 */
import {
  editTree,
  isValidTreePath,
  MissingPathError,
  type TreeEdit,
} from '../../git/treeEdit';
import type { FileMode } from '../../git/objects';
import { asObject, asObjectArray, asString } from '../../json';
import type { GithubContext } from '../http/route';
import type { RepoRecord } from '../model';
import {
  FieldError,
  gitObject,
  refNodeId,
  refSource,
  type Args,
  type RefSource,
} from './sources';

function inputOf(args: Args): Record<string, unknown> {
  return asObject(args.input) ?? {};
}

function findRepoByNodeId(
  context: GithubContext,
  id: string,
): RepoRecord | undefined {
  return context.model.repos().find(repo => repo.nodeId === id);
}

function notANode(id: string): FieldError {
  return new FieldError(
    'NOT_FOUND',
    `Could not resolve to a node with the global id of '${id}'`,
  );
}

export function createRef(args: Args, context: GithubContext) {
  const input = inputOf(args);
  const repositoryId = asString(input.repositoryId) ?? '';
  const name = asString(input.name) ?? '';
  const oid = asString(input.oid) ?? '';
  const repo = findRepoByNodeId(context, repositoryId);
  if (!repo) throw notANode(repositoryId);
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
    ref: refSource(repo, name),
  };
}

/** The branch a `CommittableBranch` input names: by node id, or by repository and branch name. */
function committableBranch(
  context: GithubContext,
  branch: Record<string, unknown>,
): RefSource {
  const id = asString(branch.id);
  if (id !== undefined) {
    for (const repo of context.model.repos()) {
      for (const { ref } of repo.git.listRefs('refs/heads/')) {
        if (refNodeId(context, repo, ref) === id) return refSource(repo, ref);
      }
    }
    throw notANode(id);
  }
  const nameWithOwner = asString(branch.repositoryNameWithOwner) ?? '';
  const branchName = asString(branch.branchName) ?? '';
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
  return refSource(repo, qualified);
}

/** The tree edits of a `FileChanges` input, checked against the parent commit's files. */
function fileEdits(
  repo: RepoRecord,
  head: string,
  existing: Map<string, { mode: string }>,
  changes: Record<string, unknown>,
): TreeEdit[] {
  const edits: TreeEdit[] = [];
  for (const deletion of asObjectArray(changes.deletions)) {
    const path = asString(deletion.path) ?? '';
    if (!existing.has(path)) {
      throw new FieldError(
        'UNPROCESSABLE',
        `A path was requested for deletion which does not exist as of commit oid \`${head}\``,
      );
    }
    edits.push({ path, entry: null });
  }
  for (const addition of asObjectArray(changes.additions)) {
    const path = asString(addition.path) ?? '';
    const contents = asString(addition.contents) ?? '';
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
  return edits;
}

export function createCommitOnBranch(args: Args, context: GithubContext) {
  const input = inputOf(args);
  const ref = committableBranch(context, asObject(input.branch) ?? {});
  const { repo } = ref;
  const expected = asString(input.expectedHeadOid) ?? '';
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
  const message = asObject(input.message) ?? {};
  const headline = asString(message.headline) ?? '';
  if (headline.trim() === '') {
    throw new FieldError(
      'UNPROCESSABLE',
      'A commit message headline must be present.',
    );
  }
  const bodyText = asString(message.body) ?? '';
  const body = bodyText === '' ? '' : `\n\n${bodyText}`;
  const parent = repo.git.commit(head);
  if (!parent) throw new Error(`${head} is not a commit`);
  const edits = fileEdits(
    repo,
    head,
    repo.git.files(parent.tree),
    asObject(input.fileChanges) ?? {},
  );
  let tree: string;
  try {
    tree = editTree(repo.git, parent.tree, edits);
  } catch (error) {
    if (error instanceof MissingPathError) {
      throw new FieldError('UNPROCESSABLE', error.message);
    }
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
