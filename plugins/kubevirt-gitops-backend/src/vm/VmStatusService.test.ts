import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import type { VmAnnotations } from '@internal/plugin-kubevirt-gitops-common';
import { HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import {
  ARGO_TOKEN,
  ARGO_URL,
  GITHUB_API,
  GITHUB_TOKEN,
  application,
  argoCluster,
  dataVolume,
  managedCluster,
  resourceTree,
  virtualMachine,
  virtualMachineInstance,
} from '../__testUtils__/fixtures';
import {
  argocdHandlers,
  createFakeArgocd,
  createFakeGithub,
  githubHandlers,
  type FakeArgocd,
  type FakeGithub,
} from '../__testUtils__/fakeUpstreams';
import {
  argocdPart,
  hubPart,
  indexOf,
  snapshotOf,
} from '../__testUtils__/snapshot';
import { createArgocdClient } from '../argocd/ArgocdClient';
import type { FleetViews } from '../fleet/FleetViews';
import {
  createIntegrationClientFactory,
  createPullRequestReader,
} from '@internal/plugin-kubevirt-gitops-node';
import { serializeJson } from '../service/serializedBody';
import { createRedactor } from '../upstream/errors';
import { createVmDetailService } from './VmDetailService';
import { createVmStatusService } from './VmStatusService';

const server = setupServer();
registerMswTestHooks(server);

const annotations: VmAnnotations = {
  vmName: 'web',
  appSelector: 'kubevirt-gitops.io/vm=web',
  gitopsPath: 'applicationsets/vms/web',
};
const clusters = ['dev-1', 'dev-2', 'prod-1'];
const apps = [
  application({ vm: 'web', cluster: 'dev-1' }),
  application({ vm: 'web', cluster: 'dev-2', health: 'Progressing' }),
  application({
    vm: 'web',
    cluster: 'prod-1',
    sync: 'OutOfSync',
    health: 'Missing',
  }),
  application({ vm: 'db', cluster: 'dev-1' }),
];

function views(prodAvailability: 'True' | 'Unknown' = 'True'): FleetViews {
  const index = indexOf(
    snapshotOf(
      [
        hubPart({
          clusters: [
            managedCluster({ name: 'dev-1', env: 'dev' }),
            managedCluster({
              name: 'dev-2',
              env: 'dev',
              availability: 'False',
            }),
            managedCluster({
              name: 'prod-1',
              env: 'prod',
              availability: prodAvailability,
            }),
          ],
        }),
      ],
      [
        argocdPart({
          clusters: clusters.map(name => argoCluster(name)),
          applications: apps,
        }),
      ],
    ),
  );
  return {
    index: async () => index,
    fleet: async () => serializeJson({}),
    environments: async () => ({
      environments: [],
      errors: [],
      generatedAt: '',
    }),
    choices: async () => ({
      sizes: [],
      images: [],
      uncataloguedImages: [],
      errors: [],
      generatedAt: '',
    }),
  };
}

function service(
  fake: {
    github?: boolean;
    githubTtlMs?: number;
    maxApplications?: number;
    timeoutMs?: number;
    prodAvailability?: 'True' | 'Unknown';
  } = {},
) {
  const client = createArgocdClient({
    instance: {
      name: 'main',
      url: ARGO_URL,
      auth: { type: 'token', token: ARGO_TOKEN },
      tls: { skipTLSVerify: false },
      uiUrl: 'https://argocd-ui.test',
      timeoutMs: fake.timeoutMs ?? 1000,
    },
  });
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        github: [
          { host: 'github.test', apiBaseUrl: GITHUB_API, token: GITHUB_TOKEN },
        ],
      },
    }),
  );
  const integration = integrations.github.byHost('github.test');
  return createVmStatusService({
    views: views(fake.prodAvailability),
    argocd: new Map([['main', client]]),
    details: createVmDetailService({ ttlMs: 10_000 }),
    ...(fake.github && integration
      ? {
          pullRequests: createPullRequestReader({
            repository: {
              host: 'github.test',
              owner: 'demo-org',
              repo: 'gitops-demo',
            },
            baseBranch: 'main',
            clientFactory: createIntegrationClientFactory({
              integrations,
              clientOptions: {
                retries: 0,
                rateLimitRetries: 0,
                timeoutMs: 500,
              },
            }),
            ttlMs: fake.githubTtlMs ?? 10_000,
          }),
        }
      : {}),
    detail: { maxApplications: fake.maxApplications ?? 25, concurrency: 4 },
    githubTimeoutMs: 500,
    redact: createRedactor([ARGO_TOKEN, GITHUB_TOKEN]),
    logger: mockServices.logger.mock(),
  });
}

