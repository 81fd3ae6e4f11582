import type { GitopsConfig } from '@internal/plugin-kubevirt-gitops-common';
import {
  application,
  argoCluster,
  managedCluster,
  managedClusterSet,
  placementWithDecision,
} from '../__testUtils__/fixtures';
import {
  FETCHED_AT,
  argocdPart,
  hubPart,
  indexOf,
  snapshotOf,
  testEnvironment,
} from '../__testUtils__/snapshot';
import { buildEnvironmentsResponse } from './buildEnvironmentsResponse';
import { buildFleetResponse } from './buildFleetResponse';
import { createFleetViews } from './FleetViews';
import type { FleetSnapshot } from './snapshotTypes';
import { matchesRequirements, parseLabelSelector } from './labelSelector';

const placement = placementWithDecision('managed-gitops-placement', 'argocd', [
  'dev-1',
  'prod-1',
]);
const hub = hubPart({
  clusters: [
    managedCluster({ name: 'dev-1', env: 'dev', cpu: '8', memory: '16Gi' }),
    managedCluster({
      name: 'dev-2',
      env: 'dev',
      availability: 'Unknown',
      cpu: '8',
      memory: '16Gi',
    }),
    managedCluster({ name: 'prod-1', env: 'prod', cpu: '32', memory: '64Gi' }),
    managedCluster({ name: 'lab-1', clusterSet: 'lab' }),
  ],
  sets: [managedClusterSet('managed'), managedClusterSet('lab')],
  placements: [placement.placement],
  decisions: [placement.decision],
});
const stack = {
  ...application({
    vm: 'unused',
    cluster: 'dev-1',
    labels: false,
    vmInGit: false,
    name: 'dev-1-kubevirt-hyperconverged',
    health: 'Degraded',
  }),
};
const argo = argocdPart({
  clusters: [argoCluster('dev-1'), argoCluster('prod-1', 'Failed')],
  applications: [
    application({ vm: 'web', cluster: 'dev-1' }),
    application({ vm: 'db', cluster: 'dev-1', health: 'Degraded' }),
    application({ vm: 'web', cluster: 'prod-1', health: 'Suspended' }),
    // last seen healthy, on a cluster the hub no longer hears from
    application({ vm: 'web', cluster: 'dev-2' }),
    stack,
  ],
});
const viewOptions = {
  virtualizationStackPattern: /(^|-)(kubevirt|hyperconverged|cdi)(-|$)/,
  generatedAt: FETCHED_AT,
};

describe('buildFleetResponse', () => {
  it('joins OCM, ArgoCD and the Applications per cluster', () => {
    const response = buildFleetResponse(
      indexOf(snapshotOf([hub], [argo])),
      viewOptions,
    );
    expect(response.clusters.map(cluster => cluster.name)).toEqual([
      'dev-1',
      'dev-2',
      'lab-1',
      'prod-1',
    ]);
    const dev1 = response.clusters[0];
    expect(dev1).toMatchObject({
      environment: 'dev',
      clusterSets: ['managed'],
      availability: 'available',
      placements: ['argocd/managed-gitops-placement'],
      kubernetesVersion: 'v1.30.4',
      allocatable: { cpu: 8, memory: 16 * 2 ** 30, kvm: 1000 },
      argocdConnection: { status: 'Successful', instance: 'main' },
      virtualizationStack: [
        { name: 'dev-1-kubevirt-hyperconverged', health: 'Degraded' },
      ],
      // ArgoCD 3.x style Applications (no inline resource health): the
      // counts are ArgoCD's words, and say they are approximate.
      vmCounts: { Healthy: 1, Degraded: 1 },
      approximateVmCounts: { Healthy: 1, Degraded: 1 },
    });
    expect(response.clusters[1]).toMatchObject({
      name: 'dev-2',
      availability: 'unreachable',
      availabilityReason: 'ManagedClusterLeaseUpdateStopped',
      argocdConnection: { status: 'NotRegistered' },
      vmCounts: { Unknown: 1 },
    });
    expect(response.clusters[3]).toMatchObject({
      argocdConnection: { status: 'Failed', message: 'dial tcp: i/o timeout' },
      vmCounts: { Suspended: 1 },
      approximateVmCounts: { Suspended: 1 },
    });
  });

  it('totals per environment, clusters without one last', () => {
    const { totals } = buildFleetResponse(
      indexOf(snapshotOf([hub], [argo])),
      viewOptions,
    );
    expect(totals.map(total => [total.environment, total.clusters])).toEqual([
      ['dev', 2],
      ['prod', 1],
      ['(none)', 1],
    ]);
    expect(totals[0]).toMatchObject({
      byAvailability: { available: 1, unreachable: 1 },
      allocatable: { cpu: 16 },
      vmCounts: { Healthy: 1, Degraded: 1, Unknown: 1 },
      approximateVmCounts: { Healthy: 1, Degraded: 1 },
    });
  });

  it('filters one cluster set', () => {
    const response = buildFleetResponse(indexOf(snapshotOf([hub], [argo])), {
      ...viewOptions,
      clusterSet: 'lab',
    });
    expect(response.clusters.map(cluster => cluster.name)).toEqual(['lab-1']);
  });

  it('shows only the configured cluster sets of a hub', () => {
    const index = indexOf(snapshotOf([hub], [argo]), {
      hubClusterSets: new Map([['hub', ['managed']]]),
    });
    expect([...index.clusters.keys()]).toEqual(['dev-1', 'dev-2', 'prod-1']);
    expect([...index.clusterSets]).toEqual(['managed']);
  });

  it('marks ArgoCD connection Unknown when no instance answered, and reports the failure', () => {
    const snapshot = snapshotOf([hub], []);
    snapshot.argocd.push({
      source: 'argocd:main',
      error: 'argocd:main answered 503 when listing Applications',
      attemptedAt: FETCHED_AT,
    });
    const response = buildFleetResponse(indexOf(snapshot), viewOptions);
    expect(response.clusters[0].argocdConnection.status).toBe('Unknown');
    expect(response.errors).toEqual([
      {
        source: 'argocd:main',
        kind: 'unavailable',
        message:
          'argocd:main answered 503 when listing Applications (no data yet)',
      },
    ]);
  });

  it('uses the environments clusterSelector before the env label', () => {
    const index = indexOf(snapshotOf([hub], [argo]), {
      environments: [testEnvironment('staging', { name: 'dev-1' })],
    });
    expect(index.clusters.get('dev-1')?.environment).toBe('staging');
    expect(index.clusters.get('dev-2')?.environment).toBe('dev');
  });
});

