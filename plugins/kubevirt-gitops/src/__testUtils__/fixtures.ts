import type { Entity } from '@backstage/catalog-model';
import {
  deriveVmState,
  type EnvironmentSummary,
  type EnvironmentsResponse,
  type FleetCluster,
  type FleetResponse,
  type VmClusterRow,
  type VmPullRequest,
  type VmStateInput,
  type VmStatusResponse,
  type VmTimelineRequest,
} from '@internal/plugin-kubevirt-gitops-common';

export const GENERATED_AT = '2025-11-24T10:00:00.000Z';

/** The backend path of the status of `vmEntity` (relative to BACKEND). */
export const VM_STATUS_PATH = '/entities/default/resource/demo-vm/vms';

export const vmEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'demo-vm',
    namespace: 'default',
    annotations: { 'kubevirt-gitops.io/vm-name': 'demo-vm' },
  },
  spec: { type: 'virtual-machine', owner: 'group:default/team-a' },
};

export const plainEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'web-shop', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/team-a',
    lifecycle: 'production',
  },
};

export const clusterSetEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'platform',
    namespace: 'default',
    annotations: { 'kubevirt-gitops.io/cluster-set': 'dev-clusters' },
  },
  spec: { owner: 'group:default/team-a' },
};

/** A row for one cluster; `state` inputs go through the real derivation. */
export function makeRow(
  cluster: string,
  environment: string,
  state: Partial<VmStateInput> = {},
  overrides: Partial<VmClusterRow> = {},
): VmClusterRow {
  const input: VmStateInput = {
    existsOnCluster: true,
    runStrategy: 'Always',
    printableStatus: 'Running',
    syncStatus: 'Synced',
    inGit: true,
    ...state,
  };
  return {
    cluster,
    environment,
    vmName: `${environment}-demo-vm`,
    namespace: 'vms',
    clusterAvailability: 'available',
    argocd: {
      instance: 'main',
      application: `demo-vm-${cluster}`,
      namespace: 'argocd',
      uiUrl: `https://argocd.example.com/applications/argocd/demo-vm-${cluster}`,
    },
    sync: { status: input.syncStatus ?? 'Synced', revision: 'abc1234def' },
    health: { status: 'Healthy' },
    desiredRunStrategy: 'Always',
    printableStatus: input.printableStatus,
    derived: deriveVmState(input),
    conditions: [],
    vmi: input.existsOnCluster
      ? {
          phase: 'Running',
          node: `${cluster}-node-1`,
          ipAddresses: ['10.0.0.5', '10.0.0.6'],
        }
      : { ipAddresses: [] },
    dataVolumes: [],
    lastSyncedAt: '2025-11-24T09:58:00.000Z',
    ...overrides,
  };
}

export function makePullRequest(
  number: number,
  overrides: Partial<VmPullRequest> = {},
): VmPullRequest {
  return {
    number,
    title: 'Resize demo-vm to u1.large',
    url: `https://github.com/acme/vm-gitops/pull/${number}`,
    operation: 'resize',
    author: 'alice',
    createdAt: '2025-11-24T09:00:00.000Z',
    labels: ['vm/resize'],
    ...overrides,
  };
}

export function makeStatus(
  overrides: Partial<VmStatusResponse> = {},
): VmStatusResponse {
  return {
    entityRef: 'resource:default/demo-vm',
    vmName: 'demo-vm',
    rows: [
      makeRow('dev-1', 'dev'),
      makeRow('dev-2', 'dev', {
        runStrategy: 'Halted',
        printableStatus: 'Stopped',
      }),
      makeRow('prod-1', 'prod', { printableStatus: 'ErrorUnschedulable' }),
    ],
    applicationSets: [],
    pullRequests: [],
    errors: [],
    generatedAt: GENERATED_AT,
    ...overrides,
  };
}

/** `count` rows spread over three environments, for the benchmark and big-table tests. */
export function makeManyRows(count: number): VmClusterRow[] {
  const environments = ['dev', 'staging', 'prod'];
  const printable = [
    'Running',
    'Running',
    'Running',
    'Stopped',
    'Starting',
    'ErrorUnschedulable',
  ];
  return Array.from({ length: count }, (_, index) => {
    const environment = environments[index % environments.length];
    const name = `${environment}-${String(index).padStart(3, '0')}`;
    const status = printable[index % printable.length];
    return makeRow(name, environment, {
      printableStatus: status,
      runStrategy: status === 'Stopped' ? 'Halted' : 'Always',
    });
  });
}

