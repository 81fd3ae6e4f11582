import {
  application,
  argoCluster,
  managedCluster,
  managedClusterSet,
  placementWithDecision,
} from '../__testUtils__/fixtures';
import { readReferenceJson } from '../__testUtils__/reference';
import { mapApplication, mapArgoCluster } from './mapArgoObjects';
import {
  mapManagedCluster,
  mapManagedClusterSet,
  mapPlacements,
  mapResources,
} from './mapHubObjects';

describe('mapManagedCluster', () => {
  it('reads availability, version, claims and resources', () => {
    const cluster = mapManagedCluster(
      managedCluster({
        name: 'dev-1',
        env: 'dev',
        cpu: '63500m',
        memory: '4Gi',
        kvm: '1k',
      }),
    );
    expect(cluster).toEqual({
      name: 'dev-1',
      labels: expect.objectContaining({ env: 'dev' }),
      availability: 'available',
      availabilityReason: 'ManagedClusterAvailable',
      availabilityMessage: 'Managed cluster is available',
      kubernetesVersion: 'v1.30.4',
      claims: {
        'id.k8s.io': 'dev-1',
        'platform.open-cluster-management.io': 'BareMetal',
      },
      capacity: { cpu: 63.5, memory: 4 * 2 ** 30, kvm: 1000 },
      allocatable: { cpu: 63.5, memory: 4 * 2 ** 30, kvm: 1000 },
    });
  });

  it.each([
    ['False', 'unavailable', 'ManagedClusterKubeAPIServerUnavailable'],
    ['Unknown', 'unreachable', 'ManagedClusterLeaseUpdateStopped'],
    ['absent', 'unreachable', undefined],
  ] as const)('maps Available=%s to %s', (status, availability, reason) => {
    const cluster = mapManagedCluster(
      managedCluster({ name: 'c', availability: status }),
    );
    expect(cluster?.availability).toBe(availability);
    expect(cluster?.availabilityReason).toBe(reason);
  });

  it('sees a cluster the hub has not accepted', () => {
    expect(
      mapManagedCluster(managedCluster({ name: 'c', accepted: false }))
        ?.availability,
    ).toBe('awaiting-acceptance');
  });

  it('skips objects without a name and omits unreported resources', () => {
    expect(mapManagedCluster({ metadata: {} })).toBeUndefined();
    expect(mapResources({ cpu: 'lots', memory: '1Gi' })).toEqual({
      memory: 2 ** 30,
    });
  });

  it('reads recorded ManagedCluster objects from a real ACM hub (contract)', () => {
    const folder = [
      'recorded',
      'ocm',
      'backstage-community-plugins-ocm-backend-fixtures',
      'managedclusters',
    ];
    const online = readReferenceJson(...folder, 'cluster1.json');
    const offline = readReferenceJson(...folder, 'offline-cluster.json');
    if (online === undefined || offline === undefined) return;
    expect(mapManagedCluster(online)).toMatchObject({
      name: 'cluster1',
      availability: 'available',
      kubernetesVersion: 'v1.22.3+fdba464',
      capacity: { cpu: 1152, kvm: 25036 },
      allocatable: { cpu: 1136.5, kvm: 21036 },
    });
    expect(mapManagedCluster(offline)).toMatchObject({
      availability: 'unavailable',
      availabilityReason: 'ManagedClusterUnavailable',
    });
  });
});

describe('mapManagedClusterSet', () => {
  it('reads exclusive and label-selector sets', () => {
    expect(mapManagedClusterSet(managedClusterSet('managed'))).toEqual({
      name: 'managed',
      selector: { type: 'ExclusiveClusterSetLabel' },
    });
    expect(
      mapManagedClusterSet({
        metadata: { name: 'global' },
        spec: {
          clusterSelector: {
            selectorType: 'LabelSelector',
            labelSelector: {
              matchLabels: { vendor: 'OpenShift' },
              matchExpressions: [
                { key: 'env', operator: 'In', values: ['dev'] },
                { key: 'x', operator: 'Bogus', values: [] },
              ],
            },
          },
        },
      }),
    ).toEqual({
      name: 'global',
      selector: {
        type: 'LabelSelector',
        matchLabels: { vendor: 'OpenShift' },
        matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }],
      },
    });
  });
});

