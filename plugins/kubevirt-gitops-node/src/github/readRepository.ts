/*
 * The reads before a pull request, in one round trip: the base branch
 * (commit and tree), the open pull requests (conflicts and re-runs) and
 * the VM's folder (existence, and for changes its file list); then, for
 * changes, the contents of the VM's kustomize files by blob SHA.
 */
import { ConflictError } from '@backstage/errors';
import type { GitopsRepository } from '@internal/plugin-kubevirt-gitops-common';
import type { VmPaths } from '../layout/layouts';
import type { VmRepositoryState } from '../operations/types';
import type { GithubClient } from './githubClient';
import { callGithub, githubStatus, toActionableError, type GithubCallContext } from './githubErrors';
import { listOpenVmPulls, type OpenVmPull } from './openPulls';

/**
 * The base branch's head.
 *
 * @public
 */
export interface BaseBranchState {
  commitSha: string;
  treeSha: string;
}

/** Everything read before writing. */
export interface RepositorySnapshot {
  base: BaseBranchState;
  openPulls: OpenVmPull[];
  vm: VmRepositoryState;
}

interface Target {
  client: GithubClient;
  repository: GitopsRepository;
  baseBranch: string;
}

function callContext(target: Target, action: string): GithubCallContext {
  return {
    action,
    host: target.repository.host,
    owner: target.repository.owner,
    repo: target.repository.repo,
    baseBranch: target.baseBranch,
  };
}

async function readBaseBranch(target: Target): Promise<BaseBranchState> {
  const { data } = await callGithub(callContext(target, 'reading the base branch'), () =>
    target.client.rest.repos.getCommit({
      owner: target.repository.owner,
      repo: target.repository.repo,
      ref: `heads/${target.baseBranch}`,
    }),
  );
  return { commitSha: data.sha, treeSha: data.commit.tree.sha };
}

/** The top-level entries of the VM's folder, or none when it does not exist. */
async function probeVmFolder(target: Target, paths: VmPaths): Promise<string[]> {
  try {
    const { data } = await target.client.rest.repos.getContent({
      owner: target.repository.owner,
      repo: target.repository.repo,
      path: paths.vmDir,
      ref: target.baseBranch,
    });
    return (Array.isArray(data) ? data : [data]).map(entry => entry.path);
  } catch (error) {
    if (githubStatus(error) === 404) return [];
    throw toActionableError(error, callContext(target, 'checking whether the VM exists'));
  }
}

/** Every file under the VM's folder (recursive tree of the base, checked against it). */
async function listVmFiles(target: Target, paths: VmPaths): Promise<{ treeSha: string; files: Map<string, string> }> {
  const { data } = await callGithub(callContext(target, "listing the VM's files"), () =>
    target.client.rest.git.getTree({
      owner: target.repository.owner,
      repo: target.repository.repo,
      tree_sha: target.baseBranch,
      recursive: 'true',
    }),
  );
  if (data.truncated) {
    throw new ConflictError(
      `The GitOps repository ${target.repository.owner}/${target.repository.repo} is too large for GitHub's recursive tree listing; split it, or change the VM by hand.`,
    );
  }
  const prefix = `${paths.vmDir}/`;
  const files = new Map<string, string>();
  for (const entry of data.tree) {
    if (entry.type === 'blob' && entry.path && entry.sha && entry.path.startsWith(prefix)) {
      files.set(entry.path, entry.sha);
    }
  }
  return { treeSha: data.sha, files };
}

async function readBlob(target: Target, sha: string): Promise<string> {
  const { data } = await callGithub(callContext(target, "reading the VM's files"), () =>
    target.client.rest.git.getBlob({
      owner: target.repository.owner,
      repo: target.repository.repo,
      file_sha: sha,
    }),
  );
  return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
}

function isKustomizeInput(path: string, paths: VmPaths): boolean {
  return path.startsWith(`${paths.kustomizeRoot}/`) && /(\.ya?ml|\/Kustomization)$/.test(path);
}

/**
 * Reads what an operation needs. `create` only probes the VM's folder; the
 * other operations list it and read its kustomize files.
 */
export async function readRepositorySnapshot(
  target: Target,
  paths: VmPaths,
  vm: string,
  kind: 'create' | 'change',
): Promise<RepositorySnapshot> {
  for (let attempt = 0; ; attempt++) {
    const [base, openPulls, listing] = await Promise.all([
      readBaseBranch(target),
      listOpenVmPulls(target.client, target.repository, vm, callContext(target, 'listing open pull requests')),
      kind === 'create' ? probeVmFolder(target, paths) : listVmFiles(target, paths),
    ]);
    if (Array.isArray(listing)) {
      return { base, openPulls, vm: { paths: listing, files: new Map() } };
    }
    if (listing.treeSha !== base.treeSha) {
      // The base branch moved between the two reads: read again.
      if (attempt < 2) continue;
      throw new ConflictError(
        `The base branch ${target.baseBranch} of ${target.repository.owner}/${target.repository.repo} keeps moving; try again in a moment.`,
      );
    }
    const wanted = [...listing.files].filter(([path]) => isKustomizeInput(path, paths));
    const contents = await Promise.all(wanted.map(([, sha]) => readBlob(target, sha)));
    return {
      base,
      openPulls,
      vm: {
        paths: [...listing.files.keys()],
        files: new Map(wanted.map(([path], index) => [path, contents[index]])),
      },
    };
  }
}
