/*
 * Writes a change set as one commit on its branch with the Git Data API:
 * one tree with every file inline (no blob per file), one commit on the
 * base, one ref. If the branch already exists (a re-run after a failure
 * between the ref and the pull request), it is moved to the new commit
 * only when every commit on it was written by kubevirt-gitops; otherwise
 * nothing is overwritten and a ConflictError says why.
 */
import { ConflictError } from '@backstage/errors';
import type { GitopsRepository } from '@internal/plugin-kubevirt-gitops-common';
import type { VmChangeSet } from '../operations/types';
import type { GithubClient } from './githubClient';
import { callGithub, githubMessage, githubStatus, toActionableError, type GithubCallContext } from './githubErrors';
import type { BaseBranchState } from './readRepository';

/** The trailer every commit of the product carries. */
export const REQUEST_TRAILER = 'Kubevirt-Gitops-Request';

interface PushTarget {
  client: GithubClient;
  repository: GitopsRepository;
  context: (action: string) => GithubCallContext;
}

/** The commit message: title, description, requester, trailer. */
export function commitMessage(changeSet: VmChangeSet, fingerprint: string, requester?: string): string {
  const lines = [changeSet.title, '', changeSet.description];
  if (requester) lines.push('', `Requested by ${requester} through Backstage.`);
  lines.push('', `${REQUEST_TRAILER}: ${fingerprint}`);
  return `${lines.join('\n')}\n`;
}

async function createCommit(target: PushTarget, base: BaseBranchState, changeSet: VmChangeSet, message: string): Promise<string> {
  const { owner, repo } = target.repository;
  const tree = await callGithub(target.context('writing the files'), () =>
    target.client.rest.git.createTree({
      owner,
      repo,
      base_tree: base.treeSha,
      tree: changeSet.files.map(file =>
        'deleted' in file
          ? { path: file.path, mode: '100644' as const, type: 'blob' as const, sha: null }
          : { path: file.path, mode: '100644' as const, type: 'blob' as const, content: file.content },
      ),
    }),
  );
  const commit = await callGithub(target.context('committing the files'), () =>
    target.client.rest.git.createCommit({ owner, repo, message, tree: tree.data.sha, parents: [base.commitSha] }),
  );
  return commit.data.sha;
}

/**
 * Moves an existing branch to `commitSha` if the only commit on it beyond
 * the base branch's history was written by kubevirt-gitops (the product
 * writes one commit per branch).
 */
async function takeOverBranch(target: PushTarget, branch: string, commitSha: string, baseBranch: string): Promise<void> {
  const { owner, repo } = target.repository;
  const context = target.context(`reusing the existing branch ${branch}`);
  const ref = await callGithub(context, () => target.client.rest.git.getRef({ owner, repo, ref: `heads/${branch}` }));
  const [head, history] = await Promise.all([
    callGithub(context, () => target.client.rest.git.getCommit({ owner, repo, commit_sha: ref.data.object.sha })),
    callGithub(context, () => target.client.rest.repos.listCommits({ owner, repo, sha: baseBranch, per_page: 100 })),
  ]);
  const onBase = new Set(history.data.map(commit => commit.sha));
  const ours = head.data.message.includes(`\n${REQUEST_TRAILER}: `);
  const parentOnBase = head.data.parents.length === 1 && onBase.has(head.data.parents[0].sha);
  if (!onBase.has(head.data.sha) && !(ours && parentOnBase)) {
    throw new ConflictError(
      `The branch ${branch} already exists in ${owner}/${repo} with commits kubevirt-gitops did not write (${head.data.sha.slice(0, 7)} "${head.data.message.split('\n')[0]}"). It will not overwrite them: merge or delete that branch, then run the template again.`,
    );
  }
  await callGithub(context, () =>
    target.client.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: commitSha, force: true }),
  );
}

/** Commits the change set on its branch; returns the commit SHA. */
export async function pushChangeSet(
  target: PushTarget,
  base: BaseBranchState & { branch: string },
  changeSet: VmChangeSet,
  message: string,
): Promise<{ commitSha: string; reusedBranch: boolean }> {
  const commitSha = await createCommit(target, base, changeSet, message);
  const { owner, repo } = target.repository;
  try {
    await target.client.rest.git.createRef({ owner, repo, ref: `refs/heads/${changeSet.branch}`, sha: commitSha });
    return { commitSha, reusedBranch: false };
  } catch (error) {
    if (githubStatus(error) !== 422 || !/already exists/i.test(githubMessage(error))) {
      throw toActionableError(error, target.context(`creating the branch ${changeSet.branch}`));
    }
  }
  await takeOverBranch(target, changeSet.branch, commitSha, base.branch);
  return { commitSha, reusedBranch: true };
}