describe('VmStatusService', () => {
  let argocd: FakeArgocd;
  let github: FakeGithub;

  beforeEach(() => {
    argocd = createFakeArgocd();
    argocd.applications.push(...apps);
    argocd.trees.set(
      'dev-1-web',
      resourceTree({
        vmName: 'dev-web',
        printableStatus: 'Running',
        vmi: true,
        node: 'worker-2',
      }),
    );
    argocd.resources.set(
      'dev-1-web/VirtualMachine/dev-web',
      virtualMachine({ name: 'dev-web', runStrategy: 'Always' }),
    );
    argocd.resources.set(
      'dev-1-web/VirtualMachineInstance/dev-web',
      virtualMachineInstance({
        name: 'dev-web',
        ips: ['10.1.2.3'],
        guestOs: 'Fedora Linux 42',
      }),
    );
    argocd.trees.set(
      'dev-2-web',
      resourceTree({
        vmName: 'dev-web',
        printableStatus: 'Provisioning',
        dataVolume: { name: 'dev-web-rootdisk', phase: 'ImportInProgress' },
      }),
    );
    argocd.resources.set(
      'dev-2-web/VirtualMachine/dev-web',
      virtualMachine({
        name: 'dev-web',
        runStrategy: 'Always',
        printableStatus: 'Provisioning',
        conditions: [],
      }),
    );
    argocd.resources.set(
      'dev-2-web/DataVolume/dev-web-rootdisk',
      dataVolume({
        name: 'dev-web-rootdisk',
        phase: 'ImportInProgress',
        progress: '37.5%',
      }),
    );
    github = createFakeGithub();
    github.pulls.push({
      number: 12,
      title: 'Stop web',
      html_url: 'https://github.test/demo-org/gitops-demo/pull/12',
      user: { login: 'alice' },
      created_at: '2025-03-01T09:00:00Z',
      labels: [{ name: 'vm/set-run-strategy' }],
      head: { ref: 'kubevirt-gitops/web/set-run-strategy', sha: 'sha-12' },
    });
    github.pulls.push({
      number: 13,
      title: 'Create db',
      html_url: 'https://github.test/demo-org/gitops-demo/pull/13',
      user: { login: 'bob' },
      created_at: '2025-03-01T09:30:00Z',
      labels: [],
      head: { ref: 'kubevirt-gitops/db/create', sha: 'sha-13' },
    });
    github.files.set(12, [
      'applicationsets/vms/web/kustomize/base/virtualmachine.yaml',
    ]);
    github.files.set(13, ['applicationsets/vms/db/applicationset.yaml']);
    server.use(...argocdHandlers(argocd), ...githubHandlers(github));
  });

  it('answers one row per cluster with the derived state from the live objects', async () => {
    const response = await service({ github: true }).getStatus(
      'resource:default/web',
      annotations,
    );
    expect(response.rows.map(row => row.cluster)).toEqual([
      'dev-1',
      'dev-2',
      'prod-1',
    ]);
    const [running, provisioning, missing] = response.rows;
    expect(running).toMatchObject({
      environment: 'dev',
      vmName: 'dev-web',
      namespace: 'vms',
      clusterAvailability: 'available',
      argocd: {
        instance: 'main',
        application: 'dev-1-web',
        namespace: 'argocd',
        uiUrl: 'https://argocd-ui.test/applications/argocd/dev-1-web',
      },
      sync: { status: 'Synced', revision: 'abc123' },
      health: { status: 'Healthy' },
      desiredRunStrategy: 'Always',
      printableStatus: 'Running',
      derived: { state: 'Running', matchesDesired: true, severity: 'ok' },
      vmi: {
        phase: 'Running',
        node: 'worker-1',
        ipAddresses: ['10.1.2.3'],
        guestOs: 'Fedora Linux 42',
      },
      lastSyncedAt: '2025-03-01T10:00:05Z',
    });
    expect(provisioning).toMatchObject({
      clusterAvailability: 'unavailable',
      clusterAvailabilityReason: 'ManagedClusterKubeAPIServerUnavailable',
      // What ArgoCD last saw is stale on a cluster OCM calls unavailable.
      derived: {
        state: 'Unknown',
        reason: 'ClusterUnavailable',
        severity: 'unknown',
        label: 'Unknown: cluster unavailable (last seen: Provisioning)',
      },
      printableStatus: 'Provisioning',
      dataVolumes: [
        {
          name: 'dev-web-rootdisk',
          phase: 'ImportInProgress',
          progress: '37.5%',
        },
      ],
    });
    expect(missing.derived).toMatchObject({
      state: 'Pending',
      reason: 'PullRequestOpen',
    });
    expect(missing.message).toContain('not deployed yet');
    expect(response.pullRequests).toEqual([
      {
        number: 12,
        title: 'Stop web',
        url: 'https://github.test/demo-org/gitops-demo/pull/12',
        operation: 'set-run-strategy',
        author: 'alice',
        createdAt: '2025-03-01T09:00:00Z',
        labels: ['vm/set-run-strategy'],
      },
    ]);
    expect(response.errors).toEqual([]);
    expect(
      github.requests.every(
        // Octokit's scheme, with the integration's token
        request => request.authorization === `token ${GITHUB_TOKEN}`,
      ),
    ).toBe(true);
    expect(github.requests[0].query.get('state')).toBe('open');
    expect(github.requests[0].query.get('base')).toBe('main');
  });

  it('calls a VM on an unreachable cluster Unknown, not Missing', async () => {
    const response = await service({ prodAvailability: 'Unknown' }).getStatus(
      'resource:default/web',
      annotations,
    );
    const prod = response.rows.find(row => row.cluster === 'prod-1');
    expect(prod).toMatchObject({
      clusterAvailability: 'unreachable',
      clusterAvailabilityReason: 'ManagedClusterLeaseUpdateStopped',
      derived: {
        state: 'Unknown',
        reason: 'ClusterUnreachable',
        matchesDesired: false,
        label: 'Unknown: cluster unreachable',
      },
    });
    // The same VM on an available cluster, no pull request open: pending sync.
    const available = await service().getStatus(
      'resource:default/web',
      annotations,
    );
    expect(
      available.rows.find(row => row.cluster === 'prod-1')?.derived,
    ).toMatchObject({ state: 'Pending', reason: 'OutOfSync' });
  });

  it('shares one set of upstream calls between identical concurrent requests', async () => {
    const vms = service();
    await Promise.all(
      Array.from({ length: 10 }, () =>
        vms.getStatus('resource:default/web', annotations),
      ),
    );
    const treeCalls = argocd.requests.filter(request =>
      request.path.endsWith('/resource-tree'),
    );
    expect(treeCalls).toHaveLength(3);
    await vms.getStatus('resource:default/web', annotations);
    expect(
      argocd.requests.filter(request =>
        request.path.endsWith('/resource-tree'),
      ),
    ).toHaveLength(3);
  });

  it('shares the assembled answer between identical requests', async () => {
    const vms = service();
    const first = await vms.getStatusBody('resource:default/web', annotations);
    const second = await vms.getStatusBody('resource:default/web', annotations);
    expect(second).toBe(first);
    expect(JSON.parse(first.body.toString()).rows).toHaveLength(3);
    const other = await vms.getStatusBody('resource:default/web', {
      ...annotations,
      gitopsPath: 'x/web',
    });
    expect(other).not.toBe(first);
  });

  it('loads detail for at most maxApplications rows, the most uncertain first', async () => {
    const response = await service({ maxApplications: 1 }).getStatus(
      'resource:default/web',
      annotations,
    );
    const treeCalls = argocd.requests.filter(request =>
      request.path.endsWith('/resource-tree'),
    );
    // prod-1: VM resource OutOfSync without health (it may not exist yet)
    // is less certain than dev-1's Healthy Application; dev-2's cluster is
    // unavailable, so its state is Unknown whatever the detail says.
    expect(treeCalls.map(request => request.path)).toEqual([
      '/api/v1/applications/prod-1-web/resource-tree',
    ]);
    expect(response.rows[0].derived).toMatchObject({
      state: 'Healthy',
      certainty: 'approximate',
      reason: 'DetailNotLoaded',
    });
    expect(response.rows[0].message).toContain('detail is loaded for 1');
  });

  it('keeps the rows when ArgoCD fails the detail, with errors[] per upstream and no token', async () => {
    argocd.fault = request =>
      request.path.endsWith('/resource-tree')
        ? HttpResponse.json(
            { message: `upstream echoed ${ARGO_TOKEN}` },
            { status: 500 },
          )
        : undefined;
    const response = await service().getStatus(
      'resource:default/web',
      annotations,
    );
    expect(response.rows).toHaveLength(3);
    expect(response.rows[0].derived.reason).toBe('DetailUnavailable');
    expect(response.errors).toEqual([
      {
        source: 'argocd:main',
        kind: 'unavailable',
        message: expect.stringContaining(
          '3 of 3 Applications could not be read in detail',
        ),
      },
    ]);
    expect(JSON.stringify(response)).not.toContain(ARGO_TOKEN);
  });

  it('answers within the ArgoCD timeout when ArgoCD is slow', async () => {
    argocd.fault = async () => {
      await delay(6000);
      return HttpResponse.json({});
    };
    const started = Date.now();
    const response = await service({ timeoutMs: 200 }).getStatus(
      'resource:default/web',
      annotations,
    );
    // well before the 6 s answer, with room for a loaded machine
    expect(Date.now() - started).toBeLessThan(4000);
    expect(response.rows[0].clusterAvailability).toBe('available');
    expect(response.errors[0].source).toBe('argocd:main');
  });

  it('reports GitHub failures separately', async () => {
    github.fault = () =>
      HttpResponse.json(
        { message: 'API rate limit exceeded' },
        { status: 403 },
      );
    const response = await service({ github: true }).getStatus(
      'resource:default/web',
      annotations,
    );
    expect(response.rows).toHaveLength(3);
    expect(response.errors).toEqual([
      {
        source: 'github',
        kind: 'rate-limited',
        message: expect.stringContaining('API rate limit exceeded'),
      },
    ]);
  });

  it('keeps the last pull requests GitHub gave while it fails, saying from when (scripts/faults.mjs)', async () => {
    const vms = service({ github: true, githubTtlMs: 200 });
    const first = await vms.getStatus('resource:default/web', annotations);
    expect(first.pullRequests.map(pull => pull.number)).toEqual([12]);
    expect(first.snapshotAt).toEqual(expect.any(String));
    github.fault = () =>
      HttpResponse.json({ message: 'Server Error' }, { status: 500 });
    // past the list's TTL, the reader asks GitHub again and fails
    await new Promise(resolve => setTimeout(resolve, 300));
    const during = await vms.getStatus('resource:default/web', annotations);
    expect(during.pullRequests.map(pull => pull.number)).toEqual([12]);
    expect(during.pullRequestsAsOf).toEqual(expect.any(String));
    expect(first.pullRequestsAsOf).toBeUndefined();
    expect(during.errors).toEqual([
      {
        source: 'github',
        kind: 'unavailable',
        message: expect.stringMatching(
          /answered 500.*\(showing pull requests from \d{4}-\d\d-\d\dT/,
        ),
      },
    ]);
  });

  it('refreshes every Application of the VM, "not deployed yet" as an error', async () => {
    argocd.applications = argocd.applications.filter(
      app => app.metadata.name !== 'prod-1-web',
    );
    const result = await service().refresh('resource:default/web', annotations);
    expect(result.refreshed).toEqual(['dev-1-web', 'dev-2-web']);
    expect(result.errors).toEqual([
      {
        source: 'argocd:main',
        kind: 'not-found',
        message: expect.stringContaining('prod-1-web is not deployed yet'),
      },
    ]);
    expect(
      argocd.requests.filter(
        request => request.query.get('refresh') === 'normal',
      ),
    ).toHaveLength(3);
  });

  it('rejects an unknown ArgoCD instance annotation', async () => {
    await expect(
      service().getStatus('resource:default/web', {
        ...annotations,
        argocdInstance: 'other',
      }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('kubevirt-gitops.io/argocd-instance'),
    });
  });
});
