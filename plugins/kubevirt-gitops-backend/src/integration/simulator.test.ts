/*
 * The whole join against the fleet simulator (ArgoCD API server, OCM hub over
 * HTTPS with its own CA, GitHub), with faults injected through its control
 * API. No msw here: real HTTP on loopback.
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  signalsServiceRef,
  type SignalPayload,
} from '@backstage/plugin-signals-node';
import { type RunningSimulator } from '@internal/fleet-simulator';
import {
  FLEET_SIGNAL_CHANNEL,
  vmSignalChannel,
  type FleetResponse,
  type VmStatusResponse,
} from '@internal/plugin-kubevirt-gitops-common';
import request from 'supertest';
import { kubevirtGitopsPlugin } from '../plugin';
import { simulatorConfig } from '../__testUtils__/simulatorConfig';
import {
  simulatorControl,
  simulatorLog,
  startTestSimulator,
  until,
} from '../__testUtils__/simulatorHarness';

jest.setTimeout(120_000);

const entity = (name: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'virtual-machine', owner: 'group:default/platform-team' },
});

const entities = [
  entity('analytics-db', {
    'kubevirt-gitops.io/vm-name': 'analytics-db',
    'kubevirt-gitops.io/gitops-path': 'applicationsets/vms/analytics-db',
  }),
  entity('ci-runner', {
    'kubevirt-gitops.io/vm-name': 'ci-runner',
    'kubevirt-gitops.io/applicationset': 'ci-runner',
  }),
  entity('demo-vm', {
    'kubevirt-gitops.io/vm-name': 'demo-vm',
    'kubevirt-gitops.io/applicationset': 'demo-vm',
  }),
];

describe('against the fleet simulator', () => {
  let simulator: RunningSimulator;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const logger = mockServices.logger.mock();
  // what the plugin published through the signals service
  const published: SignalPayload[] = [];

  const control = (path: string, init?: RequestInit) =>
    simulatorControl(simulator)(path, init);
  const get = (path: string) =>
    request(backend.server)
      .get(`/api/kubevirt-gitops${path}`)
      .set('Authorization', mockCredentials.user.header());
  const vms = async (name: string): Promise<VmStatusResponse> =>
    (await get(`/entities/default/resource/${name}/vms`)).body;
  const fleet = async (): Promise<FleetResponse> => (await get('/fleet')).body;
  const hubListCalls = async () =>
    (await simulatorLog(simulator, { upstream: 'hub' })).filter(entry =>
      entry.path.endsWith('/managedclusters'),
    ).length;

  beforeAll(async () => {
    // one repository, demo-org/gitops-demo, with the seed-style demo-vm
    simulator = await startTestSimulator();
    backend = await startTestBackend({
      features: [
        kubevirtGitopsPlugin,
        // The list path (refresh.watch false): these tests count its lists
        // per interval and its timeouts; src/live/upstream tests the watches.
        mockServices.rootConfig.factory({
          data: simulatorConfig(simulator, {
            refresh: {
              fleetIntervalSeconds: 1,
              detailTtlSeconds: 1,
              pullRequestTtlSeconds: 5,
              watch: false,
            },
          }),
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        // The real scheduler, so the snapshot refreshes every second.
        schedulerServiceFactory,
        logger.factory,
        catalogServiceMock.factory({ entities }),
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({
            publish: async (signal: SignalPayload) => {
              published.push(signal);
            },
          }),
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await simulator?.stop();
  });

  afterEach(async () => {
    await control('/faults', { method: 'DELETE' });
  });

  it('shows every managed cluster with OCM availability, ArgoCD connection and the stack', async () => {
    const response = await until(fleet, body =>
      body.clusters?.some(cluster => cluster.virtualizationStack.length === 2),
    );
    expect(response.clusters.map(cluster => cluster.name)).toEqual([
      'dev-cluster-1',
      'dev-cluster-2',
      'prod-cluster-1',
      'prod-cluster-2',
    ]);
    const [dev1, , , prod2] = response.clusters;
    expect(dev1).toMatchObject({
      environment: 'dev',
      clusterSets: ['managed'],
      availability: 'available',
      placements: ['argocd/managed-gitops-placement'],
      kubernetesVersion: 'v1.30.4',
      allocatable: { cpu: 63.5, kvm: 1000 },
      argocdConnection: { status: 'Successful', instance: 'sim' },
    });
    expect(dev1.virtualizationStack.map(app => app.name).sort()).toEqual([
      'dev-cluster-1-cdi',
      'dev-cluster-1-kubevirt',
    ]);
    expect(prod2).toMatchObject({
      availability: 'unreachable',
      availabilityReason: 'ManagedClusterLeaseUpdateStopped',
    });
    expect(response.totals.map(total => total.environment)).toEqual([
      'dev',
      'prod',
    ]);
    expect(response.errors).toEqual([]);
  });

  it('derives the VM state per cluster from the live objects', async () => {
    const analytics = await until(
      () => vms('analytics-db'),
      body =>
        body.rows?.some(row => row.derived.state === 'Running') &&
        body.rows.some(row => row.printableStatus === 'ErrorUnschedulable'),
    );
    const byCluster = Object.fromEntries(
      analytics.rows.map(row => [row.cluster, row]),
    );
    expect(byCluster['dev-cluster-1']).toMatchObject({
      environment: 'dev',
      clusterAvailability: 'available',
      desiredRunStrategy: 'Always',
      derived: { state: 'Running', matchesDesired: true },
      vmi: { phase: 'Running', ipAddresses: [expect.any(String)] },
      argocd: { instance: 'sim', application: 'dev-cluster-1-analytics-db' },
    });
    expect(byCluster['prod-cluster-1']).toMatchObject({
      printableStatus: 'ErrorUnschedulable',
      derived: {
        state: 'Error',
        reason: 'ErrorUnschedulable',
        severity: 'error',
      },
    });

    const runner = await until(
      () => vms('ci-runner'),
      body =>
        body.rows?.length > 0 &&
        body.rows.every(row => row.derived.state === 'Stopped'),
    );
    expect(runner.rows[0]).toMatchObject({
      desiredRunStrategy: 'Halted',
      derived: {
        state: 'Stopped',
        matchesDesired: true,
        label: 'Stopped as declared',
      },
    });
  });

  it('finds seed-style Applications through their ApplicationSet', async () => {
    const demo = await until(
      () => vms('demo-vm'),
      body => body.rows?.length === 4,
    );
    expect(demo.rows.map(row => row.argocd.application).sort()).toEqual([
      'dev-cluster-1-demo-vm',
      'dev-cluster-2-demo-vm',
      'prod-cluster-1-demo-vm',
      'prod-cluster-2-demo-vm',
    ]);
    // Read from the simulated ArgoCD's GET /api/v1/applicationsets.
    expect(demo.applicationSets).toEqual([
      expect.objectContaining({
        instance: 'sim',
        name: 'demo-vm',
        health: expect.objectContaining({ status: 'Healthy' }),
        problems: [],
      }),
    ]);
  });

  it('marks rows and errors[] when ArgoCD fails the detail, everything else still answers', async () => {
    await control('/faults', {
      method: 'POST',
      body: JSON.stringify({
        upstream: 'argocd',
        pathPattern: 'resource-tree$',
        status: 503,
      }),
    });
    // Rows on available clusters say the detail is unavailable; rows on
    // clusters the hub does not call available say so instead.
    const expectedReason = (row: VmStatusResponse['rows'][number]) =>
      row.clusterAvailability === 'available'
        ? 'DetailUnavailable'
        : 'ClusterUnreachable';
    // past the detail TTL and the 5 s reuse of an assembled answer
    const body = await until(
      () => vms('analytics-db'),
      answer =>
        answer.rows?.every(row => row.derived.reason === expectedReason(row)),
      15_000,
    );
    expect(body.rows.length).toBeGreaterThan(0);
    expect(body.rows.map(row => row.derived.reason)).toEqual(
      body.rows.map(expectedReason),
    );
    expect(body.rows[0].clusterAvailability).toBe('available');
    expect(
      body.rows.filter(row => row.derived.reason === 'DetailUnavailable')
        .length,
    ).toBeGreaterThan(0);
    expect(body.errors).toEqual([
      expect.objectContaining({
        source: 'argocd:sim',
        message: expect.stringContaining('503'),
      }),
    ]);
  });

  it('keeps OCM data when the hub is slow, and reports the timeout', async () => {
    await control('/faults', {
      method: 'POST',
      body: JSON.stringify({
        upstream: 'hub',
        pathPattern: 'managedclusters$',
        latencyMs: 3000,
      }),
    });
    const body = await until(fleet, response =>
      response.errors.some(error => error.source === 'ocm:sim-hub'),
    );
    expect(body.clusters).toHaveLength(4);
    expect(body.errors).toContainEqual({
      source: 'ocm:sim-hub',
      kind: 'timeout',
      message: expect.stringMatching(
        /did not answer within 1000 ms.*showing data from/,
      ),
    });
  });

  it('follows availability changes from the hub', async () => {
    await control('/clusters/dev-cluster-2/availability', {
      method: 'PUT',
      body: JSON.stringify({ status: 'False' }),
    });
    const body = await until(fleet, response =>
      response.clusters.some(
        cluster =>
          cluster.name === 'dev-cluster-2' &&
          cluster.availability === 'unavailable',
      ),
    );
    expect(
      body.clusters.find(cluster => cluster.name === 'dev-cluster-2'),
    ).toMatchObject({
      availability: 'unavailable',
      availabilityReason: 'ManagedClusterKubeAPIServerUnavailable',
    });
  });

  it('signals a VM page when its cluster changes availability, to the user it was shown to, once', async () => {
    const shown = await vms('analytics-db');
    const cluster = shown.rows[0]?.cluster;
    expect(cluster).toEqual(expect.any(String));
    const before = shown.rows[0].clusterAvailability;
    const channel = vmSignalChannel('resource:default/analytics-db');
    const signalsOn = () => published.filter(p => p.channel === channel);
    // the first snapshot change after the page opened tells it once
    await until(
      async () => signalsOn().length,
      count => count >= 1,
    );
    const baseline = signalsOn().length;
    await control(`/clusters/${cluster}/availability`, {
      method: 'PUT',
      body: JSON.stringify({
        status: before === 'available' ? 'False' : 'True',
      }),
    });
    await until(
      async () => signalsOn().length,
      count => count > baseline,
    );
    const signal = signalsOn().at(-1)!;
    expect(signal.recipients).toEqual({
      type: 'user',
      entityRef: [mockCredentials.user().principal.userEntityRef],
    });
    expect(signal.message).toEqual({
      kind: 'vm',
      snapshotAt: expect.any(String),
    });
    expect(published.some(p => p.channel === FLEET_SIGNAL_CHANNEL)).toBe(true);
    // a quiet while (the snapshot refreshes every second): a signal per
    // change the pages show, not per refresh
    const fleetSignals = () =>
      published.filter(p => p.channel === FLEET_SIGNAL_CHANNEL).length;
    const fleetBefore = fleetSignals();
    const refreshesBefore = await hubListCalls();
    await new Promise(resolve => setTimeout(resolve, 4000));
    const refreshes = (await hubListCalls()) - refreshesBefore;
    expect(refreshes).toBeGreaterThanOrEqual(3);
    expect(fleetSignals() - fleetBefore).toBeLessThan(refreshes);
    await control(`/clusters/${cluster}/availability`, {
      method: 'PUT',
      body: JSON.stringify({ status: 'True' }),
    });
  });

  it('costs upstream lists per refresh interval, not per request', async () => {
    const before = await hubListCalls();
    const started = Date.now();
    let requests = 0;
    while (Date.now() - started < 3000) {
      await Promise.all(Array.from({ length: 50 }, () => get('/fleet')));
      requests += 50;
    }
    const seconds = (Date.now() - started) / 1000;
    const lists = (await hubListCalls()) - before;
    // fleetIntervalSeconds is 1: about one ManagedCluster list per second, whatever the load
    expect(lists).toBeGreaterThanOrEqual(1);
    expect(lists).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
    expect(requests).toBeGreaterThan(lists * 20);
  });

  it('asks ArgoCD to refresh the Applications of a VM', async () => {
    await control('/log', { method: 'DELETE' });
    const response = await request(backend.server)
      .post(
        '/api/kubevirt-gitops/entities/default/resource/ci-runner/vms/refresh',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    expect(response.body.refreshed).toEqual([
      'dev-cluster-1-ci-runner',
      'dev-cluster-2-ci-runner',
    ]);
    const log = await (await control('/log?upstream=argocd')).json();
    expect(
      (log.entries as Array<{ path: string; query: string }>).filter(entry =>
        entry.query.includes('refresh=normal'),
      ),
    ).toHaveLength(2);
  });

  it('never puts a credential in a response or a log line', async () => {
    const bodies = JSON.stringify([
      await fleet(),
      await vms('analytics-db'),
      (await get('/environments')).body,
    ]);
    const logs = JSON.stringify([
      logger.info.mock.calls,
      logger.warn.mock.calls,
      logger.error.mock.calls,
    ]);
    const secrets = [
      simulator.credentials.argocd.password,
      simulator.credentials.hub.token,
      simulator.credentials.github.token,
    ];
    for (const secret of secrets) {
      expect(bodies).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });
});
