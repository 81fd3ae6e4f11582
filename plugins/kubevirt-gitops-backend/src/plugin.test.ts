import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import {
  ARGO_TOKEN,
  ARGO_URL,
  GITHUB_API,
  GITHUB_TOKEN,
  HUB_TOKEN,
  HUB_URL,
  application,
  argoCluster,
  managedCluster,
  managedClusterSet,
  resourceTree,
  virtualMachine,
} from './__testUtils__/fixtures';
import {
  argocdHandlers,
  createFakeArgocd,
  createFakeGithub,
  createFakeHub,
  githubHandlers,
  hubHandlers,
  type FakeArgocd,
  type FakeHub,
} from './__testUtils__/fakeUpstreams';
import { kubevirtGitopsPlugin } from './plugin';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  eventsServiceRef,
  type EventParams,
  type EventsService,
  type EventsServiceSubscribeOptions,
} from '@backstage/plugin-events-node';

// The test backend itself listens on loopback: let supertest reach it.
const server = setupServer(
  http.all(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]|::)(:\d+)?\//, () =>
    passthrough(),
  ),
);
registerMswTestHooks(server);

const vmEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'web',
    namespace: 'default',
    annotations: { 'kubevirt-gitops.io/vm-name': 'web' },
  },
  spec: { type: 'virtual-machine', owner: 'group:default/platform' },
};

const config = {
  integrations: {
    github: [
      { host: 'github.com', apiBaseUrl: GITHUB_API, token: GITHUB_TOKEN },
    ],
  },
  kubevirtGitops: {
    argocd: { instances: [{ name: 'main', url: ARGO_URL, token: ARGO_TOKEN }] },
    ocm: { hubs: [{ name: 'hub', url: HUB_URL, token: HUB_TOKEN }] },
    gitops: {
      repoUrl: 'https://github.com/demo-org/gitops-demo',
      environments: [
        {
          name: 'dev',
          limits: { maxVcpus: 4, maxMemory: '16Gi', maxRootDisk: '100Gi' },
        },
      ],
    },
  },
};

function logLines(logger: ReturnType<typeof mockServices.logger.mock>): string {
  return JSON.stringify([
    logger.info.mock.calls,
    logger.warn.mock.calls,
    logger.error.mock.calls,
    logger.debug.mock.calls,
  ]);
}

