import type { KubeObject, ObjectStore } from '../../contracts';

export interface TestCluster {
  name: string;
  env: string;
  available?: 'True' | 'False' | 'Unknown';
  /** `status.allocatable.memory`, e.g. "3Gi". */
  allocatableMemory?: string;
}

const PLACEMENT = 'managed-gitops-placement';

/** A ManagedCluster as an OCM hub reports it. */
export function managedCluster(cluster: TestCluster): KubeObject {
  const available = cluster.available ?? 'True';
  const reasons = {
    True: ['ManagedClusterAvailable', 'Managed cluster is available'],
    False: [
      'ManagedClusterKubeAPIServerUnavailable',
      'The kube-apiserver is not ok',
    ],
    Unknown: [
      'ManagedClusterLeaseUpdateStopped',
      'Registration agent stopped updating its lease.',
    ],
  } as const;
  return {
    apiVersion: 'cluster.open-cluster-management.io/v1',
    kind: 'ManagedCluster',
    metadata: {
      name: cluster.name,
      labels: {
        env: cluster.env,
        name: cluster.name,
        'cluster.open-cluster-management.io/clusterset': 'managed',
      },
    },
    spec: { hubAcceptsClient: true, leaseDurationSeconds: 60 },
    status: {
      conditions: [
        {
          type: 'HubAcceptedManagedCluster',
          status: 'True',
          reason: 'HubClusterAdminAccepted',
          message: 'Accepted by hub cluster admin',
          lastTransitionTime: '2025-01-01T00:00:00Z',
        },
        {
          type: 'ManagedClusterJoined',
          status: 'True',
          reason: 'ManagedClusterJoined',
          message: 'Managed cluster joined',
          lastTransitionTime: '2025-01-01T00:00:00Z',
        },
        {
          type: 'ManagedClusterConditionAvailable',
          status: available,
          reason: reasons[available][0],
          message: reasons[available][1],
          lastTransitionTime: '2025-01-01T00:00:00Z',
        },
      ],
      allocatable: {
        cpu: '63500m',
        memory: cluster.allocatableMemory ?? '256Gi',
        pods: '250',
      },
      capacity: {
        cpu: '64',
        memory: cluster.allocatableMemory ?? '256Gi',
        pods: '250',
      },
      version: { kubernetes: 'v1.30.4' },
    },
  };
}

/** Writes a hub with a Placement, its PlacementDecision and a GitOpsCluster for `namespace`. */
export function seedHub(
  store: ObjectStore,
  namespace: string,
  clusters: readonly TestCluster[],
): void {
  for (const cluster of clusters) store.upsert(managedCluster(cluster));
  store.upsert({
    apiVersion: 'cluster.open-cluster-management.io/v1beta1',
    kind: 'Placement',
    metadata: { name: PLACEMENT, namespace },
    spec: { clusterSets: ['managed'] },
  });
  setDecisions(
    store,
    namespace,
    clusters.map(c => c.name),
  );
  store.upsert({
    apiVersion: 'apps.open-cluster-management.io/v1beta1',
    kind: 'GitOpsCluster',
    metadata: { name: 'managed-gitops-cluster', namespace },
    spec: {
      argoServer: { cluster: 'local-cluster', argoNamespace: namespace },
      placementRef: {
        apiVersion: 'cluster.open-cluster-management.io/v1beta1',
        kind: 'Placement',
        name: PLACEMENT,
      },
    },
  });
}

/** Sets which clusters the placement decided on. */
export function setDecisions(
  store: ObjectStore,
  namespace: string,
  clusterNames: readonly string[],
): void {
  store.upsert({
    apiVersion: 'cluster.open-cluster-management.io/v1beta1',
    kind: 'PlacementDecision',
    metadata: {
      name: `${PLACEMENT}-decision-1`,
      namespace,
      labels: { 'cluster.open-cluster-management.io/placement': PLACEMENT },
    },
    status: {
      decisions: clusterNames.map(clusterName => ({ clusterName, reason: '' })),
    },
  });
}

/** Changes a ManagedCluster's availability. */
export function setAvailability(
  store: ObjectStore,
  cluster: TestCluster,
  available: 'True' | 'False' | 'Unknown',
): void {
  store.upsert(managedCluster({ ...cluster, available }));
}
