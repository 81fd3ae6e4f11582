/*
 * The pull-request writer against the fleet simulator's GitHub: every
 * operation, the call budget (from the simulator's request log), re-runs,
 * conflicts, rate limits and failures halfway.
 */
import type { RunningSimulator } from '@internal/fleet-simulator';
import type { VmOperationRequest } from '@internal/plugin-kubevirt-gitops-common';
import { createInput } from '../__testUtils__/fixtures';
import {
  addFault,
  clearFaults,
  clearGithubLog,
  githubCalls,
  isWrite,
  OWNER,
  REPO,
  sequentialRoundTrips,
  simulatorClientFactory,
  simulatorConfig,
  startTestSimulator,
} from '../__testUtils__/simulator';
import { checkVmOperationInput } from '../operations/checkOperation';
import { createGithubClient } from './githubClient';
import { createVmPullRequestWriter, type VmPullRequestWriter } from './vmPullRequestWriter';

jest.setTimeout(60_000);

describe('VM pull requests against the simulated GitHub', () => {
  let sim: RunningSimulator;
  let writer: VmPullRequestWriter;
  const config = simulatorConfig();

  function operation(input: Record<string, unknown>): VmOperationRequest {
    return checkVmOperationInput(input, config);
  }

  function createOf(name: string, request: Record<string, unknown> = {}): VmOperationRequest {
    return operation(createInput({ name, overrides: undefined, ...request }));
  }

  beforeAll(async () => {
    sim = await startTestSimulator();
    writer = createVmPullRequestWriter({
      config,
      clientFactory: simulatorClientFactory(sim),
      backstageBaseUrl: 'http://backstage.test',
    });
  });

  afterAll(async () => {
    await sim.stop();
  });

  beforeEach(async () => {
    await clearFaults(sim);
    await clearGithubLog(sim);
  });

  it('opens a create pull request within the call budget, with inline tree contents', async () => {
    await addFault(sim, { pathPattern: '.*', latencyMs: 50 });
    const outcome = await writer.openPullRequest({ operation: createOf('budget-vm'), requester: 'user:default/jane' });
    const calls = await githubCalls(sim);

    expect(outcome.pullRequest).toMatchObject({
      branch: 'kubevirt-gitops/create/budget-vm',
      entityRef: 'resource:default/budget-vm',
      reused: false,
    });
    expect(outcome.pullRequest?.url).toMatch(/\/demo-org\/gitops-demo\/pull\/\d+$/);
    expect(calls.filter(call => call.path.endsWith('/git/blobs'))).toEqual([]);
    expect(calls.map(call => `${call.method} ${call.path.replace(/^\/api\/v3\/repos\/demo-org\/gitops-demo/, '')}`)).toEqual(
      expect.arrayContaining(['POST /git/trees', 'POST /git/commits', 'POST /git/refs', 'POST /pulls']),
    );
    // Reads (branch, open pulls, VM folder) + tree + commit + ref + pull + labels + reviewers.
    expect(calls.length).toBeLessThanOrEqual(9);
    expect(sequentialRoundTrips(calls)).toBeLessThanOrEqual(6);
    expect(outcome.warnings).toEqual([]);

    const client = createGithubClient({ token: sim.credentials.github.token, baseUrl: sim.urls.githubApi });
    const { data: pull } = await client.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: outcome.pullRequest?.number ?? 0 });
    expect(pull.labels.map(label => label.name).sort()).toEqual(['env/dev', 'env/prod', 'kubevirt-gitops', 'vm/create']);
    expect(pull.requested_reviewers?.map(user => user.login)).toEqual(['platform-reviewer']);
    expect(pull.requested_teams?.map(team => team.slug)).toEqual(['platform-team']);
    expect(pull.body).toContain('<details><summary>dev: <code>kubectl kustomize applicationsets/vms/budget-vm/kustomize/dev</code>');
    expect(pull.body).toContain('Could not resolve the clusters');
    expect(pull.body).toContain('http://backstage.test/catalog/default/resource/budget-vm');
  });

  it('returns the same pull request when the same request runs again, writing nothing', async () => {
    const first = await writer.openPullRequest({ operation: createOf('twice-vm') });
    await clearGithubLog(sim);
    const second = await writer.openPullRequest({ operation: createOf('twice-vm') });
    const calls = await githubCalls(sim);

    expect(second.pullRequest).toEqual({ ...first.pullRequest, reused: true });
    expect(calls.filter(isWrite)).toEqual([]);
  });

  it('refuses a different request for a VM with an open pull request, naming it', async () => {
    const first = await writer.openPullRequest({ operation: createOf('busy-vm') });
    await clearGithubLog(sim);
    const different = createOf('busy-vm', { runStrategy: 'Halted' });
    await expect(writer.openPullRequest({ operation: different })).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(`#${first.pullRequest?.number}`),
    });
    expect((await githubCalls(sim)).filter(isWrite)).toEqual([]);
  });

  it('refuses to create a VM that already exists on the base branch', async () => {
    await expect(writer.openPullRequest({ operation: createOf('ci-runner') })).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('already exists'),
    });
    expect((await githubCalls(sim)).filter(isWrite)).toEqual([]);
  });

  it('opens power, resize and decommission pull requests for a merged VM', async () => {
    const created = await writer.openPullRequest({ operation: createOf('life-vm') });
    sim.merge(OWNER, REPO, created.pullRequest?.number ?? 0);

    const stop = await writer.openPullRequest({
      operation: operation({ operation: 'set-run-strategy', vmName: 'life-vm', runStrategy: 'Halted', environments: ['dev'] }),
    });
    expect(stop.changeSet.previews.find(p => p.environment === 'dev')?.summary?.runStrategy).toBe('Halted');
    expect(stop.changeSet.previews.find(p => p.environment === 'prod')?.summary?.runStrategy).toBe('Always');
    sim.merge(OWNER, REPO, stop.pullRequest?.number ?? 0);

    const resize = await writer.openPullRequest({
      operation: operation({ operation: 'resize', vmName: 'life-vm', size: { instancetype: 'u1.large' } }),
    });
    expect(resize.pullRequest?.branch).toBe('kubevirt-gitops/resize/life-vm');
    expect(resize.changeSet.previews.map(p => p.summary?.sizeLabel)).toEqual(['u1.large (2 vCPUs, 8Gi)', 'u1.large (2 vCPUs, 8Gi)']);
    sim.merge(OWNER, REPO, resize.pullRequest?.number ?? 0);

    const gone = await writer.openPullRequest({
      operation: operation({ operation: 'decommission', vmName: 'life-vm', reason: 'Project finished' }),
    });
    expect(gone.changeSet.files.filter(file => 'deleted' in file)).toHaveLength(5);
    expect(gone.changeSet.files.filter(file => 'content' in file).map(file => file.path)).toEqual([
      'applicationsets/vms/life-vm/catalog-info.yaml',
    ]);
    sim.merge(OWNER, REPO, gone.pullRequest?.number ?? 0);

    await expect(
      writer.openPullRequest({ operation: operation({ operation: 'decommission', vmName: 'life-vm', reason: 'again' }) }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it("waits out GitHub's secondary rate limit (retry-after) and still opens the pull request", async () => {
    await addFault(sim, { method: 'POST', pathPattern: '/git/trees$', kind: 'secondary-rate-limit', headers: { 'retry-after': '1' }, times: 1 });
    const started = Date.now();
    const outcome = await writer.openPullRequest({ operation: createOf('limited-vm') });
    const trees = (await githubCalls(sim)).filter(call => call.method === 'POST' && call.path.endsWith('/git/trees'));

    expect(outcome.pullRequest?.number).toBeGreaterThan(0);
    expect(trees.map(call => call.status)).toEqual([403, 201]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('reuses its own branch when a run failed between the branch and the pull request', async () => {
    await addFault(sim, { method: 'POST', pathPattern: '/pulls$', status: 502, times: 3 });
    await expect(writer.openPullRequest({ operation: createOf('retry-vm') })).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
    });
    const retried = await writer.openPullRequest({ operation: createOf('retry-vm') });
    expect(retried.pullRequest).toMatchObject({ branch: 'kubevirt-gitops/create/retry-vm', reused: false });
    const refs = (await githubCalls(sim)).filter(call => /\/git\/refs?\b/.test(call.path));
    expect(refs.map(call => `${call.method} ${call.status}`)).toEqual(['POST 201', 'POST 422', 'GET 200', 'PATCH 200']);
  });

  it('never overwrites a branch with commits it did not write', async () => {
    const client = createGithubClient({ token: sim.credentials.github.token, baseUrl: sim.urls.githubApi });
    const { data: main } = await client.rest.repos.getCommit({ owner: OWNER, repo: REPO, ref: 'heads/main' });
    const { data: tree } = await client.rest.git.createTree({
      owner: OWNER,
      repo: REPO,
      base_tree: main.commit.tree.sha,
      tree: [{ path: 'notes/human.md', mode: '100644', type: 'blob', content: 'a person wrote this\n' }],
    });
    const { data: commit } = await client.rest.git.createCommit({ owner: OWNER, repo: REPO, message: 'Human commit', tree: tree.sha, parents: [main.sha] });
    await client.rest.git.createRef({ owner: OWNER, repo: REPO, ref: 'refs/heads/kubevirt-gitops/create/human-vm', sha: commit.sha });
    await clearGithubLog(sim);

    await expect(writer.openPullRequest({ operation: createOf('human-vm') })).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('did not write'),
    });
    const { data: ref } = await client.rest.git.getRef({ owner: OWNER, repo: REPO, ref: 'heads/kubevirt-gitops/create/human-vm' });
    expect(ref.object.sha).toBe(commit.sha);
    expect((await githubCalls(sim)).filter(call => call.method === 'PATCH')).toEqual([]);
  });

  describe('errors a user can act on', () => {
    it('401: names the integration whose token GitHub refused, and writes nothing', async () => {
      const badToken = createVmPullRequestWriter({ config, clientFactory: simulatorClientFactory(sim, 'expired-token') });
      await expect(badToken.openPullRequest({ operation: createOf('denied-vm') })).rejects.toMatchObject({
        name: 'AuthenticationError',
        message: expect.stringMatching(/401 .*integrations\.github for github\.com .*expired or revoked/),
      });
      expect((await githubCalls(sim)).filter(isWrite)).toEqual([]);
    });

    it('403: says which permissions the token or GitHub App needs', async () => {
      await addFault(sim, {
        method: 'POST',
        pathPattern: '/git/trees$',
        status: 403,
        body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' },
      });
      await expect(writer.openPullRequest({ operation: createOf('forbidden-vm') })).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringMatching(/Resource not accessible by integration.*"Contents" and "Pull requests" read and write.*install the GitHub App on demo-org\/gitops-demo/),
      });
      expect((await githubCalls(sim)).filter(call => call.path.endsWith('/git/refs') || call.path.endsWith('/pulls') && call.method === 'POST')).toEqual([]);
    });

    it('404: points at repoUrl and baseBranch when the repository is not there', async () => {
      const missing = createVmPullRequestWriter({ config: simulatorConfig('no-such-repo'), clientFactory: simulatorClientFactory(sim) });
      await expect(missing.openPullRequest({ operation: createOf('lost-vm') })).rejects.toMatchObject({
        name: 'NotFoundError',
        message: expect.stringMatching(/demo-org\/no-such-repo .*kubevirtGitops\.gitops\.repoUrl and baseBranch/),
      });
      expect((await githubCalls(sim)).filter(isWrite)).toEqual([]);
    });
  });
});
