/*
 * Reads what VM discovery needs from the GitOps repository's base branch,
 * in a fixed number of calls whatever the repository's size:
 *
 * 1. one GraphQL query for the branch's commit and its tree;
 * 2. one REST call, `git.getTree(<tree>, recursive)`, for every path of the
 *    tree (GitHub answers up to 100,000 entries or 7 MB in one listing);
 * 3. the text of the YAML files (and the CODEOWNERS file) in GraphQL
 *    queries of 50 aliases each, `object(expression: "<commit>:<path>")
 *    { ... on Blob { text } }`, all at that commit, four queries at a time.
 *
 * When GitHub answers the tree listing `truncated`, the listing is
 * incomplete and a VM missing from it would look deleted: the read fails
 * (ServiceUnavailableError saying so) rather than return part of the
 * repository. At most `maxFiles` files (default 2,000) are read; the rest
 * are named in a warning.
 */
import { ServiceUnavailableError } from '@backstage/errors';
import type { GitopsRepository } from '@internal/plugin-kubevirt-gitops-common';
import type { GithubClient } from './githubClient';
import {
  callGithub,
  callGraphql,
  graphqlErrorToActionable,
  toActionableError,
  type GithubCallContext,
} from './githubErrors';
import { queryRepositoryObjects } from './repositoryObjects';

/**
 * Where GitHub looks for CODEOWNERS, in the order it looks (the first one
 * found is the one it uses).
 *
 * @public
 */
export const CODEOWNERS_PATHS = [
  '.github/CODEOWNERS',
  'CODEOWNERS',
  'docs/CODEOWNERS',
] as const;

/**
 * Options of {@link readRepositoryFiles}.
 *
 * @public
 */
export interface ReadRepositoryFilesOptions {
  client: GithubClient;
  repository: GitopsRepository;
  baseBranch: string;
  /**
   * Which of the tree's files to read, in the order they are worth reading
   * (the first `maxFiles` are read). Default: {@link isYamlFile} outside
   * hidden folders, sorted.
   */
  select?: (paths: readonly string[]) => string[];
  /** At most this many files are read (default 2,000); CODEOWNERS comes on top. */
  maxFiles?: number;
  /** Files larger than this many bytes are not read (default 1 MiB). */
  maxFileBytes?: number;
  /** Aliases per GraphQL query (default 50). */
  batchSize?: number;
  /** GraphQL queries in flight at once (default 4). */
  concurrency?: number;
}

/**
 * What {@link readRepositoryFiles} read.
 *
 * @public
 */
export interface RepositoryFiles {
  /** The base branch's commit every text was read at. */
  commitSha: string;
  /** Every file (blob) of the commit's tree, sorted. */
  paths: string[];
  /** Path → text of the files read. */
  files: Map<string, string>;
  /** The CODEOWNERS file GitHub uses, when there is one. */
  codeowners?: { path: string; text: string };
  /** What was not read, and why (for a warning in the log). */
  warnings: string[];
}

/**
 * A YAML file (`.yaml`, `.yml`) or a kustomization without extension.
 *
 * @public
 */
export function isYamlFile(path: string): boolean {
  return /\.ya?ml$/i.test(path) || /(^|\/)Kustomization$/.test(path);
}

function defaultSelect(paths: readonly string[]): string[] {
  return paths
    .filter(path => isYamlFile(path))
    .filter(path => !path.split('/').some(part => part.startsWith('.')));
}

interface GraphqlBlob {
  __typename?: string;
  text?: string | null;
  isBinary?: boolean | null;
  isTruncated?: boolean | null;
}

interface BranchAnswer {
  repository: {
    ref: {
      target: { oid: string; tree?: { oid: string } | null } | null;
    } | null;
  } | null;
}

async function branchHead(
  options: ReadRepositoryFilesOptions,
  context: GithubCallContext,
): Promise<{ commitSha: string; treeSha: string }> {
  const { data, errors } = await callGraphql<BranchAnswer>(context, () =>
    options.client.graphql<BranchAnswer>(
      `query KubevirtGitopsDiscoveryHead($owner: String!, $name: String!, $ref: String!) {
  repository(owner: $owner, name: $name) {
    ref(qualifiedName: $ref) { target { oid ... on Commit { tree { oid } } } }
  }
}`,
      {
        owner: options.repository.owner,
        name: options.repository.repo,
        ref: `refs/heads/${options.baseBranch}`,
      },
    ),
  );
  if (errors.length > 0 || !data.repository)
    throw graphqlErrorToActionable(errors, context);
  const target = data.repository.ref?.target;
  if (!target?.tree) {
    const what = `No branch ${options.baseBranch}`;
    throw toActionableError(
      { status: 404, message: what, response: { data: { message: what } } },
      context,
    );
  }
  return { commitSha: target.oid, treeSha: target.tree.oid };
}

