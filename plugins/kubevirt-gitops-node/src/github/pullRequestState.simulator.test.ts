/*
 * The request event of an opened pull request, and the pull request's state
 * read back (open, merged with its merge commit, closed) from the
 * simulator's GitHub, as the backend's request tracker reads it when no
 * webhook comes.
 */
import type { RunningSimulator } from '@internal/fleet-simulator';
import { parseGitopsRepoUrl } from '@internal/plugin-kubevirt-gitops-common';
import { createInput } from '../__testUtils__/fixtures';
import {
  OWNER,
  REPO,
  simulatorClientFactory,
  simulatorConfig,
  startTestSimulator,
} from '../__testUtils__/simulator';
import { checkVmOperationInput } from '../operations/checkOperation';
import { createGithubClient } from './githubClient';
import { readPullRequestState } from './pullRequestState';
import { createVmPullRequestWriter } from './vmPullRequestWriter';
import { declaredStateOf, vmRequestEventOf } from './vmRequestEvent';

jest.setTimeout(60_000);

describe('readPullRequestState and vmRequestEventOf against the simulated GitHub', () => {
  let sim: RunningSimulator;
  const config = simulatorConfig();
  const repository = parseGitopsRepoUrl(config.repoUrl) ?? {
    host: 'github.com',
    owner: OWNER,
    repo: REPO,
  };

  beforeAll(async () => {
    sim = await startTestSimulator();
  });

  afterAll(async () => {
    await sim.stop();
  });

  async function open(name: string) {
    const writer = createVmPullRequestWriter({
      config,
      clientFactory: simulatorClientFactory(sim),
    });
    const operation = checkVmOperationInput(
      createInput({ name, overrides: undefined, environments: ['dev'] }),
      config,
    );
    const outcome = await writer.openPullRequest({
      operation,
      requester: 'user:default/jane',
    });
    return { operation, outcome };
  }

  const read = (number: number) =>
    readPullRequestState({
      clientFactory: simulatorClientFactory(sim),
      repository,
      baseBranch: config.baseBranch,
      number,
    });

  it('describes the opened pull request, then reads it open and merged with the merge commit', async () => {
    const { operation, outcome } = await open('state-vm');
    const event = vmRequestEventOf({
      outcome,
      operation,
      repoUrl: config.repoUrl,
      requester: 'user:default/jane',
      now: () => new Date('2026-12-07T00:00:00.000Z'),
    });
    const number = outcome.pullRequest?.number ?? 0;
    expect(event).toEqual({
      kind: 'opened',
      requester: 'user:default/jane',
      repository: `${OWNER}/${REPO}`,
      repoUrl: config.repoUrl,
      pullRequest: {
        number,
        url: outcome.pullRequest?.url,
        title: outcome.changeSet.title,
        branch: 'kubevirt-gitops/create/state-vm',
        reused: false,
      },
      vmName: 'state-vm',
      entityRef: 'resource:default/state-vm',
      operation: 'create',
      environments: ['dev'],
      declaredState: 'Running',
      openedAt: '2026-12-07T00:00:00.000Z',
    });
    expect(await read(number)).toEqual({
      state: 'open',
      title: outcome.changeSet.title,
    });

    const merged = await fetch(
      `${sim.urls.control}/github/${OWNER}/${REPO}/pulls/${number}/merge`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ merge_method: 'merge' }),
      },
    );
    const { sha } = (await merged.json()) as { sha: string };
    expect(await read(number)).toEqual({
      state: 'merged',
      title: outcome.changeSet.title,
      closedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      mergeCommitSha: sha,
    });
  });

  it('reads a pull request closed without merge as closed, and has no event on a dry run', async () => {
    const { outcome } = await open('closed-vm');
    const number = outcome.pullRequest?.number ?? 0;
    const client = createGithubClient({
      token: sim.credentials.github.token,
      baseUrl: sim.urls.githubApi,
    });
    await client.rest.pulls.update({
      owner: OWNER,
      repo: REPO,
      pull_number: number,
      state: 'closed',
    });
    expect(await read(number)).toMatchObject({ state: 'closed' });

    const writer = createVmPullRequestWriter({
      config,
      clientFactory: simulatorClientFactory(sim),
    });
    const operation = checkVmOperationInput(
      createInput({ name: 'dry-vm', overrides: undefined }),
      config,
    );
    const dry = await writer.openPullRequest({ operation, dryRun: true });
    expect(
      vmRequestEventOf({ outcome: dry, operation, repoUrl: config.repoUrl }),
    ).toBeUndefined();
  });
});

describe('declaredStateOf', () => {
  const config = simulatorConfig();
  const create = (request: Record<string, unknown>) =>
    checkVmOperationInput(createInput(request), config);

  it('is the run strategy’s state when every environment shares it, none otherwise', () => {
    expect(declaredStateOf(create({ overrides: undefined }))).toBe('Running');
    expect(
      declaredStateOf(create({ overrides: undefined, runStrategy: 'Halted' })),
    ).toBe('Stopped');
    // the fixture stops the VM in dev and runs it in prod
    expect(declaredStateOf(create({}))).toBeUndefined();
    expect(
      declaredStateOf(
        checkVmOperationInput(
          { operation: 'decommission', vmName: 'x', reason: 'gone' },
          config,
        ),
      ),
    ).toBe('Deleted');
  });
});