describe('kubevirtGitopsPlugin', () => {
  let argocd: FakeArgocd;
  let hub: FakeHub;

  beforeEach(() => {
    argocd = createFakeArgocd();
    argocd.clusters.push(argoCluster('dev-1'));
    argocd.applications.push(application({ vm: 'web', cluster: 'dev-1' }));
    argocd.trees.set(
      'dev-1-web',
      resourceTree({ vmName: 'dev-web', printableStatus: 'Stopped' }),
    );
    argocd.resources.set(
      'dev-1-web/VirtualMachine/dev-web',
      virtualMachine({
        name: 'dev-web',
        runStrategy: 'Halted',
        printableStatus: 'Stopped',
        conditions: [],
      }),
    );
    hub = createFakeHub();
    hub.managedClusters.push(managedCluster({ name: 'dev-1', env: 'dev' }));
    hub.managedClusterSets.push(managedClusterSet('managed'));
    const github = createFakeGithub();
    github.pulls.push({
      number: 7,
      title: 'Start web',
      html_url: 'https://github.com/demo-org/gitops-demo/pull/7',
      user: { login: 'alice' },
      created_at: '2025-03-01T09:00:00Z',
      labels: [{ name: 'vm/set-run-strategy' }],
      head: { ref: 'vm/web/set-run-strategy', sha: 'sha-7' },
    });
    github.files.set(7, [
      'applicationsets/vms/web/kustomize/base/virtualmachine.yaml',
    ]);
    server.use(
      ...argocdHandlers(argocd),
      ...hubHandlers(hub),
      ...githubHandlers(github),
    );
  });

  async function start(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
    const logger = mockServices.logger.mock();
    const backend = await startTestBackend({
      features: [
        kubevirtGitopsPlugin,
        mockServices.rootConfig.factory({ data: config }),
        mockServices.permissions.factory({ result }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        logger.factory,
        catalogServiceMock.factory({ entities: [vmEntity] }),
      ],
    });
    return { backend, logger };
  }

  it('ALLOW: answers the whole join for an entity, the fleet and the environments', async () => {
    const { backend, logger } = await start(AuthorizeResult.ALLOW);
    const vms = await request(backend.server)
      .get('/api/kubevirt-gitops/entities/default/resource/web/vms')
      .set('Authorization', mockCredentials.user.header());
    expect(vms.status).toBe(200);
    expect(vms.body.rows).toEqual([
      expect.objectContaining({
        cluster: 'dev-1',
        environment: 'dev',
        clusterAvailability: 'available',
        desiredRunStrategy: 'Halted',
        printableStatus: 'Stopped',
        derived: expect.objectContaining({
          state: 'Stopped',
          matchesDesired: true,
          label: 'Stopped as declared',
        }),
      }),
    ]);
    expect(vms.body.pullRequests).toEqual([
      expect.objectContaining({ number: 7, operation: 'set-run-strategy' }),
    ]);
    expect(vms.body.errors).toEqual([]);

    const fleet = await request(backend.server)
      .get('/api/kubevirt-gitops/fleet')
      .set('Authorization', mockCredentials.user.header());
    expect(fleet.status).toBe(200);
    expect(fleet.body.clusters).toEqual([
      expect.objectContaining({
        name: 'dev-1',
        argocdConnection: { status: 'Successful', instance: 'main' },
        // ArgoCD 3.x list (no per-resource health): ArgoCD's word, marked
        // approximate; the VM tab above read the VM: stopped as declared.
        vmCounts: { Healthy: 1 },
        approximateVmCounts: { Healthy: 1 },
      }),
    ]);

    const environments = await request(backend.server)
      .get('/api/kubevirt-gitops/environments')
      .set('Authorization', mockCredentials.service.header());
    expect(environments.status).toBe(200);
    expect(environments.body.environments[0]).toMatchObject({
      name: 'dev',
      availableClusters: 1,
    });

    const everything =
      JSON.stringify([vms.body, fleet.body, environments.body]) +
      logLines(logger);
    expect(everything).not.toContain(ARGO_TOKEN);
    expect(everything).not.toContain(HUB_TOKEN);
    expect(everything).not.toContain(GITHUB_TOKEN);
    await backend.stop();
  });

  it('DENY: answers 403 without any upstream call', async () => {
    const { backend } = await start(AuthorizeResult.DENY);
    const vms = await request(backend.server)
      .get('/api/kubevirt-gitops/entities/default/resource/web/vms')
      .set('Authorization', mockCredentials.user.header());
    expect(vms.status).toBe(403);
    const refresh = await request(backend.server)
      .post('/api/kubevirt-gitops/entities/default/resource/web/vms/refresh')
      .set('Authorization', mockCredentials.user.header());
    expect(refresh.status).toBe(403);
    const fleet = await request(backend.server)
      .get('/api/kubevirt-gitops/fleet')
      .set('Authorization', mockCredentials.user.header());
    expect(fleet.status).toBe(403);
    expect(argocd.requests).toEqual([]);
    expect(hub.requests).toEqual([]);
    await backend.stop();
  });

  it('unknown entity: answers 404 without any upstream call', async () => {
    const { backend } = await start(AuthorizeResult.ALLOW);
    const response = await request(backend.server)
      .get('/api/kubevirt-gitops/entities/default/resource/nope/vms')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(404);
    expect(argocd.requests).toEqual([]);
    await backend.stop();
  });

  it('rejects unauthenticated requests', async () => {
    const { backend } = await start(AuthorizeResult.ALLOW);
    const response = await request(backend.server)
      .get('/api/kubevirt-gitops/fleet')
      .set('Authorization', mockCredentials.none.header());
    expect(response.status).toBe(401);
    await backend.stop();
  });

  it('with two replicas, each handles a GitHub pull request event (its own cache and pages), and one refreshes the snapshot on a push', async () => {
    // What the events backend's bus does with several replicas: an event
    // goes to one subscriber per subscription id, to every distinct id.
    const subscriptions: EventsServiceSubscribeOptions[] = [];
    const bus: EventsService = {
      async publish(params: EventParams) {
        const delivered = new Set<string>();
        for (const subscription of subscriptions) {
          if (
            subscription.topics.includes(params.topic) &&
            !delivered.has(subscription.id)
          ) {
            delivered.add(subscription.id);
            await subscription.onEvent(params);
          }
        }
      },
      async subscribe(options) {
        subscriptions.push(options);
      },
    };
    const replica = async () => {
      const logger = mockServices.logger.mock();
      const backend = await startTestBackend({
        features: [
          kubevirtGitopsPlugin,
          mockServices.rootConfig.factory({ data: config }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          logger.factory,
          catalogServiceMock.factory({ entities: [vmEntity] }),
          createServiceFactory({
            service: eventsServiceRef,
            deps: {},
            factory: () => bus,
          }),
        ],
      });
      return { backend, logger };
    };
    const [a, b] = [await replica(), await replica()];
    try {
      const github = subscriptions.filter(subscription =>
        subscription.topics.includes('github.pull_request'),
      );
      expect(new Set(github.map(subscription => subscription.id)).size).toBe(2);
      await bus.publish({
        topic: 'github.pull_request',
        eventPayload: {
          action: 'closed',
          number: 7,
          repository: { full_name: 'demo-org/gitops-demo' },
          pull_request: { base: { ref: 'main' }, merged: true },
        },
      });
      const told = (logger: typeof a.logger) =>
        logger.debug.mock.calls.filter(
          ([message]) => message === 'GitHub pull request event: VM pages told',
        ).length;
      expect([told(a.logger), told(b.logger)]).toEqual([1, 1]);

      // a push: both replicas drop their cache; the shared snapshot is
      // refreshed by one of them
      const pushes = subscriptions.filter(subscription =>
        subscription.topics.includes('github.push'),
      );
      expect(pushes.map(subscription => subscription.id)).toEqual([
        expect.stringMatching(/^kubevirt-gitops-backend-replica-/),
        'kubevirt-gitops-backend',
        expect.stringMatching(/^kubevirt-gitops-backend-replica-/),
        'kubevirt-gitops-backend',
      ]);
    } finally {
      await a.backend.stop();
      await b.backend.stop();
    }
  });

  it('fails to start on bad configuration, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          kubevirtGitopsPlugin,
          mockServices.rootConfig.factory({
            data: {
              kubevirtGitops: {
                argocd: {
                  instances: [{ name: 'main', url: 'not a url', token: 'x' }],
                },
              },
            },
          }),
          catalogServiceMock.factory({ entities: [] }),
        ],
      }),
    ).rejects.toThrow('kubevirtGitops.argocd.instances[0].url');
  });
});
