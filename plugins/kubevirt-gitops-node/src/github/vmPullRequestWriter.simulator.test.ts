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
  callNames,
  clearFaults,
  clearGithubLog,
  githubCalls,
  isGraphql,
  isWrite,
  OWNER,
  REPO,
  repositoryState,
  sequentialRoundTrips,
  simulatorClientFactory,
  simulatorConfig,
  startTestSimulator,
} from '../__testUtils__/simulator';
import { checkVmOperationInput } from '../operations/checkOperation';
import { createGithubClient } from './githubClient';
import {
  createVmPullRequestWriter,
  type Checkpoint,
  type VmPullRequestWriter,
} from './vmPullRequestWriter';

jest.setTimeout(60_000);

describe('VM pull requests against the simulated GitHub', () => {
  let sim: RunningSimulator;
  let writer: VmPullRequestWriter;
  const config = simulatorConfig();

  function operation(input: Record<string, unknown>): VmOperationRequest {
    return checkVmOperationInput(input, config);
  }

  function createOf(
    name: string,
    request: Record<string, unknown> = {},
  ): VmOperationRequest {
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

  it('opens a create pull request within the call budget, with every file inline', async () => {
    // Each call takes 250 ms, so calls the writer sends in parallel overlap in the log even
    // when a loaded machine delays the second one by a few tens of milliseconds.
    await addFault(sim, { pathPattern: '.*', latencyMs: 250 });
    const outcome = await writer.openPullRequest({
      operation: createOf('budget-vm'),
      requester: 'user:default/jane',
    });
    const calls = await githubCalls(sim);

    expect(outcome.pullRequest).toMatchObject({
      branch: 'kubevirt-gitops/create/budget-vm',
      entityRef: 'resource:default/budget-vm',
      reused: false,
    });
    expect(outcome.pullRequest?.url).toMatch(
      /\/demo-org\/gitops-demo\/pull\/\d+$/,
    );
    expect(calls.filter(call => call.path.endsWith('/git/blobs'))).toEqual([]);
    // One query (base commit and tree, VM folder, open pull requests, the branch), one
    // mutation request (createRef + createCommitOnBranch, every file inline), the pull
    // request, then labels and reviewers in parallel; no Git Data REST call at all.
    const number = outcome.pullRequest?.number;
    expect(callNames(calls).sort()).toEqual(
      [
        'POST /api/graphql',
        'POST /api/graphql',
        'POST /pulls',
        `POST /issues/${number}/labels`,
        `POST /pulls/${number}/requested_reviewers`,
      ].sort(),
    );
    expect(calls.filter(call => call.path.includes('/git/'))).toEqual([]);
    expect(calls.length).toBeLessThanOrEqual(5);
    expect(sequentialRoundTrips(calls)).toBeLessThanOrEqual(4);
    expect(outcome.warnings).toEqual([]);

    const client = createGithubClient({
      token: sim.credentials.github.token,
      baseUrl: sim.urls.githubApi,
    });
    const { data: pull } = await client.rest.pulls.get({
      owner: OWNER,
      repo: REPO,
      pull_number: outcome.pullRequest?.number ?? 0,
    });
    expect(pull.labels.map(label => label.name).sort()).toEqual([
      'env/dev',
      'env/prod',
      'kubevirt-gitops',
      'vm/create',
    ]);
    expect(pull.requested_reviewers?.map(user => user.login)).toEqual([
      'platform-reviewer',
    ]);
    expect(pull.requested_teams?.map(team => team.slug)).toEqual([
      'platform-team',
    ]);
    expect(pull.body).toContain(
      '<details><summary>dev: <code>kubectl kustomize applicationsets/vms/budget-vm/kustomize/dev</code>',
    );
    expect(pull.body).toContain('Could not resolve the clusters');
    expect(pull.body).toContain(
      'http://backstage.test/catalog/default/resource/budget-vm',
    );
  });

  it('returns the same pull request when the same request runs again, writing nothing', async () => {
    const first = await writer.openPullRequest({
      operation: createOf('twice-vm'),
    });
    await clearGithubLog(sim);
    const before = repositoryState(sim);
    const second = await writer.openPullRequest({
      operation: createOf('twice-vm'),
    });
    const calls = await githubCalls(sim);

    expect(second.pullRequest).toEqual({ ...first.pullRequest, reused: true });
    expect(calls.filter(isWrite)).toEqual([]);
    expect(callNames(calls)).toEqual(['POST /api/graphql']);
    expect(repositoryState(sim)).toEqual(before);
  });

  it('refuses a different request for a VM with an open pull request, naming it', async () => {
    const first = await writer.openPullRequest({
      operation: createOf('busy-vm'),
    });
    await clearGithubLog(sim);
    const before = repositoryState(sim);
    const different = createOf('busy-vm', { runStrategy: 'Halted' });
    await expect(
      writer.openPullRequest({ operation: different }),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(`#${first.pullRequest?.number}`),
    });
    expect((await githubCalls(sim)).filter(isWrite)).toEqual([]);
    expect(callNames(await githubCalls(sim))).toEqual(['POST /api/graphql']);
    expect(repositoryState(sim)).toEqual(before);
  });

  it('refuses to create a VM that already exists on the base branch', async () => {
    const before = repositoryState(sim);
    await expect(
      writer.openPullRequest({ operation: createOf('ci-runner') }),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('already exists'),
    });
    expect((await githubCalls(sim)).filter(isWrite)).toEqual([]);
    expect(callNames(await githubCalls(sim))).toEqual(['POST /api/graphql']);
    expect(repositoryState(sim)).toEqual(before);
  });

  it('opens power, resize and decommission pull requests for a merged VM', async () => {
    const created = await writer.openPullRequest({
      operation: createOf('life-vm'),
    });
    sim.merge(OWNER, REPO, created.pullRequest?.number ?? 0);

    const stop = await writer.openPullRequest({
      operation: operation({
        operation: 'set-run-strategy',
        vmName: 'life-vm',
        runStrategy: 'Halted',
        environments: ['dev'],
      }),
    });
    expect(
      stop.changeSet.previews.find(p => p.environment === 'dev')?.summary
        ?.runStrategy,
    ).toBe('Halted');
    expect(
      stop.changeSet.previews.find(p => p.environment === 'prod')?.summary
        ?.runStrategy,
    ).toBe('Always');
    sim.merge(OWNER, REPO, stop.pullRequest?.number ?? 0);

    const resize = await writer.openPullRequest({
      operation: operation({
        operation: 'resize',
        vmName: 'life-vm',
        size: { instancetype: 'u1.large' },
      }),
    });
    expect(resize.pullRequest?.branch).toBe('kubevirt-gitops/resize/life-vm');
    expect(resize.changeSet.previews.map(p => p.summary?.sizeLabel)).toEqual([
      'u1.large (2 vCPUs, 8Gi)',
      'u1.large (2 vCPUs, 8Gi)',
    ]);
    sim.merge(OWNER, REPO, resize.pullRequest?.number ?? 0);

    const gone = await writer.openPullRequest({
      operation: operation({
        operation: 'decommission',
        vmName: 'life-vm',
        reason: 'Project finished',
      }),
    });
    expect(gone.changeSet.files.filter(file => 'deleted' in file)).toHaveLength(
      5,
    );
    expect(
      gone.changeSet.files
        .filter(file => 'content' in file)
        .map(file => file.path),
    ).toEqual(['applicationsets/vms/life-vm/catalog-info.yaml']);
    sim.merge(OWNER, REPO, gone.pullRequest?.number ?? 0);

    await expect(
      writer.openPullRequest({
        operation: operation({
          operation: 'decommission',
          vmName: 'life-vm',
          reason: 'again',
        }),
      }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('keeps power, resize and decommission within the same budget, the kustomize files read by the same query', async () => {
    const created = await writer.openPullRequest({
      operation: createOf('budget-change-vm'),
    });
    sim.merge(OWNER, REPO, created.pullRequest?.number ?? 0);
    // Each call takes 250 ms, so calls the writer sends in parallel overlap in the log even
    // when a loaded machine delays the second one by a few tens of milliseconds.
    await addFault(sim, { pathPattern: '.*', latencyMs: 250 });
    const changes: Array<Record<string, unknown>> = [
      {
        operation: 'set-run-strategy',
        vmName: 'budget-change-vm',
        runStrategy: 'Halted',
      },
      {
        operation: 'resize',
        vmName: 'budget-change-vm',
        size: { instancetype: 'u1.large' },
      },
      {
        operation: 'decommission',
        vmName: 'budget-change-vm',
        reason: 'Budget test',
      },
    ];
    for (const change of changes) {
      await clearGithubLog(sim);
      const outcome = await writer.openPullRequest({
        operation: operation(change),
      });
      const calls = await githubCalls(sim);
      expect({
        operation: change.operation,
        calls: calls.length,
        roundTrips: sequentialRoundTrips(calls),
      }).toEqual({
        operation: change.operation,
        calls: 5,
        roundTrips: 4,
      });
      expect(calls.filter(call => call.path.includes('/git/'))).toEqual([]);
      sim.merge(OWNER, REPO, outcome.pullRequest?.number ?? 0);
    }
  });

  it("waits out GitHub's secondary rate limit (retry-after) and still opens the pull request", async () => {
    await addFault(sim, {
      method: 'POST',
      pathPattern: '^/api/graphql$',
      kind: 'secondary-rate-limit',
      headers: { 'retry-after': '1' },
      times: 1,
    });
    await addFault(sim, {
      method: 'POST',
      pathPattern: '/pulls$',
      kind: 'secondary-rate-limit',
      headers: { 'retry-after': '1' },
      times: 1,
    });
    const started = Date.now();
    const outcome = await writer.openPullRequest({
      operation: createOf('limited-vm'),
    });
    const calls = await githubCalls(sim);

    expect(outcome.pullRequest?.number).toBeGreaterThan(0);
    expect(calls.filter(isGraphql).map(call => call.status)).toEqual([
      403, 200, 200,
    ]);
    expect(
      calls
        .filter(call => call.method === 'POST' && call.path.endsWith('/pulls'))
        .map(call => call.status),
    ).toEqual([403, 201]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  });

  function branchSha(branch: string): string | undefined {
    return repositoryState(sim)?.branches.find(entry => entry.name === branch)
      ?.sha;
  }

  async function pullHead(
    number: number | undefined,
  ): Promise<{ sha: string; parent: string | undefined }> {
    const client = createGithubClient({
      token: sim.credentials.github.token,
      baseUrl: sim.urls.githubApi,
    });
    const { data: pull } = await client.rest.pulls.get({
      owner: OWNER,
      repo: REPO,
      pull_number: number ?? 0,
    });
    const { data: commit } = await client.rest.git.getCommit({
      owner: OWNER,
      repo: REPO,
      commit_sha: pull.head.sha,
    });
    return {
      sha: pull.head.sha,
      parent: commit.parents.length === 1 ? commit.parents[0].sha : undefined,
    };
  }

  it('reuses its own branch when a run failed between the branch and the pull request', async () => {
    await addFault(sim, {
      method: 'POST',
      pathPattern: '/pulls$',
      status: 502,
      times: 3,
    });
    await expect(
      writer.openPullRequest({ operation: createOf('retry-vm') }),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
    });
    const pushed = branchSha('kubevirt-gitops/create/retry-vm');
    expect(pushed).toBeDefined();
    await clearGithubLog(sim);

    const retried = await writer.openPullRequest({
      operation: createOf('retry-vm'),
    });
    expect(retried.pullRequest).toMatchObject({
      branch: 'kubevirt-gitops/create/retry-vm',
      reused: false,
    });
    // Its own commit for this request on the unchanged base is reused as it is: no second push.
    const calls = await githubCalls(sim);
    expect(calls.filter(isGraphql)).toHaveLength(1);
    expect(calls.filter(call => call.path.includes('/git/'))).toEqual([]);
    expect((await pullHead(retried.pullRequest?.number)).sha).toBe(pushed);
  });

  it('moves its own branch to a new commit when the base branch moved after a failed run', async () => {
    await addFault(sim, {
      method: 'POST',
      pathPattern: '/pulls$',
      status: 502,
      times: 3,
    });
    await expect(
      writer.openPullRequest({ operation: createOf('moved-vm') }),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
    });
    const pushed = branchSha('kubevirt-gitops/create/moved-vm');
    const bystander = await writer.openPullRequest({
      operation: createOf('bystander-vm'),
    });
    sim.merge(OWNER, REPO, bystander.pullRequest?.number ?? 0);
    const main = branchSha('main');
    await clearGithubLog(sim);

    const retried = await writer.openPullRequest({
      operation: createOf('moved-vm'),
    });
    expect(retried.pullRequest).toMatchObject({
      branch: 'kubevirt-gitops/create/moved-vm',
      reused: false,
    });
    const calls = await githubCalls(sim);
    // The query showed the branch and its head: our commit on an older base. Only our
    // commits on it, so it is moved (forced) to a new commit on the new base.
    const refs = calls.filter(call => /\/git\/refs?\b/.test(call.path));
    expect(refs.map(call => `${call.method} ${call.status}`)).toEqual([
      'PATCH 200',
    ]);
    expect(callNames(calls)).toEqual(
      expect.arrayContaining([
        'GET /commits',
        'POST /git/trees',
        'POST /git/commits',
        'PATCH /git/refs/heads/kubevirt-gitops/create/moved-vm',
      ]),
    );
    expect(calls.filter(isGraphql)).toHaveLength(1);
    const head = await pullHead(retried.pullRequest?.number);
    expect(head.sha).not.toBe(pushed);
    expect(head.parent).toBe(main);
  });

  it('commits on a branch a failed run left at the base commit', async () => {
    const client = createGithubClient({
      token: sim.credentials.github.token,
      baseUrl: sim.urls.githubApi,
    });
    const main = branchSha('main') ?? '';
    await client.rest.git.createRef({
      owner: OWNER,
      repo: REPO,
      ref: 'refs/heads/kubevirt-gitops/create/orphan-vm',
      sha: main,
    });
    await clearGithubLog(sim);

    const outcome = await writer.openPullRequest({
      operation: createOf('orphan-vm'),
    });
    const calls = await githubCalls(sim);
    expect(outcome.pullRequest?.branch).toBe(
      'kubevirt-gitops/create/orphan-vm',
    );
    expect(calls.filter(isGraphql)).toHaveLength(2);
    expect(calls.filter(call => call.path.includes('/git/'))).toEqual([]);
    expect((await pullHead(outcome.pullRequest?.number)).parent).toBe(main);
  });

  it('never overwrites a branch with commits it did not write', async () => {
    const client = createGithubClient({
      token: sim.credentials.github.token,
      baseUrl: sim.urls.githubApi,
    });
    const { data: main } = await client.rest.repos.getCommit({
      owner: OWNER,
      repo: REPO,
      ref: 'heads/main',
    });
    const { data: tree } = await client.rest.git.createTree({
      owner: OWNER,
      repo: REPO,
      base_tree: main.commit.tree.sha,
      tree: [
        {
          path: 'notes/human.md',
          mode: '100644',
          type: 'blob',
          content: 'a person wrote this\n',
        },
      ],
    });
    const { data: commit } = await client.rest.git.createCommit({
      owner: OWNER,
      repo: REPO,
      message: 'Human commit',
      tree: tree.sha,
      parents: [main.sha],
    });
    await client.rest.git.createRef({
      owner: OWNER,
      repo: REPO,
      ref: 'refs/heads/kubevirt-gitops/create/human-vm',
      sha: commit.sha,
    });
    await clearGithubLog(sim);

    await expect(
      writer.openPullRequest({ operation: createOf('human-vm') }),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('did not write'),
    });
    const { data: ref } = await client.rest.git.getRef({
      owner: OWNER,
      repo: REPO,
      ref: 'heads/kubevirt-gitops/create/human-vm',
    });
    expect(ref.object.sha).toBe(commit.sha);
    expect(
      (await githubCalls(sim)).filter(call => call.method === 'PATCH'),
    ).toEqual([]);
    // Judged before writing anything: no push mutation, no tree or commit left behind.
    expect((await githubCalls(sim)).filter(isGraphql)).toHaveLength(1);
    expect((await githubCalls(sim)).filter(isWrite)).toEqual([]);
  });

  it('never overwrites a branch someone pushed between its read and its push', async () => {
    const client = createGithubClient({
      token: sim.credentials.github.token,
      baseUrl: sim.urls.githubApi,
    });
    const main = branchSha('main') ?? '';
    const { data: base } = await client.rest.git.getCommit({
      owner: OWNER,
      repo: REPO,
      commit_sha: main,
    });
    const { data: tree } = await client.rest.git.createTree({
      owner: OWNER,
      repo: REPO,
      base_tree: base.tree.sha,
      tree: [
        {
          path: 'notes/race.md',
          mode: '100644',
          type: 'blob',
          content: 'pushed at the worst moment\n',
        },
      ],
    });
    const { data: human } = await client.rest.git.createCommit({
      owner: OWNER,
      repo: REPO,
      message: 'Human commit',
      tree: tree.sha,
      parents: [main],
    });
    const branch = 'kubevirt-gitops/create/race-vm';
    const checkpoint: Checkpoint = async (key, fn) => {
      if (key.startsWith('kubevirt-gitops.push.')) {
        await client.rest.git.createRef({
          owner: OWNER,
          repo: REPO,
          ref: `refs/heads/${branch}`,
          sha: human.sha,
        });
      }
      return fn();
    };
    await clearGithubLog(sim);

    await expect(
      writer.openPullRequest({ operation: createOf('race-vm'), checkpoint }),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('did not write'),
    });
    expect(branchSha(branch)).toBe(human.sha);
    const calls = await githubCalls(sim);
    // The query, then the push GitHub refused (createRef: exists; createCommitOnBranch: the
    // branch is not at expectedHeadOid), then the branch judged over REST: no write.
    expect(calls.filter(isGraphql)).toHaveLength(2);
    expect(
      calls.filter(
        call =>
          call.method === 'PATCH' ||
          (call.method === 'POST' && /\/git\/(trees|commits)$/.test(call.path)),
      ),
    ).toEqual([]);
    expect(
      repositoryState(sim)?.pulls.filter(pull => pull.head.ref === branch),
    ).toEqual([]);
  });

  describe('errors a user can act on', () => {
    it('401: names the integration whose token GitHub refused, and writes nothing', async () => {
      const badToken = createVmPullRequestWriter({
        config,
        clientFactory: simulatorClientFactory(sim, 'expired-token'),
      });
      await expect(
        badToken.openPullRequest({ operation: createOf('denied-vm') }),
      ).rejects.toMatchObject({
        name: 'AuthenticationError',
        message: expect.stringMatching(
          /401 .*integrations\.github for github\.com .*expired or revoked/,
        ),
      });
      expect((await githubCalls(sim)).filter(isWrite)).toEqual([]);
      expect(callNames(await githubCalls(sim))).toEqual(['POST /api/graphql']);
    });

    it.each([
      [
        'an HTTP 403',
        {
          status: 403,
          body: {
            message: 'Resource not accessible by integration',
            documentation_url: 'https://docs.github.com/graphql',
          },
        },
      ],
      [
        'a GraphQL FORBIDDEN error',
        {
          status: 200,
          body: {
            data: { repository: null },
            errors: [
              {
                type: 'FORBIDDEN',
                path: ['repository'],
                locations: [{ line: 2, column: 3 }],
                message: 'Resource not accessible by integration',
              },
            ],
          },
        },
      ],
    ])(
      '403: says which permissions the token or GitHub App needs (%s)',
      async (_kind, fault) => {
        await addFault(sim, {
          method: 'POST',
          pathPattern: '^/api/graphql$',
          times: 1,
          ...fault,
        });
        await expect(
          writer.openPullRequest({ operation: createOf('forbidden-vm') }),
        ).rejects.toMatchObject({
          name: 'NotAllowedError',
          message: expect.stringMatching(
            /Resource not accessible by integration.*"Contents" and "Pull requests" read and write.*install the GitHub App on demo-org\/gitops-demo/,
          ),
        });
        expect(
          (await githubCalls(sim)).filter(
            call =>
              call.path.endsWith('/git/refs') ||
              (call.path.endsWith('/pulls') && call.method === 'POST'),
          ),
        ).toEqual([]);
        expect((await githubCalls(sim)).filter(isGraphql)).toHaveLength(1);
      },
    );

    it('404: points at repoUrl and baseBranch when the repository is not there', async () => {
      const missing = createVmPullRequestWriter({
        config: simulatorConfig('no-such-repo'),
        clientFactory: simulatorClientFactory(sim),
      });
      await expect(
        missing.openPullRequest({ operation: createOf('lost-vm') }),
      ).rejects.toMatchObject({
        name: 'NotFoundError',
        message: expect.stringMatching(
          /demo-org\/no-such-repo .*kubevirtGitops\.gitops\.repoUrl and baseBranch/,
        ),
      });
      expect((await githubCalls(sim)).filter(isWrite)).toEqual([]);
    });
  });
});
