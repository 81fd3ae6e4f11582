/*
 * Push → catalog, through the real pieces: the fleet simulator's GitHub
 * delivers a signed `push` webhook (as GitHub does) to the real events
 * backend with its GitHub module (signature check, `github` → `github.push`
 * routing), and the discovery provider re-reads the repository at once. The
 * schedule is one hour here, so only the push can explain the change.
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  SINGLE_REPOSITORY_SCENARIO_FILE,
  startSimulator,
  type RunningSimulator,
  simulatorBackstageConfig,
} from '@internal/fleet-simulator';
import type { AddressInfo } from 'node:net';
// The real events service (one in-process bus for all plugins); the test
// backend's default is a mock with one bus per plugin.
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import eventsPlugin from '@backstage/plugin-events-backend';
import { dirname, join } from 'node:path';
import { catalogModuleKubevirtGitops } from './module';

jest.setTimeout(90_000);

// The GitHub module's default export is a feature loader that `import()`s its
// two modules, which Jest's CommonJS runtime cannot do; load the same two
// built modules (webhook ingress with signature check, event router) by path.
const githubModuleDist = dirname(
  require.resolve('@backstage/plugin-events-backend-module-github'),
);
const githubModules = [
  'service/eventsModuleGithubWebhook.cjs.js',
  'service/eventsModuleGithubEventRouter.cjs.js',
].map(file => require(join(githubModuleDist, file)).default);

const SECRET = 'webhook-secret-for-this-test';

async function until<T>(
  read: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

describe('discovery re-reads the repository on a GitHub push webhook', () => {
  let sim: RunningSimulator;
  let backend: TestBackend;
  let base: string;

  const github = (path: string, init: RequestInit = {}) =>
    fetch(`${sim.urls.githubApi}${path}`, {
      ...init,
      headers: {
        authorization: `token ${sim.credentials.github.token}`,
        'content-type': 'application/json',
      },
    });

  const owner = async () => {
    const response = await fetch(
      `${base}/api/catalog/entities/by-name/resource/default/demo-vm`,
    );
    if (response.status !== 200) return undefined;
    return ((await response.json()) as Entity).spec?.owner as string;
  };

  beforeAll(async () => {
    sim = await startSimulator({
      // one repository, demo-org/gitops-demo, with the seed-style demo-vm
      scenario: SINGLE_REPOSITORY_SCENARIO_FILE,
      ports: { control: 0, argocd: 0, hub: 0, github: 0 },
      quiet: true,
      hubTls: false,
      timeScale: 1000,
    });
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleKubevirtGitops,
        eventsPlugin,
        ...githubModules,
        eventsServiceFactory,
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            integrations: simulatorBackstageConfig(sim).integrations,
            events: { modules: { github: { webhookSecret: SECRET } } },
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [{ allow: ['Component', 'System', 'Resource'] }],
            },
            kubevirtGitops: {
              gitops: {
                repoUrl: 'https://github.com/demo-org/gitops-demo',
                baseBranch: 'main',
              },
              discovery: {
                defaultOwner: 'group:default/app-team',
                system: 'virtualization-platform',
                schedule: {
                  frequency: { hours: 1 },
                  timeout: { seconds: 30 },
                },
              },
            },
          },
        }),
      ],
    });
    base = `http://127.0.0.1:${(backend.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  it('a push to main that changes CODEOWNERS changes demo-vm’s owner without waiting for the schedule', async () => {
    expect(await until(owner, 60_000)).toBe('group:default/platform-team');

    const hook = await github('/repos/demo-org/gitops-demo/hooks', {
      method: 'POST',
      body: JSON.stringify({
        config: {
          url: `${base}/api/events/http/github`,
          content_type: 'json',
          secret: SECRET,
        },
        events: ['push'],
      }),
    });
    expect(hook.status).toBe(201);

    // A direct push to main through the Git data API (ref → tree → commit →
    // ref update), as `git push` would move the branch.
    const repo = '/repos/demo-org/gitops-demo';
    const json = async (response: Response) => {
      expect(response.status).toBeLessThan(300);
      return (await response.json()) as any;
    };
    const ref = await json(await github(`${repo}/git/ref/heads/main`));
    const parent = await json(
      await github(`${repo}/git/commits/${ref.object.sha}`),
    );
    const tree = await json(
      await github(`${repo}/git/trees`, {
        method: 'POST',
        body: JSON.stringify({
          base_tree: parent.tree.sha,
          tree: [
            {
              path: 'CODEOWNERS',
              mode: '100644',
              type: 'blob',
              content: '/applicationsets/demo-vm/ @demo-org/app-team\n',
            },
          ],
        }),
      }),
    );
    const commit = await json(
      await github(`${repo}/git/commits`, {
        method: 'POST',
        body: JSON.stringify({
          message: 'Hand demo-vm to the app team',
          tree: tree.sha,
          parents: [parent.sha],
        }),
      }),
    );
    await json(
      await github(`${repo}/git/refs/heads/main`, {
        method: 'PATCH',
        body: JSON.stringify({ sha: commit.sha }),
      }),
    );

    // Well inside the hour the schedule would take: only the push explains it.
    expect(
      await until(
        async () =>
          (await owner()) === 'group:default/app-team' ? true : undefined,
        20_000,
      ),
    ).toBe(true);
    // The events backend accepted the delivery (a bad signature is 403).
    const delivered = await until(async () => {
      const found = sim.github
        .webhookDeliveries()
        .find(delivery => delivery.status !== undefined);
      return found;
    }, 5_000);
    expect(delivered.status).toBe(202);
  });

  it('a delivery signed with another secret is refused by the events backend and changes nothing', async () => {
    const response = await fetch(`${base}/api/events/http/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
      },
      body: JSON.stringify({ ref: 'refs/heads/main' }),
    });
    expect(response.status).toBe(403);
    expect(await owner()).toBe('group:default/app-team');
  });
});
