/*
 * Writes a change set as one commit on its branch.
 *
 * A new branch takes one GraphQL request with two mutations, which GitHub
 * runs one after the other: `createRef` (the branch, at the base commit
 * read before) and `createCommitOnBranch` (every file inline, base64;
 * deletions by path) with `expectedHeadOid` = that base commit. The commit
 * only lands if the branch still points at the base commit, so it can never
 * overwrite anything; no tree, blob, commit or ref REST call is made.
 *
 * A branch that already exists (a run that failed halfway, or a race) is
 * judged from its head commit:
 * - at the base commit (the branch was created, the commit was not):
 *   `createCommitOnBranch` on it;
 * - our commit for this very request on top of the base commit: reused as
 *   it is (the same request on the same base gives the same files);
 * - otherwise moved to a new commit (REST tree + commit + forced ref) only
 *   when every commit on it beyond the base branch was written by
 *   kubevirt-gitops; anything else is a ConflictError and nothing is
 *   written.
 */
import { ConflictError } from '@backstage/errors';
import type { GitopsRepository } from '@internal/plugin-kubevirt-gitops-common';
import type { VmChangeSet } from '../operations/types';
import type { GithubClient } from './githubClient';
import {
  callGithub,
  callGraphql,
  githubStatus,
  graphqlErrorToActionable,
  isFatalGraphqlError,
  toActionableError,
  type GithubCallContext,
  type GraphqlErrorEntry,
} from './githubErrors';
import type { BaseBranchState, BranchHead } from './readRepository';

/** The trailer every commit of the product carries. */
export const REQUEST_TRAILER = 'Kubevirt-Gitops-Request';

interface PushTarget {
  client: GithubClient;
  repository: GitopsRepository;
  context: (action: string) => GithubCallContext;
}

/** Where the commit goes on top of. */
export interface PushBase extends BaseBranchState {
  /** The base branch's name. */
  branch: string;
  /** GraphQL node id of the repository. */
  repositoryId: string;
}

/** The commit message: title, description, requester, trailer. */
export function commitMessage(
  changeSet: VmChangeSet,
  fingerprint: string,
  requester?: string,
): string {
  const lines = [changeSet.title, '', changeSet.description];
  if (requester) lines.push('', `Requested by ${requester} through Backstage.`);
  lines.push('', `${REQUEST_TRAILER}: ${fingerprint}`);
  return `${lines.join('\n')}\n`;
}

/** Whether a commit message carries the trailer (of `fingerprint`, when given). */
function hasTrailer(message: string, fingerprint?: string): boolean {
  return message
    .split('\n')
    .some(line =>
      fingerprint
        ? line.trim() === `${REQUEST_TRAILER}: ${fingerprint}`
        : line.startsWith(`${REQUEST_TRAILER}: `),
    );
}

function commitInput(
  target: PushTarget,
  branch: string,
  expectedHeadOid: string,
  changeSet: VmChangeSet,
  message: string,
) {
  const [headline, ...rest] = message.split('\n');
  return {
    branch: {
      repositoryNameWithOwner: `${target.repository.owner}/${target.repository.repo}`,
      branchName: branch,
    },
    expectedHeadOid,
    message: { headline, body: rest.join('\n').trim() },
    fileChanges: {
      additions: changeSet.files.flatMap(file =>
        'content' in file
          ? [
              {
                path: file.path,
                contents: Buffer.from(file.content, 'utf8').toString('base64'),
              },
            ]
          : [],
      ),
      deletions: changeSet.files.flatMap(file =>
        'deleted' in file ? [{ path: file.path }] : [],
      ),
    },
  };
}

type PushAnswer = {
  createRef?: { ref: { name: string } | null } | null;
  createCommitOnBranch: { commit: { oid: string } | null } | null;
};

const CREATE_AND_COMMIT = `mutation KubevirtGitopsPush($ref: CreateRefInput!, $commit: CreateCommitOnBranchInput!) {
  createRef(input: $ref) { ref { name } }
  createCommitOnBranch(input: $commit) { commit { oid } }
}`;

const COMMIT_ONLY = `mutation KubevirtGitopsCommit($commit: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $commit) { commit { oid } }
}`;

/** Runs a push mutation document; the new commit's SHA, or GitHub's errors. */
async function pushMutation(
  target: PushTarget,
  action: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ commitSha?: string; errors: GraphqlErrorEntry[] }> {
  const { data, errors } = await callGraphql<PushAnswer>(
    target.context(action),
    () => target.client.graphql<PushAnswer>(query, variables),
  );
  const fatal = errors.find(isFatalGraphqlError);
  if (fatal) throw graphqlErrorToActionable([fatal], target.context(action));
  return { commitSha: data.createCommitOnBranch?.commit?.oid, errors };
}

/** The head commit of a branch, or undefined when there is no such branch (REST). */
async function readBranchHead(
  target: PushTarget,
  branch: string,
): Promise<BranchHead | undefined> {
  const { owner, repo } = target.repository;
  const context = target.context(`reading the existing branch ${branch}`);
  let sha: string;
  try {
    sha = (
      await target.client.rest.git.getRef({
        owner,
        repo,
        ref: `heads/${branch}`,
      })
    ).data.object.sha;
  } catch (error) {
    if (githubStatus(error) === 404) return undefined;
    throw toActionableError(error, context);
  }
  const { data } = await callGithub(context, () =>
    target.client.rest.git.getCommit({ owner, repo, commit_sha: sha }),
  );
  return {
    sha: data.sha,
    message: data.message,
    parents: data.parents.map(parent => parent.sha),
  };
}