describe('buildEnvironmentsResponse', () => {
  const gitops: GitopsConfig = {
    repoUrl: 'https://github.com/demo-org/gitops-demo',
    baseBranch: 'main',
    adoptedRepositories: [],
    layout: 'per-vm-applicationset',
    environments: [
      testEnvironment('dev'),
      { ...testEnvironment('prod'), title: 'Production' },
    ],
    images: [],
  };

  it('lists clusters, available count and free capacity per environment', () => {
    const response = buildEnvironmentsResponse(
      indexOf(snapshotOf([hub], [argo])),
      gitops,
      FETCHED_AT,
    );
    expect(response.environments).toEqual([
      {
        name: 'dev',
        title: 'dev',
        clusters: [
          { name: 'dev-1', availability: 'available', selectable: true },
          { name: 'dev-2', availability: 'unreachable', selectable: false },
        ],
        availableClusters: 1,
        freeCapacity: { cpu: 8, memory: 16 * 2 ** 30 },
        limits: gitops.environments[0].limits,
      },
      expect.objectContaining({
        name: 'prod',
        title: 'Production',
        availableClusters: 1,
      }),
    ]);
    expect(response.errors).toEqual([]);
  });

  it('says when no gitops configuration exists', () => {
    const response = buildEnvironmentsResponse(
      indexOf(snapshotOf([hub], [argo])),
      undefined,
      FETCHED_AT,
    );
    expect(response.environments).toEqual([]);
    expect(response.errors[0].message).toContain(
      'kubevirtGitops.gitops is not configured',
    );
  });
});

describe('createFleetViews', () => {
  function views() {
    let snapshot: FleetSnapshot = snapshotOf([hub], [argo]);
    let now = Date.parse(FETCHED_AT);
    const fleetViews = createFleetViews({
      snapshots: {
        refresh: async () => undefined,
        getSnapshot: async () => snapshot,
      },
      config: {
        hubs: [],
        refresh: {
          fleetIntervalMs: 30_000,
          detailTtlMs: 15_000,
          pullRequestTtlMs: 60_000,
          maxSnapshotPartBytes: 32 * 1024 * 1024,
          watch: false,
          watchSafetyNetMs: 300_000,
          liveRecheckMs: { pending: 2000, settled: 10_000 },
          requestCheckMs: 1000,
        },
        virtualizationStackPattern: viewOptions.virtualizationStackPattern,
      },
      now: () => now,
    });
    return {
      fleetViews,
      publish(version: string) {
        snapshot = { ...snapshot, version };
      },
      advance(ms: number) {
        now += ms;
      },
    };
  }

  it('serializes and compresses /fleet once per snapshot version', async () => {
    const { fleetViews, publish } = views();
    const first = await fleetViews.fleet();
    const again = await fleetViews.fleet();
    expect(again).toBe(first);
    expect(await again.gzipped()).toBe(await first.gzipped());
    expect(await fleetViews.fleet('managed')).not.toBe(first);
    expect(await fleetViews.fleet('managed')).toBe(
      await fleetViews.fleet('managed'),
    );

    publish('next');
    const next = await fleetViews.fleet();
    expect(next).not.toBe(first);
    // Same content, so the same entity tag: clients keep their 304s.
    expect(next.etag).toBe(first.etag);
  });

  it('rebuilds a memo older than a minute even without a new snapshot', async () => {
    const { fleetViews, advance } = views();
    const first = await fleetViews.fleet();
    advance(30_000);
    expect(await fleetViews.fleet()).toBe(first);
    advance(31_000);
    expect(await fleetViews.fleet()).not.toBe(first);
  });
});

describe('label selectors', () => {
  it.each([
    ['kubevirt-gitops.io/vm=web', { 'kubevirt-gitops.io/vm': 'web' }, true],
    ['kubevirt-gitops.io/vm==web', { 'kubevirt-gitops.io/vm': 'db' }, false],
    ['env in (dev, prod),tier!=db', { env: 'prod', tier: 'web' }, true],
    ['env notin (prod)', { env: 'prod' }, false],
    ['team', { team: 'a' }, true],
    ['!team', { team: 'a' }, false],
  ])('%s against %j is %s', (selector, labels, expected) => {
    expect(matchesRequirements(parseLabelSelector(selector), labels)).toBe(
      expected,
    );
  });

  it('names a term it cannot read', () => {
    expect(() => parseLabelSelector('a=b,=c')).toThrow(
      '"=c" is not a label selector term',
    );
  });
});
