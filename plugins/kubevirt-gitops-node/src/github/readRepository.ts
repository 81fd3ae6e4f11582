/*
 * Everything read before a pull request, in one GraphQL query (one call,
 * one round trip, for every operation):
 *
 * - the repository's node id (for `createRef`);
 * - the base branch: its commit and that commit's tree;
 * - the VM's folder, `object(expression: "refs/heads/<base>:<vm dir>")`:
 *   whether it exists, every file under it, and the text of each file (the
 *   kustomize files are what changes need), nested four folders deep;
 * - the open pull requests of the VM's branches (conflicts and re-runs);
 * - the head of this request's branch, if it exists (a run that failed
 *   halfway), with its message and parents.
 *
 * The base branch is read again at the end of the query: if it moved while
 * GitHub answered, the query runs again. Deeper folders (none in either
 * layout) take one more query per four levels, and a file GitHub
 * truncates or calls binary is read by its blob SHA.
 */
import { ConflictError } from '@backstage/errors';
import type { GitopsRepository } from '@internal/plugin-kubevirt-gitops-common';
import type { VmPaths } from '@internal/plugin-kubevirt-gitops-common';
import type { VmRepositoryState } from '../operations/types';
import type { GithubClient } from './githubClient';
import {
  callGithub,
  callGraphql,
  graphqlErrorToActionable,
  toActionableError,
  type GithubCallContext,
} from './githubErrors';
import { queryRepositoryObjects } from './repositoryObjects';
import {
  openPullFields,
  VM_PULL_FRAGMENT,
  vmPullBranches,
  vmPullsFrom,
  type GraphqlPullConnection,
  type OpenVmPull,
} from './openPulls';

/**
 * The base branch's head.
 *
 * @public
 */
export interface BaseBranchState {
  commitSha: string;
  treeSha: string;
}

/** The head commit of an existing branch. */
export interface BranchHead {
  sha: string;
  message: string;
  parents: string[];
}

/** Everything read before writing. */
export interface RepositorySnapshot {
  /** GraphQL node id of the repository. */
  repositoryId: string;
  base: BaseBranchState;
  openPulls: OpenVmPull[];
  vm: VmRepositoryState;
  /** The request's branch, when it already exists. */
  branch?: BranchHead;
}

interface Target {
  client: GithubClient;
  repository: GitopsRepository;
  baseBranch: string;
  /** The writer's call context (names the action in errors). */
  context: (action: string) => GithubCallContext;
}

/** Folder levels one query reads below the VM's folder. */
const TREE_DEPTH = 4;
const ATTEMPTS = 3;

interface GraphqlTreeEntry {
  name: string;
  type: string;
  object: GraphqlGitObject | null;
}

interface GraphqlGitObject {
  __typename?: string;
  oid: string;
  text?: string | null;
  isTruncated?: boolean;
  entries?: GraphqlTreeEntry[] | null;
}

interface GraphqlCommitTarget {
  oid: string;
  tree?: { oid: string };
  message?: string;
  parents?: { nodes: Array<{ oid: string } | null> | null };
}

interface SnapshotAnswer {
  repository:
    | ({
        id: string;
        base: { target: GraphqlCommitTarget | null } | null;
        vm: GraphqlGitObject | null;
        branch: { target: GraphqlCommitTarget | null } | null;
        baseAgain: { target: { oid: string } | null } | null;
      } & Record<string, unknown>)
    | null;
}

/** `entries { name type object { oid … on Blob { text isTruncated } … on Tree { entries { … } } } }`, `depth` levels. */
export function treeEntriesSelection(depth: number): string {
  const deeper =
    depth > 1 ? ` ... on Tree { ${treeEntriesSelection(depth - 1)} }` : '';
  return `entries { name type object { oid ... on Blob { text isTruncated }${deeper} } }`;
}

function snapshotQuery(branches: readonly string[]): {
  query: string;
  variables: Record<string, string>;
} {
  const pulls = openPullFields(branches);
  return {
    query: `query KubevirtGitopsSnapshot($owner: String!, $name: String!, $base: String!, $vmDir: String!, $branch: String!, ${
      pulls.declarations
    }) {
  repository(owner: $owner, name: $name) {
    id
    base: ref(qualifiedName: $base) { target { oid ... on Commit { tree { oid } } } }
    vm: object(expression: $vmDir) { __typename oid ... on Tree { ${treeEntriesSelection(
      TREE_DEPTH,
    )} } }
    branch: ref(qualifiedName: $branch) { target { oid ... on Commit { message parents(first: 2) { nodes { oid } } } } }
    ${pulls.fields}
    baseAgain: ref(qualifiedName: $base) { target { oid } }
  }
}
${VM_PULL_FRAGMENT}`,
    variables: pulls.variables,
  };
}

interface FolderListing {
  /** Every file path under the folder. */
  paths: string[];
  /** Path → text, or undefined when it has to be read by SHA. */
  texts: Map<string, { text?: string; sha: string }>;
  /** Folders below the depth one query reads: path → tree SHA. */
  deeper: Map<string, string>;
}

