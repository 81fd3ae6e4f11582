/*
 * The calls the VM pull-request writer (issue 4) makes, in order: read the
 * base ref, write a tree with inline contents and a deletion, commit,
 * create the branch, open the pull request, label it, request reviewers.
 */
import type { TestGithub } from './startTestGithub';

export const owner = 'acme';
export const repo = 'gitops';
export const branch = 'kubevirt-gitops/create/web-1';

export async function openVmPullRequest(
  github: TestGithub,
  vm = 'web-1',
  headBranch = branch,
) {
  const { octokit } = github;
  const { data: baseRef } = await octokit.git.getRef({
    owner,
    repo,
    ref: 'heads/main',
  });
  const { data: baseCommit } = await octokit.git.getCommit({
    owner,
    repo,
    commit_sha: baseRef.object.sha,
  });
  const { data: tree } = await octokit.git.createTree({
    owner,
    repo,
    base_tree: baseCommit.tree.sha,
    tree: [
      {
        path: `applicationsets/vms/${vm}/kustomize/base/virtualmachine.yaml`,
        mode: '100644',
        type: 'blob',
        content: `kind: VirtualMachine\nmetadata:\n  name: ${vm}\n`,
      },
      {
        path: `applicationsets/vms/${vm}/catalog-info.yaml`,
        mode: '100644',
        type: 'blob',
        content: `kind: Resource\nmetadata:\n  name: ${vm}\n`,
      },
      {
        path: 'applicationsets/demo-vm/applicationset.yaml',
        mode: '100644',
        type: 'blob',
        sha: null,
      },
    ],
  });
  const { data: commit } = await octokit.git.createCommit({
    owner,
    repo,
    message: `Create VM ${vm}`,
    tree: tree.sha,
    parents: [baseRef.object.sha],
    author: {
      name: 'Backstage',
      email: 'backstage@example.com',
      date: '2025-01-15T09:00:00Z',
    },
  });
  await octokit.git.createRef({
    owner,
    repo,
    ref: `refs/heads/${headBranch}`,
    sha: commit.sha,
  });
  const { data: pull } = await octokit.pulls.create({
    owner,
    repo,
    title: `Create VM ${vm}`,
    head: headBranch,
    base: 'main',
    body: `Creates **${vm}**`,
  });
  const { data: labels } = await octokit.issues.addLabels({
    owner,
    repo,
    issue_number: pull.number,
    labels: ['kubevirt-gitops', 'vm/create', 'env/dev'],
  });
  const { data: reviewed } = await octokit.pulls.requestReviewers({
    owner,
    repo,
    pull_number: pull.number,
    reviewers: ['alice'],
    team_reviewers: ['platform-team'],
  });
  return { baseRef, tree, commit, pull, labels, reviewed };
}