describe('mapPlacements', () => {
  it('joins decisions to their placements by label', () => {
    const a = placementWithDecision('gitops', 'argocd', ['c2', 'c1']);
    const b = placementWithDecision('empty', 'argocd', []);
    expect(
      mapPlacements([a.placement, b.placement], [a.decision, b.decision]),
    ).toEqual([
      { namespace: 'argocd', name: 'empty', clusters: [] },
      { namespace: 'argocd', name: 'gitops', clusters: ['c1', 'c2'] },
    ]);
  });
});

describe('mapArgoCluster', () => {
  it('reads the connection state from info (and the deprecated field)', () => {
    expect(mapArgoCluster(argoCluster('dev-1', 'Failed'))).toEqual({
      name: 'dev-1',
      server: 'https://dev-1.clusters.test:6443',
      connection: 'Failed',
      message: 'dial tcp: i/o timeout',
    });
    expect(
      mapArgoCluster({
        name: 'x',
        server: 'https://x',
        connectionState: { status: 'Successful' },
      }),
    ).toMatchObject({ connection: 'Successful' });
    expect(mapArgoCluster({ name: 'x', server: 'https://x' })?.connection).toBe(
      'Unknown',
    );
  });
});

describe('mapApplication', () => {
  const byServer = new Map([['https://dev-1.clusters.test:6443', 'dev-1']]);

  it('resolves the destination cluster and keeps only VM resources', () => {
    const raw = application({ vm: 'web', cluster: 'dev-1' });
    raw.status.resources.push({
      group: '',
      version: 'v1',
      kind: 'Service',
      namespace: 'vms',
      name: 'web',
      status: 'Synced',
    });
    expect(mapApplication(raw, byServer)).toEqual({
      name: 'dev-1-web',
      namespace: 'argocd',
      labels: {
        'kubevirt-gitops.io/vm': 'web',
        'kubevirt-gitops.io/env': 'dev',
        'kubevirt-gitops.io/cluster': 'dev-1',
      },
      applicationSet: 'web',
      cluster: 'dev-1',
      destinationNamespace: 'vms',
      sync: { status: 'Synced', revision: 'abc123' },
      health: { status: 'Healthy' },
      lastSyncedAt: '2025-03-01T10:00:05Z',
      resources: [
        {
          group: 'kubevirt.io',
          version: 'v1',
          kind: 'VirtualMachine',
          namespace: 'vms',
          name: 'dev-web',
          status: 'Synced',
        },
      ],
    });
  });

  it('falls back to the cluster label and reports a failed operation', () => {
    const raw = application({ vm: 'web', cluster: 'dev-2' });
    raw.status.operationState.phase = 'Failed';
    raw.status.operationState.message = 'one or more objects failed to apply';
    const app = mapApplication(raw, new Map());
    expect(app?.cluster).toBe('dev-2');
    expect(app?.message).toBe('one or more objects failed to apply');
  });

  it('reads a recorded ArgoCD 2.x Application with inline resource health (contract)', () => {
    const recorded = readReferenceJson(
      'recorded',
      'argocd',
      'roadie-backstage-plugins-e2e-fixtures',
      'applications-test-app.json',
    );
    if (recorded === undefined) return;
    const app = mapApplication(recorded, new Map());
    expect(app?.name).toBe('test-app');
    expect(app?.sync.status).toMatch(/Synced|OutOfSync/);
    expect(app?.health.status).toMatch(
      /Healthy|Progressing|Degraded|Missing|Suspended|Unknown/,
    );
  });
});
