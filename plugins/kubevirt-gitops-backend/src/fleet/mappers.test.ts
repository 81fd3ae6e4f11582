import {
  application,
  argoCluster,
  managedCluster,
  managedClusterSet,
  placementWithDecision,
} from '../__testUtils__/fixtures';
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
      taints: [],
      hub: false,
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

  // Issue 18 point 6: spec.hubAcceptsClient and metadata.deletionTimestamp
  // (ManagedCluster CRD, open-cluster-management-io/api cluster/v1).
  it('reads spec.hubAcceptsClient for a cluster without status, and a deletion timestamp', () => {
    const fresh = managedCluster({ name: 'new-1' });
    const { status: _none, ...withoutStatus } = fresh;
    expect(mapManagedCluster(withoutStatus)).toMatchObject({
      availability: 'not-joined',
      availabilityMessage: expect.stringContaining('hubAcceptsClient: true'),
    });
    const going = managedCluster({ name: 'old-1' });
    expect(
      mapManagedCluster({
        ...going,
        metadata: {
          ...going.metadata,
          deletionTimestamp: '2025-03-01T09:00:00Z',
        },
      })?.availability,
    ).toBe('deleting');
  });

  it('skips objects without a name and omits unreported resources', () => {
    expect(mapManagedCluster({ metadata: {} })).toBeUndefined();
    expect(mapResources({ cpu: 'lots', memory: '1Gi' })).toEqual({
      memory: 2 ** 30,
    });
  });

  it('reads an ACM-style ManagedCluster: millicores, Ki memory, device counts, a vendor Kubernetes version', () => {
    const cluster = managedCluster({
      name: 'metal-1',
      kubeVersion: 'v1.29.8+f10c92d',
    });
    cluster.status.capacity = {
      cpu: '1152',
      memory: '7505192052Ki',
      'devices.kubevirt.io/kvm': '25036',
      'devices.kubevirt.io/tun': '28k',
      'hugepages-1Gi': '0',
      pods: '7750',
    };
    cluster.status.allocatable = {
      cpu: '1136500m',
      memory: '7469511796Ki',
      'devices.kubevirt.io/kvm': '21036',
      'ephemeral-storage': '11346483746883',
      pods: '7750',
    };
    expect(mapManagedCluster(cluster)).toMatchObject({
      name: 'metal-1',
      availability: 'available',
      kubernetesVersion: 'v1.29.8+f10c92d',
      capacity: { cpu: 1152, memory: 7505192052 * 1024, kvm: 25036 },
      allocatable: { cpu: 1136.5, memory: 7469511796 * 1024, kvm: 21036 },
    });
  });

  it('reads an offline cluster (Available False, ManagedClusterUnavailable)', () => {
    const cluster = managedCluster({ name: 'metal-2' });
    cluster.status.conditions = cluster.status.conditions.map(condition =>
      condition.type === 'ManagedClusterConditionAvailable'
        ? {
            ...condition,
            status: 'False',
            reason: 'ManagedClusterUnavailable',
            message: 'Managed cluster is unavailable',
          }
        : condition,
    );
    expect(mapManagedCluster(cluster)).toMatchObject({
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

  // Issue 18 point 7. Shape from argo-cd manifests/crds/application-crd.yaml:
  // spec.sources[] (repoURL, path, ref) and status.sync.revisions ("the
  // revision of each source", same order); status.sync.revision is absent.
  it('keeps the revisions of a multi-source Application, the manifests source first', () => {
    const raw = application({ vm: 'web', cluster: 'dev-1' });
    const { source, ...spec } = raw.spec;
    const multi = {
      ...raw,
      spec: {
        ...spec,
        sources: [
          {
            repoURL: 'https://github.com/demo-org/values.git',
            targetRevision: 'main',
            ref: 'values',
          },
          { ...source, targetRevision: 'main' },
        ],
      },
      status: {
        ...raw.status,
        sync: {
          status: 'Synced',
          revisions: ['1111111aaaaaaa', '2222222bbbbbbb'],
        },
      },
    };
    expect(mapApplication(multi, byServer)?.sync).toEqual({
      status: 'Synced',
      revision: '2222222bbbbbbb',
      sources: [
        {
          repoURL: 'https://github.com/demo-org/values.git',
          ref: 'values',
          revision: '1111111aaaaaaa',
        },
        {
          repoURL: 'https://github.com/demo-org/gitops-demo.git',
          path: 'applicationsets/vms/web/kustomize/dev',
          revision: '2222222bbbbbbb',
        },
      ],
    });
  });

  it('reads an ArgoCD 2.x Application with inline resource health', () => {
    const app = mapApplication(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'legacy-vm', namespace: 'argocd' },
        spec: {
          project: 'default',
          source: { repoURL: 'https://git.test/vms.git', path: 'legacy' },
          destination: {
            server: 'https://kubernetes.default.svc',
            namespace: 'vms',
          },
        },
        status: {
          resources: [
            {
              version: 'v1',
              kind: 'Service',
              namespace: 'vms',
              name: 'legacy-ssh',
              status: 'Synced',
              health: { status: 'Healthy' },
            },
            {
              group: 'kubevirt.io',
              version: 'v1',
              kind: 'VirtualMachine',
              namespace: 'vms',
              name: 'legacy',
              status: 'Synced',
              health: { status: 'Suspended', message: 'Stopped' },
            },
          ],
          sync: { status: 'Synced', revision: '53e28ff2' },
          health: { status: 'Suspended' },
        },
      },
      new Map(),
    );
    expect(app).toMatchObject({
      name: 'legacy-vm',
      sync: { status: 'Synced', revision: '53e28ff2' },
      health: { status: 'Suspended' },
      resources: [
        {
          group: 'kubevirt.io',
          kind: 'VirtualMachine',
          name: 'legacy',
          health: { status: 'Suspended', message: 'Stopped' },
        },
      ],
    });
    expect(app?.resources).toHaveLength(1);
    expect(app?.cluster).toBeUndefined();
  });
});
