/*
 * Runs every example of the action, in order, against the fleet simulator's
 * GitHub (credentials through integrations.github, as in production), and
 * merges each pull request before the next one changes the same VM.
 */
import type { EventParams } from '@backstage/plugin-events-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  SINGLE_REPOSITORY_SCENARIO_FILE,
  startSimulator,
  type RunningSimulator,
} from '@internal/fleet-simulator';
import { parse } from 'yaml';
import { integrationsOf, testConfig } from '../__testUtils__/config';
import { createVmPullRequestAction } from './vmPullRequest';
import { examples } from './vmPullRequest.examples';

jest.setTimeout(60_000);

describe('kubevirt:vm:pull-request examples', () => {
  let sim: RunningSimulator;
  let action: ReturnType<typeof createVmPullRequestAction>;
  // what the action announced on the events service (for the backend's tracker)
  const published: EventParams[] = [];

  beforeAll(async () => {
    sim = await startSimulator({
      // one repository, demo-org/gitops-demo, with the seed-style demo-vm
      scenario: SINGLE_REPOSITORY_SCENARIO_FILE,
      ports: { control: 0, argocd: 0, hub: 0, github: 0 },
      quiet: true,
      hubTls: false,
      timeScale: 1000,
    });
    const config = testConfig({
      apiBaseUrl: sim.urls.githubApi,
      token: sim.credentials.github.token,
    });
    action = createVmPullRequestAction({
      config,
      integrations: integrationsOf(config),
      events: {
        publish: async params => {
          published.push(params);
        },
        subscribe: async () => {},
      },
    });
  });

  afterAll(async () => {
    await sim.stop();
  });

  async function run(index: number) {
    const input = parse(examples[index].example).steps[0].input;
    const keys: string[] = [];
    const ctx = createMockActionContext({
      input,
      user: { ref: 'user:default/jane' },
    });
    ctx.checkpoint = async ({ key, fn }) => {
      keys.push(key);
      return fn();
    };
    await action.handler(ctx);
    const outputs = Object.fromEntries(jest.mocked(ctx.output).mock.calls);
    return { input, outputs, keys };
  }

  it.each(
    examples.map((example, index) => [example.description, index] as const),
  )('%s', async (_description, index) => {
    const before = published.length;
    const { input, outputs, keys } = await run(index);
    const vm = input.operation === 'create' ? input.request.name : input.vmName;
    expect(outputs).toMatchObject({
      branch: `kubevirt-gitops/${input.operation}/${vm}`,
      entityRef: `resource:default/${vm}`,
      pullRequestUrl: expect.stringMatching(
        /\/demo-org\/gitops-demo\/pull\/\d+$/,
      ),
      pullRequestNumber: expect.any(Number),
      reused: false,
    });
    expect(keys.map(key => key.split('.')[1])).toEqual([
      'push',
      'pull-request',
      'decorate',
    ]);
    // The user pressing the button twice (or a recovered task) gets the same pull request.
    const again = await run(index);
    expect(again.outputs).toMatchObject({
      pullRequestUrl: outputs.pullRequestUrl,
      reused: true,
    });
    // each run announced its pull request, with who asked
    expect(published.slice(before)).toEqual(
      [false, true].map(reused => ({
        topic: 'kubevirt-gitops.vm-request',
        eventPayload: expect.objectContaining({
          kind: 'opened',
          requester: 'user:default/jane',
          repository: 'demo-org/gitops-demo',
          vmName: vm,
          entityRef: `resource:default/${vm}`,
          operation: input.operation,
          pullRequest: expect.objectContaining({
            number: outputs.pullRequestNumber,
            url: outputs.pullRequestUrl,
            reused,
          }),
        }),
      })),
    );
    sim.merge('demo-org', 'gitops-demo', outputs.pullRequestNumber);
  });
});