/**
 * Refuses (ConflictError) unless every commit on the branch beyond the base
 * branch's history was written by kubevirt-gitops (one commit per branch).
 */
async function checkOnlyOurCommits(
  target: PushTarget,
  branch: string,
  head: BranchHead,
  baseBranch: string,
): Promise<void> {
  const { owner, repo } = target.repository;
  const history = await callGithub(
    target.context(`reusing the existing branch ${branch}`),
    () =>
      target.client.rest.repos.listCommits({
        owner,
        repo,
        sha: baseBranch,
        per_page: 100,
      }),
  );
  const onBase = new Set(history.data.map(commit => commit.sha));
  const parentOnBase = head.parents.length === 1 && onBase.has(head.parents[0]);
  if (!onBase.has(head.sha) && !(hasTrailer(head.message) && parentOnBase)) {
    throw new ConflictError(
      `The branch ${branch} already exists in ${owner}/${repo} with commits kubevirt-gitops did not write (${head.sha.slice(
        0,
        7,
      )} "${
        head.message.split('\n')[0]
      }"). It will not overwrite them: merge or delete that branch, then run the template again.`,
    );
  }
}

/** A new commit on the base with the change set, then the branch moved to it (REST, forced). */
async function rewriteBranch(
  target: PushTarget,
  base: PushBase,
  changeSet: VmChangeSet,
  message: string,
): Promise<string> {
  const { owner, repo } = target.repository;
  const tree = await callGithub(target.context('writing the files'), () =>
    target.client.rest.git.createTree({
      owner,
      repo,
      base_tree: base.treeSha,
      tree: changeSet.files.map(file =>
        'deleted' in file
          ? {
              path: file.path,
              mode: '100644' as const,
              type: 'blob' as const,
              sha: null,
            }
          : {
              path: file.path,
              mode: '100644' as const,
              type: 'blob' as const,
              content: file.content,
            },
      ),
    }),
  );
  const commit = await callGithub(target.context('committing the files'), () =>
    target.client.rest.git.createCommit({
      owner,
      repo,
      message,
      tree: tree.data.sha,
      parents: [base.commitSha],
    }),
  );
  await callGithub(
    target.context(`reusing the existing branch ${changeSet.branch}`),
    () =>
      target.client.rest.git.updateRef({
        owner,
        repo,
        ref: `heads/${changeSet.branch}`,
        sha: commit.data.sha,
        force: true,
      }),
  );
  return commit.data.sha;
}

/** Puts the change set on a branch that already exists (see the file comment). */
async function reuseBranch(
  target: PushTarget,
  base: PushBase,
  head: BranchHead,
  changeSet: VmChangeSet,
  message: string,
  fingerprint: string,
): Promise<string> {
  if (head.sha === base.commitSha) {
    const action = `committing the files on the existing branch ${changeSet.branch}`;
    const { commitSha, errors } = await pushMutation(
      target,
      action,
      COMMIT_ONLY,
      {
        commit: commitInput(
          target,
          changeSet.branch,
          base.commitSha,
          changeSet,
          message,
        ),
      },
    );
    if (commitSha) return commitSha;
    throw graphqlErrorToActionable(errors, target.context(action));
  }
  if (
    hasTrailer(head.message, fingerprint) &&
    head.parents.length === 1 &&
    head.parents[0] === base.commitSha
  ) {
    return head.sha;
  }
  await checkOnlyOurCommits(target, changeSet.branch, head, base.branch);
  return rewriteBranch(target, base, changeSet, message);
}

/**
 * Commits the change set on its branch; returns the commit SHA and whether
 * the branch existed. `existing` is the branch's head as read before, if
 * the branch existed then.
 */
export async function pushChangeSet(
  target: PushTarget,
  base: PushBase,
  existing: BranchHead | undefined,
  changeSet: VmChangeSet,
  message: string,
  fingerprint: string,
): Promise<{ commitSha: string; reusedBranch: boolean }> {
  let head = existing;
  if (!head) {
    const action = `creating the branch ${changeSet.branch}`;
    const { commitSha, errors } = await pushMutation(
      target,
      action,
      CREATE_AND_COMMIT,
      {
        ref: {
          repositoryId: base.repositoryId,
          name: `refs/heads/${changeSet.branch}`,
          oid: base.commitSha,
        },
        commit: commitInput(
          target,
          changeSet.branch,
          base.commitSha,
          changeSet,
          message,
        ),
      },
    );
    if (commitSha) return { commitSha, reusedBranch: errors.length > 0 };
    // The branch appeared since it was read (another run, a lost response),
    // or the commit was refused: judge the branch as it is now.
    head = await readBranchHead(target, changeSet.branch);
    if (!head) throw graphqlErrorToActionable(errors, target.context(action));
  }
  return {
    commitSha: await reuseBranch(
      target,
      base,
      head,
      changeSet,
      message,
      fingerprint,
    ),
    reusedBranch: true,
  };
}