async function readBatch(
  options: ReadRepositoryFilesOptions,
  context: GithubCallContext,
  commitSha: string,
  paths: readonly string[],
): Promise<Array<GraphqlBlob | null>> {
  return queryRepositoryObjects<GraphqlBlob>({
    client: options.client,
    repository: options.repository,
    context,
    queryName: 'KubevirtGitopsDiscoveryFiles',
    variableType: 'String!',
    values: paths.map(path => `${commitSha}:${path}`),
    field: variable =>
      `object(expression: ${variable}) { __typename ... on Blob { text isBinary isTruncated } }`,
  });
}

async function inBatches<T>(
  items: readonly string[],
  size: number,
  concurrency: number,
  read: (batch: readonly string[]) => Promise<T[]>,
): Promise<T[]> {
  const batches: string[][] = [];
  for (let start = 0; start < items.length; start += size)
    batches.push(items.slice(start, start + size));
  const results: T[][] = new Array(batches.length);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const index = next++;
      results[index] = await read(batches[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, batches.length) }, worker),
  );
  return results.flat();
}

/**
 * Reads the base branch's tree and the text of the files that matter
 * (see the file's header for the calls made).
 *
 * @public
 */
export async function readRepositoryFiles(
  options: ReadRepositoryFilesOptions,
): Promise<RepositoryFiles> {
  const { repository, baseBranch } = options;
  const context = (action: string): GithubCallContext => ({
    action,
    host: repository.host,
    owner: repository.owner,
    repo: repository.repo,
    baseBranch,
  });
  const maxFiles = options.maxFiles ?? 2000;
  const maxFileBytes = options.maxFileBytes ?? 1024 * 1024;
  const warnings: string[] = [];

  const { commitSha, treeSha } = await branchHead(
    options,
    context('reading the base branch'),
  );
  const { data: tree } = await callGithub(
    context('listing the base branch'),
    () =>
      options.client.rest.git.getTree({
        owner: repository.owner,
        repo: repository.repo,
        tree_sha: treeSha,
        recursive: 'true',
      }),
  );
  if (tree.truncated) {
    throw new ServiceUnavailableError(
      `GitHub truncated the listing of ${repository.owner}/${repository.repo} at ${baseBranch} (${commitSha}): the tree has more than GitHub returns in one recursive listing (100,000 entries or 7 MB). Discovery does not work on part of a repository (the VMs it missed would leave the catalog); register those VMs by URL instead, or keep the VMs in a smaller repository.`,
    );
  }
  const sizes = new Map<string, number | undefined>();
  for (const entry of tree.tree) {
    if (entry.type === 'blob' && entry.path) sizes.set(entry.path, entry.size);
  }
  const paths = [...sizes.keys()].sort();

  const selected = (options.select ?? defaultSelect)(paths).filter(path =>
    sizes.has(path),
  );
  const tooLarge = new Set(
    selected.filter(path => (sizes.get(path) ?? 0) > maxFileBytes),
  );
  if (tooLarge.size > 0) {
    const names = [...tooLarge];
    warnings.push(
      `${
        names.length
      } file(s) larger than ${maxFileBytes} bytes were not read: ${names
        .slice(0, 5)
        .join(', ')}${names.length > 5 ? ', ...' : ''}`,
    );
  }
  const readable = selected.filter(path => !tooLarge.has(path));
  const wanted = readable.slice(0, maxFiles);
  if (readable.length > wanted.length) {
    const left = readable.slice(maxFiles);
    warnings.push(
      `${readable.length} files qualify, only the first ${maxFiles} were read; ${left.length} were not (from ${left[0]}): VMs defined there are not discovered`,
    );
  }
  const codeownersPath = CODEOWNERS_PATHS.find(path => sizes.has(path));
  const toRead =
    codeownersPath && !wanted.includes(codeownersPath)
      ? [...wanted, codeownersPath]
      : wanted;

  const blobs = await inBatches(
    toRead,
    options.batchSize ?? 50,
    options.concurrency ?? 4,
    batch => readBatch(options, context('reading the files'), commitSha, batch),
  );
  const files = new Map<string, string>();
  const unreadable: string[] = [];
  toRead.forEach((path, index) => {
    const blob = blobs[index];
    if (typeof blob?.text === 'string' && !blob.isTruncated && !blob.isBinary)
      files.set(path, blob.text);
    else unreadable.push(path);
  });
  if (unreadable.length > 0) {
    warnings.push(
      `GitHub gave no text (binary or truncated) for ${unreadable.join(', ')}`,
    );
  }
  const codeownersText = codeownersPath ? files.get(codeownersPath) : undefined;
  if (codeownersPath && !wanted.includes(codeownersPath))
    files.delete(codeownersPath);
  return {
    commitSha,
    paths,
    files,
    codeowners:
      codeownersPath && codeownersText !== undefined
        ? { path: codeownersPath, text: codeownersText }
        : undefined,
    warnings,
  };
}
