import { startTestGithub } from './__testUtils__/startTestGithub';
import {
  branch,
  openVmPullRequest,
  owner,
  repo,
} from './__testUtils__/vmPullRequest';
import type { TestGithub } from './__testUtils__/startTestGithub';

describe('simulated GitHub: the pull request writer sequence', () => {
  let github: TestGithub;
  beforeEach(async () => {
    github = await startTestGithub();
  });
  afterEach(() => github.close());

  it('opens a labelled pull request with reviewers from a tree with inline contents and a deletion', async () => {
    const { tree, commit, pull, labels, reviewed, baseRef } =
      await openVmPullRequest(github);
    expect(tree.tree.map(entry => entry.path)).toEqual([
      'README.md',
      'applicationsets',
      'catalog-info.yaml',
    ]);
    expect(commit.parents.map(parent => parent.sha)).toEqual([
      baseRef.object.sha,
    ]);
    expect(commit.author).toEqual({
      name: 'Backstage',
      email: 'backstage@example.com',
      date: '2025-01-15T09:00:00Z',
    });
    expect(pull).toMatchObject({
      number: 1,
      state: 'open',
      merged: false,
      mergeable: true,
      mergeable_state: 'clean',
      html_url: `${github.webUrl}/acme/gitops/pull/1`,
      head: { ref: branch, sha: commit.sha, label: `acme:${branch}` },
      base: { ref: 'main', sha: baseRef.object.sha },
      commits: 1,
      changed_files: 3,
      additions: 6,
      deletions: 3,
    });
    expect(labels.map(label => label.name)).toEqual([
      'env/dev',
      'kubevirt-gitops',
      'vm/create',
    ]);
    expect(reviewed.requested_reviewers?.map(user => user.login)).toEqual([
      'alice',
    ]);
    expect(reviewed.requested_teams?.map(team => team.slug)).toEqual([
      'platform-team',
    ]);

    const { data: files } = await github.octokit.pulls.listFiles({
      owner,
      repo,
      pull_number: 1,
    });
    expect(files.map(file => `${file.status} ${file.filename}`)).toEqual([
      'removed applicationsets/demo-vm/applicationset.yaml',
      'added applicationsets/vms/web-1/catalog-info.yaml',
      'added applicationsets/vms/web-1/kustomize/base/virtualmachine.yaml',
    ]);
    expect(files[2].patch).toBe(
      '@@ -0,0 +1,3 @@\n+kind: VirtualMachine\n+metadata:\n+  name: web-1',
    );

    const { data: found } = await github.octokit.pulls.list({
      owner,
      repo,
      head: `acme:${branch}`,
      state: 'open',
    });
    expect(found.map(item => item.number)).toEqual([1]);
    const { data: none } = await github.octokit.pulls.list({
      owner,
      repo,
      head: 'acme:other',
      state: 'all',
    });
    expect(none).toEqual([]);
  });

  it('refuses a second ref or pull request for the same branch, as GitHub does', async () => {
    const { commit } = await openVmPullRequest(github);
    await expect(
      github.octokit.git.createRef({
        owner,
        repo,
        ref: `refs/heads/${branch}`,
        sha: commit.sha,
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Reference already exists' } },
    });
    await expect(
      github.octokit.pulls.create({
        owner,
        repo,
        title: 'again',
        head: `acme:${branch}`,
        base: 'main',
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `A pull request already exists for acme:${branch}.`,
            },
          ],
        },
      },
    });
    await expect(
      github.octokit.pulls.create({
        owner,
        repo,
        title: 'nothing',
        head: 'main',
        base: 'main',
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      github.octokit.pulls.requestReviewers({
        owner,
        repo,
        pull_number: 1,
        reviewers: ['mallory'],
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      github.octokit.pulls.requestReviewers({
        owner,
        repo,
        pull_number: 1,
        reviewers: ['backstage-bot'],
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message: 'Review cannot be requested from pull request author.',
        },
      },
    });
  });

  it('moves a branch only by fast-forward unless forced', async () => {
    const { commit, baseRef } = await openVmPullRequest(github);
    const { data: sibling } = await github.octokit.git.createCommit({
      owner,
      repo,
      message: 'sibling',
      tree: commit.tree.sha,
      parents: [baseRef.object.sha],
    });
    await expect(
      github.octokit.git.updateRef({
        owner,
        repo,
        ref: `heads/${branch}`,
        sha: sibling.sha,
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Update is not a fast forward' } },
    });
    const { data: child } = await github.octokit.git.createCommit({
      owner,
      repo,
      message: 'child',
      tree: commit.tree.sha,
      parents: [commit.sha],
    });
    const { data: moved } = await github.octokit.git.updateRef({
      owner,
      repo,
      ref: `heads/${branch}`,
      sha: child.sha,
    });
    expect(moved.object.sha).toBe(child.sha);
    const { data: forced } = await github.octokit.git.updateRef({
      owner,
      repo,
      ref: `heads/${branch}`,
      sha: sibling.sha,
      force: true,
    });
    expect(forced.object.sha).toBe(sibling.sha);
    const { data: pull } = await github.octokit.pulls.get({
      owner,
      repo,
      pull_number: 1,
    });
    expect(pull.head.sha).toBe(sibling.sha);
    await expect(
      github.octokit.git.updateRef({
        owner,
        repo,
        ref: 'heads/missing',
        sha: sibling.sha,
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Reference does not exist' } },
    });
    await github.octokit.git.deleteRef({ owner, repo, ref: `heads/${branch}` });
    await expect(
      github.octokit.git.getRef({ owner, repo, ref: `heads/${branch}` }),
    ).rejects.toMatchObject({ status: 404 });
    const { data: closed } = await github.octokit.pulls.get({
      owner,
      repo,
      pull_number: 1,
    });
    expect(closed.state).toBe('closed');
  });
});