function collectEntries(
  entries: readonly GraphqlTreeEntry[],
  prefix: string,
  into: FolderListing,
): void {
  for (const entry of entries) {
    const path = `${prefix}/${entry.name}`;
    const object = entry.object;
    if (!object) continue; // a submodule
    if (entry.type === 'tree') {
      if (object.entries) collectEntries(object.entries, path, into);
      else into.deeper.set(path, object.oid);
    } else if (entry.type === 'blob') {
      into.paths.push(path);
      const complete = typeof object.text === 'string' && !object.isTruncated;
      into.texts.set(path, {
        text: complete ? object.text ?? undefined : undefined,
        sha: object.oid,
      });
    }
  }
}

/** Reads folders deeper than one query reaches, a query per four levels (none in the built-in layouts). */
async function readDeeperFolders(
  target: Target,
  listing: FolderListing,
): Promise<void> {
  while (listing.deeper.size > 0) {
    const folders = [...listing.deeper];
    listing.deeper.clear();
    const trees = await queryRepositoryObjects<GraphqlGitObject>({
      client: target.client,
      repository: target.repository,
      context: target.context("listing the VM's files"),
      queryName: 'KubevirtGitopsFolders',
      variableType: 'GitObjectID!',
      values: folders.map(([, oid]) => oid),
      field: variable =>
        `object(oid: ${variable}) { ... on Tree { ${treeEntriesSelection(
          TREE_DEPTH,
        )} } }`,
    });
    folders.forEach(([path], index) => {
      collectEntries(trees[index]?.entries ?? [], path, listing);
    });
  }
}

async function readBlob(target: Target, sha: string): Promise<string> {
  const { data } = await callGithub(
    target.context("reading the VM's files"),
    () =>
      target.client.rest.git.getBlob({
        owner: target.repository.owner,
        repo: target.repository.repo,
        file_sha: sha,
      }),
  );
  return Buffer.from(
    data.content,
    data.encoding === 'base64' ? 'base64' : 'utf8',
  ).toString('utf8');
}

function isKustomizeInput(path: string, paths: VmPaths): boolean {
  // the VM's own ApplicationSet too: a decommission of some environments edits its generators
  if (path === paths.applicationSetFile) return true;
  return (
    path.startsWith(`${paths.kustomizeRoot}/`) &&
    /(\.ya?ml|\/Kustomization)$/.test(path)
  );
}

function notFound(target: Target, what: string): Error {
  return toActionableError(
    { status: 404, message: what, response: { data: { message: what } } },
    target.context('reading the base branch'),
  );
}

/**
 * Reads what an operation needs, in one GraphQL query: the base branch,
 * the VM's files (with the text of its kustomize files), the open pull
 * requests of the VM and the request's branch.
 */
export async function readRepositorySnapshot(
  target: Target,
  paths: VmPaths,
  vm: string,
  branch: string,
): Promise<RepositorySnapshot> {
  const { query, variables } = snapshotQuery(vmPullBranches(vm));
  const context = target.context('reading the repository');
  for (let attempt = 1; ; attempt++) {
    const { data, errors } = await callGraphql<SnapshotAnswer>(context, () =>
      target.client.graphql<SnapshotAnswer>(query, {
        owner: target.repository.owner,
        name: target.repository.repo,
        base: `refs/heads/${target.baseBranch}`,
        vmDir: `refs/heads/${target.baseBranch}:${paths.vmDir}`,
        branch: `refs/heads/${branch}`,
        ...variables,
      }),
    );
    const repository = data.repository;
    if (errors.length > 0 || !repository)
      throw graphqlErrorToActionable(errors, context);
    const base = repository.base?.target;
    if (!base?.tree) throw notFound(target, `No branch ${target.baseBranch}`);
    if (repository.baseAgain?.target?.oid !== base.oid) {
      // The base branch moved while GitHub answered: read again.
      if (attempt < ATTEMPTS) continue;
      throw new ConflictError(
        `The base branch ${target.baseBranch} of ${target.repository.owner}/${target.repository.repo} keeps moving; try again in a moment.`,
      );
    }

    const listing: FolderListing = {
      paths: [],
      texts: new Map(),
      deeper: new Map(),
    };
    if (repository.vm?.__typename === 'Tree') {
      collectEntries(repository.vm.entries ?? [], paths.vmDir, listing);
      await readDeeperFolders(target, listing);
    } else if (repository.vm) {
      listing.paths.push(paths.vmDir); // a file where the folder should be
    }
    const wanted = [...listing.texts].filter(([path]) =>
      isKustomizeInput(path, paths),
    );
    const texts = await Promise.all(
      wanted.map(([, { text, sha }]) => text ?? readBlob(target, sha)),
    );

    const head = repository.branch?.target;
    const pulls = vmPullBranches(vm).map(
      (_branch, index) =>
        repository[`pulls${index}`] as GraphqlPullConnection | null | undefined,
    );
    return {
      repositoryId: repository.id,
      base: { commitSha: base.oid, treeSha: base.tree.oid },
      openPulls: vmPullsFrom(pulls, vm),
      vm: {
        paths: listing.paths,
        files: new Map(wanted.map(([path], index) => [path, texts[index]])),
      },
      branch: head
        ? {
            sha: head.oid,
            message: head.message ?? '',
            parents: (head.parents?.nodes ?? []).flatMap(parent =>
              parent ? [parent.oid] : [],
            ),
          }
        : undefined,
    };
  }
}
