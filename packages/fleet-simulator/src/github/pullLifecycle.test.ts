import { startTestGithub } from './__testUtils__/startTestGithub';
import {
  branch,
  openVmPullRequest,
  owner,
  repo,
} from './__testUtils__/vmPullRequest';
import type { TestGithub } from './__testUtils__/startTestGithub';

describe('simulated GitHub: pull request lifecycle', () => {
  let github: TestGithub;
  beforeEach(async () => {
    github = await startTestGithub();
  });
  afterEach(() => github.close());

  it('merges through the API: the default branch moves, listeners hear it, the pull request is merged', async () => {
    const events: Array<{ branch: string; sha: string }> = [];
    github.simulator.git.onBranchUpdated(event =>
      events.push({ branch: event.branch, sha: event.sha }),
    );
    const { pull } = await openVmPullRequest(github);
    github.clock.advance(60_000);
    const { data: merge } = await github.octokit.pulls.merge({
      owner,
      repo,
      pull_number: pull.number,
      sha: pull.head.sha,
    });
    expect(merge).toMatchObject({
      merged: true,
      message: 'Pull Request successfully merged',
    });
    expect(events).toContainEqual({ branch: 'main', sha: merge.sha });
    expect(github.simulator.git.resolveRef(owner, repo, 'main')).toBe(
      merge.sha,
    );
    const { data: commit } = await github.octokit.git.getCommit({
      owner,
      repo,
      commit_sha: merge.sha,
    });
    expect(commit.parents.map(parent => parent.sha)).toEqual([
      pull.base.sha,
      pull.head.sha,
    ]);
    expect(commit.message).toBe(
      `Merge pull request #1 from acme/${branch}\n\nCreate VM web-1`,
    );
    expect(github.simulator.git.listFiles(owner, repo, merge.sha)).toContain(
      'applicationsets/vms/web-1/catalog-info.yaml',
    );

    const { data: merged } = await github.octokit.pulls.get({
      owner,
      repo,
      pull_number: 1,
    });
    expect(merged).toMatchObject({
      state: 'closed',
      merged: true,
      merged_at: '2025-01-15T09:01:00Z',
      merge_commit_sha: merge.sha,
      changed_files: 3,
    });
    const state = github.simulator.state();
    expect(state.repos[0]).toMatchObject({
      headSha: merge.sha,
      pulls: [
        {
          number: 1,
          merged: true,
          state: 'closed',
          labels: ['kubevirt-gitops', 'vm/create', 'env/dev'],
        },
      ],
    });
    await expect(
      github.octokit.pulls.merge({ owner, repo, pull_number: 1 }),
    ).rejects.toMatchObject({ status: 405 });
  });

  it('squashes through the programmatic merge and refuses conflicting pull requests with 405', async () => {
    await openVmPullRequest(github, 'web-1', 'kubevirt-gitops/create/web-1');
    // A second PR touching the same new file, differently.
    const { data: baseRef } = await github.octokit.git.getRef({
      owner,
      repo,
      ref: 'heads/main',
    });
    const { data: tree } = await github.octokit.git.createTree({
      owner,
      repo,
      base_tree: baseRef.object.sha,
      tree: [
        {
          path: 'applicationsets/vms/web-1/catalog-info.yaml',
          mode: '100644',
          type: 'blob',
          content: 'kind: Resource\nmetadata:\n  name: other\n',
        },
      ],
    });
    const { data: commit } = await github.octokit.git.createCommit({
      owner,
      repo,
      message: 'other',
      tree: tree.sha,
      parents: [baseRef.object.sha],
    });
    await github.octokit.git.createRef({
      owner,
      repo,
      ref: 'refs/heads/other',
      sha: commit.sha,
    });
    const { data: second } = await github.octokit.pulls.create({
      owner,
      repo,
      title: 'Other',
      head: 'other',
      base: 'main',
    });

    const { sha } = github.simulator.mergePullRequest(owner, repo, 1, {
      mergeMethod: 'squash',
    });
    const squashed = await github.octokit.git.getCommit({
      owner,
      repo,
      commit_sha: sha,
    });
    expect(squashed.data.parents).toHaveLength(1);
    expect(squashed.data.message).toBe(
      'Create VM web-1 (#1)\n\n* Create VM web-1',
    );

    const { data: blocked } = await github.octokit.pulls.get({
      owner,
      repo,
      pull_number: second.number,
    });
    expect(blocked).toMatchObject({
      mergeable: false,
      mergeable_state: 'dirty',
    });
    await expect(
      github.octokit.pulls.merge({ owner, repo, pull_number: second.number }),
    ).rejects.toMatchObject({
      status: 405,
      response: { data: { message: 'Pull Request is not mergeable' } },
    });
    expect(() =>
      github.simulator.mergePullRequest(owner, repo, second.number),
    ).toThrow(
      /Cannot merge acme\/gitops#2: Pull Request is not mergeable \(the base branch changed the same paths: applicationsets\/vms\/web-1\/catalog-info.yaml\)/,
    );
    await expect(
      github.octokit.pulls.merge({
        owner,
        repo,
        pull_number: second.number,
        sha: 'f'.repeat(40),
      }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('keeps issue comments and labels on the pull request', async () => {
    await openVmPullRequest(github);
    const { data: comment } = await github.octokit.issues.createComment({
      owner,
      repo,
      issue_number: 1,
      body: 'Looks good',
    });
    expect(comment).toMatchObject({
      body: 'Looks good',
      user: { login: 'backstage-bot' },
      html_url: expect.stringContaining('/acme/gitops/pull/1#issuecomment-'),
    });
    const { data: comments } = await github.octokit.issues.listComments({
      owner,
      repo,
      issue_number: 1,
    });
    expect(comments.map(item => item.body)).toEqual(['Looks good']);
    const { data: labels } = await github.octokit.issues.listLabelsOnIssue({
      owner,
      repo,
      issue_number: 1,
    });
    expect(labels.map(label => label.name)).toEqual([
      'env/dev',
      'kubevirt-gitops',
      'vm/create',
    ]);
    const { data: repoLabels } = await github.octokit.issues.listLabelsForRepo({
      owner,
      repo,
      per_page: 100,
    });
    expect(repoLabels.map(label => label.name)).toEqual(
      expect.arrayContaining(['bug', 'kubevirt-gitops', 'env/dev']),
    );
    await expect(
      github.octokit.issues.createComment({
        owner,
        repo,
        issue_number: 99,
        body: 'x',
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('filters, sorts and pages pull request lists with a Link header', async () => {
    for (const vm of ['web-1', 'web-2', 'web-3']) {
      await openVmPullRequest(github, vm, `kubevirt-gitops/create/${vm}`);
    }
    await github.octokit.pulls.update({
      owner,
      repo,
      pull_number: 2,
      state: 'closed',
    });
    const first = await github.octokit.pulls.list({
      owner,
      repo,
      state: 'all',
      per_page: 2,
    });
    expect(first.data.map(pull => pull.number)).toEqual([3, 2]);
    expect(first.headers.link).toBe(
      `<${github.apiUrl}/repos/acme/gitops/pulls?state=all&per_page=2&page=2>; rel="next", ` +
        `<${github.apiUrl}/repos/acme/gitops/pulls?state=all&per_page=2&page=2>; rel="last"`,
    );
    const second = await github.octokit.pulls.list({
      owner,
      repo,
      state: 'all',
      per_page: 2,
      page: 2,
    });
    expect(second.data.map(pull => pull.number)).toEqual([1]);
    expect(second.headers.link).toContain('rel="prev"');
    const open = await github.octokit.pulls.list({
      owner,
      repo,
      direction: 'asc',
    });
    expect(open.data.map(pull => pull.number)).toEqual([1, 3]);
    const closed = await github.octokit.pulls.list({
      owner,
      repo,
      state: 'closed',
      base: 'main',
    });
    expect(closed.data.map(pull => pull.number)).toEqual([2]);
    const otherBase = await github.octokit.pulls.list({
      owner,
      repo,
      state: 'all',
      base: 'release',
    });
    expect(otherBase.data).toEqual([]);
  });
});