export function makeFleetCluster(
  name: string,
  environment: string,
  overrides: Partial<FleetCluster> = {},
): FleetCluster {
  return {
    name,
    environment,
    clusterSets: ['dev-clusters'],
    availability: 'available',
    placements: ['argocd/vms'],
    kubernetesVersion: 'v1.31.2',
    claims: {},
    capacity: { cpu: 64, memory: 256 * 1024 ** 3, kvm: 110 },
    allocatable: { cpu: 48, memory: 192 * 1024 ** 3, kvm: 110 },
    taints: [],
    argocdConnection: { status: 'Successful', instance: 'main' },
    virtualizationStack: [
      { name: 'kubevirt', health: 'Healthy' },
      { name: 'cdi', health: 'Healthy' },
    ],
    vmCounts: { Running: 3, Stopped: 1 },
    approximateVmCounts: {},
    ...overrides,
  };
}

export function makeFleet(
  overrides: Partial<FleetResponse> = {},
): FleetResponse {
  return {
    clusters: [
      makeFleetCluster('dev-1', 'dev'),
      makeFleetCluster('dev-2', 'dev', { vmCounts: { Running: 1, Error: 2 } }),
      makeFleetCluster('prod-1', 'prod', {
        availability: 'unreachable',
        availabilityReason: 'ManagedClusterLeaseUpdateStopped',
        argocdConnection: {
          status: 'Failed',
          instance: 'main',
          message: 'dial tcp: i/o timeout',
        },
        virtualizationStack: [{ name: 'kubevirt', health: 'Degraded' }],
        vmCounts: {},
      }),
    ],
    totals: [
      {
        environment: 'dev',
        clusters: 2,
        byAvailability: { available: 2 },
        allocatable: { cpu: 96, memory: 384 * 1024 ** 3 },
        vmCounts: { Running: 4, Stopped: 1, Error: 2 },
        approximateVmCounts: {},
      },
      {
        environment: 'prod',
        clusters: 1,
        byAvailability: { unreachable: 1 },
        allocatable: { cpu: 48, memory: 192 * 1024 ** 3 },
        vmCounts: {},
        approximateVmCounts: {},
      },
    ],
    placements: [],
    errors: [],
    generatedAt: GENERATED_AT,
    ...overrides,
  };
}

export function makeEnvironment(
  name: string,
  overrides: Partial<EnvironmentSummary> = {},
): EnvironmentSummary {
  return {
    name,
    title: name === 'dev' ? 'Development' : 'Production',
    clusters: [
      { name: `${name}-1`, availability: 'available' },
      { name: `${name}-2`, availability: 'available' },
    ],
    availableClusters: 2,
    freeCapacity: { cpu: 48, memory: 192 * 1024 ** 3 },
    limits: { maxVcpus: 8, maxMemory: '32Gi', maxRootDisk: '200Gi' },
    ...overrides,
  };
}

export function makeEnvironments(): EnvironmentsResponse {
  return {
    environments: [
      makeEnvironment('dev'),
      makeEnvironment('prod', {
        clusters: [{ name: 'prod-1', availability: 'unreachable' }],
        availableClusters: 0,
        freeCapacity: { cpu: 0, memory: 0 },
      }),
    ],
    errors: [],
    generatedAt: GENERATED_AT,
  };
}

/** A VM request as the timeline route answers it: merged, synced on both dev clusters, Running on one. */
export function makeTimelineRequest(
  overrides: Partial<VmTimelineRequest> = {},
): VmTimelineRequest {
  return {
    pullRequest: {
      number: 7,
      url: 'https://github.com/demo-org/gitops-demo/pull/7',
      title: 'Request VM demo-vm',
      repo: 'demo-org/gitops-demo',
    },
    operation: 'create',
    requester: 'user:default/guest',
    clusters: ['dev-cluster-1', 'dev-cluster-2'],
    declaredState: 'Running',
    steps: [
      { step: 'opened', at: '2025-11-24T10:00:00Z' },
      { step: 'merged', at: '2025-11-24T10:05:00Z' },
      { step: 'synced', at: '2025-11-24T10:05:20Z', cluster: 'dev-cluster-1' },
      { step: 'synced', at: '2025-11-24T10:05:25Z', cluster: 'dev-cluster-2' },
      {
        step: 'reached',
        at: '2025-11-24T10:06:00Z',
        cluster: 'dev-cluster-1',
        detail: 'Running',
      },
    ],
    ...overrides,
  };
}
