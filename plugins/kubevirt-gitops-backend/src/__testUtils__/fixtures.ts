/*
 * Test fixtures in the upstream wire formats (shaped after the reference
 * material: OCM ManagedCluster, ArgoCD Application, cluster and resource
 * tree, KubeVirt objects). Builders, so each test says what differs.
 */
import {
  CLUSTER_LABEL,
  ENV_LABEL,
  VM_LABEL,
} from '@internal/plugin-kubevirt-gitops-common';

export const ARGO_URL = 'https://argocd.test';
export const ARGO_TOKEN = 'argo-test-token-0f3c9a';
export const HUB_URL = 'https://hub.test:6443';
export const HUB_TOKEN = 'hub-test-token-77d1e2';
export const GITHUB_API = 'https://api.github.test';
export const GITHUB_TOKEN = 'ghp-test-token-5a6b7c';

export type AvailabilityStatus = 'True' | 'False' | 'Unknown' | 'absent';

/** A ManagedCluster as the hub's API returns it. */
export function managedCluster(options: {
  name: string;
  env?: string;
  clusterSet?: string;
  availability?: AvailabilityStatus;
  accepted?: boolean;
  cpu?: string;
  memory?: string;
  kvm?: string;
  kubeVersion?: string;
}) {
  const availability = options.availability ?? 'True';
  const conditions: Array<Record<string, string>> = [
    {
      type: 'HubAcceptedManagedCluster',
      status: options.accepted === false ? 'False' : 'True',
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
  ];
  if (availability !== 'absent') {
    conditions.push({
      type: 'ManagedClusterConditionAvailable',
      status: availability,
      reason: {
        True: 'ManagedClusterAvailable',
        False: 'ManagedClusterKubeAPIServerUnavailable',
        Unknown: 'ManagedClusterLeaseUpdateStopped',
      }[availability],
      message:
        availability === 'True'
          ? 'Managed cluster is available'
          : 'Registration agent stopped updating its lease.',
      lastTransitionTime: '2025-01-02T00:00:00Z',
    });
  }
  const resources: Record<string, string> = {
    cpu: options.cpu ?? '64',
    memory: options.memory ?? '256Gi',
    pods: '250',
  };
  const kvm = options.kvm ?? '1k';
  if (kvm) resources['devices.kubevirt.io/kvm'] = kvm;
  return {
    apiVersion: 'cluster.open-cluster-management.io/v1',
    kind: 'ManagedCluster',
    metadata: {
      name: options.name,
      labels: {
        name: options.name,
        ...(options.env ? { env: options.env } : {}),
        'cluster.open-cluster-management.io/clusterset':
          options.clusterSet ?? 'managed',
      },
    },
    spec: {
      hubAcceptsClient: options.accepted !== false,
      leaseDurationSeconds: 60,
    },
    status: {
      conditions,
      capacity: resources,
      allocatable: resources,
      version: { kubernetes: options.kubeVersion ?? 'v1.30.4' },
      clusterClaims: [
        { name: 'id.k8s.io', value: options.name },
        { name: 'platform.open-cluster-management.io', value: 'BareMetal' },
      ],
    },
  };
}

/** A ManagedClusterSet (v1beta2). */
export function managedClusterSet(name: string) {
  return {
    apiVersion: 'cluster.open-cluster-management.io/v1beta2',
    kind: 'ManagedClusterSet',
    metadata: { name },
    spec: { clusterSelector: { selectorType: 'ExclusiveClusterSetLabel' } },
  };
}

/** A Placement and its PlacementDecision. */
export function placementWithDecision(
  name: string,
  namespace: string,
  clusters: string[],
) {
  return {
    placement: {
      apiVersion: 'cluster.open-cluster-management.io/v1beta1',
      kind: 'Placement',
      metadata: { name, namespace },
      spec: { clusterSets: ['managed'] },
    },
    decision: {
      apiVersion: 'cluster.open-cluster-management.io/v1beta1',
      kind: 'PlacementDecision',
      metadata: {
        name: `${name}-decision-1`,
        namespace,
        labels: { 'cluster.open-cluster-management.io/placement': name },
      },
      status: {
        decisions: clusters.map(clusterName => ({ clusterName, reason: '' })),
      },
    },
  };
}

/** An ArgoCD cluster (`GET /api/v1/clusters` item). */
export function argoCluster(name: string, connection = 'Successful') {
  return {
    name,
    server: `https://${name}.clusters.test:6443`,
    info: {
      connectionState: {
        status: connection,
        message: connection === 'Successful' ? '' : 'dial tcp: i/o timeout',
      },
    },
    labels: { env: name.startsWith('prod') ? 'prod' : 'dev' },
  };
}

/** An ArgoCD Application generated for one VM on one cluster. */
export function application(options: {
  vm: string;
  cluster: string;
  env?: string;
  sync?: string;
  health?: string;
  applicationSet?: string;
  labels?: boolean;
  vmInGit?: boolean;
  name?: string;
}) {
  const env =
    options.env ?? (options.cluster.startsWith('prod') ? 'prod' : 'dev');
  const name = options.name ?? `${options.cluster}-${options.vm}`;
  const labels: Record<string, string> =
    options.labels === false
      ? {}
      : {
          [VM_LABEL]: options.vm,
          [ENV_LABEL]: env,
          [CLUSTER_LABEL]: options.cluster,
        };
  return {
    metadata: {
      name,
      namespace: 'argocd',
      labels,
      ownerReferences: [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'ApplicationSet',
          name: options.applicationSet ?? options.vm,
          uid: 'u1',
        },
      ],
    },
    spec: {
      project: 'default',
      source: {
        repoURL: 'https://github.com/demo-org/gitops-demo.git',
        path: `applicationsets/vms/${options.vm}/kustomize/${env}`,
        targetRevision: 'HEAD',
      },
      destination: {
        server: `https://${options.cluster}.clusters.test:6443`,
        namespace: 'vms',
      },
    },
    status: {
      sync: { status: options.sync ?? 'Synced', revision: 'abc123' },
      health: { status: options.health ?? 'Healthy' },
      resources:
        options.vmInGit === false
          ? []
          : [
              {
                group: 'kubevirt.io',
                version: 'v1',
                kind: 'VirtualMachine',
                namespace: 'vms',
                name: `${env}-${options.vm}`,
                status: options.sync ?? 'Synced',
              },
            ],
      operationState: {
        operation: { sync: { revision: 'abc123' } },
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        startedAt: '2025-03-01T10:00:00Z',
        finishedAt: '2025-03-01T10:00:05Z',
      },
      resourceHealthSource: 'appTree',
    },
  };
}

/** A resource tree with a VM, and optionally its VMI, launcher Pod and a DataVolume. */
export function resourceTree(options: {
  vmName: string;
  printableStatus?: string;
  vmi?: boolean;
  node?: string;
  dataVolume?: { name: string; phase: string };
}) {
  const vm = {
    group: 'kubevirt.io',
    version: 'v1',
    kind: 'VirtualMachine',
    namespace: 'vms',
    name: options.vmName,
    uid: 'vm-uid',
    health: {
      status: options.printableStatus === 'Running' ? 'Healthy' : 'Progressing',
      message: options.printableStatus ?? 'No status available',
    },
  };
  const nodes: unknown[] = [vm];
  if (options.vmi) {
    nodes.push({
      group: 'kubevirt.io',
      version: 'v1',
      kind: 'VirtualMachineInstance',
      namespace: 'vms',
      name: options.vmName,
      uid: 'vmi-uid',
      parentRefs: [
        {
          group: 'kubevirt.io',
          kind: 'VirtualMachine',
          namespace: 'vms',
          name: options.vmName,
          uid: 'vm-uid',
        },
      ],
      health: { status: 'Healthy', message: 'Running' },
    });
    nodes.push({
      version: 'v1',
      kind: 'Pod',
      namespace: 'vms',
      name: `virt-launcher-${options.vmName}-abcde`,
      uid: 'pod-uid',
      parentRefs: [
        {
          group: 'kubevirt.io',
          kind: 'VirtualMachineInstance',
          namespace: 'vms',
          name: options.vmName,
          uid: 'vmi-uid',
        },
      ],
      info: [
        { name: 'Status Reason', value: 'Running' },
        { name: 'Node', value: options.node ?? 'worker-1' },
      ],
      health: { status: 'Healthy' },
    });
  }
  if (options.dataVolume) {
    nodes.push({
      group: 'cdi.kubevirt.io',
      version: 'v1beta1',
      kind: 'DataVolume',
      namespace: 'vms',
      name: options.dataVolume.name,
      uid: 'dv-uid',
      parentRefs: [
        {
          group: 'kubevirt.io',
          kind: 'VirtualMachine',
          namespace: 'vms',
          name: options.vmName,
          uid: 'vm-uid',
        },
      ],
      health: {
        status:
          options.dataVolume.phase === 'Succeeded' ? 'Healthy' : 'Progressing',
        message: options.dataVolume.phase,
      },
    });
  }
  return { nodes };
}

/** A live VirtualMachine. */
export function virtualMachine(options: {
  name: string;
  runStrategy?: string;
  running?: boolean;
  printableStatus?: string;
  conditions?: Array<Record<string, string>>;
}) {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: options.name, namespace: 'vms' },
    spec: {
      ...(options.runStrategy ? { runStrategy: options.runStrategy } : {}),
      ...(options.running === undefined ? {} : { running: options.running }),
      template: { spec: { domain: { memory: { guest: '2Gi' } } } },
    },
    status: {
      printableStatus: options.printableStatus ?? 'Running',
      created:
        options.printableStatus === undefined ||
        options.printableStatus === 'Running',
      ready: options.printableStatus === 'Running',
      conditions: options.conditions ?? [{ type: 'Ready', status: 'True' }],
    },
  };
}

/** A live VirtualMachineInstance. */
export function virtualMachineInstance(options: {
  name: string;
  node?: string;
  ips?: string[];
  guestOs?: string;
}) {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachineInstance',
    metadata: { name: options.name, namespace: 'vms' },
    status: {
      phase: 'Running',
      nodeName: options.node ?? 'worker-1',
      interfaces: [
        {
          name: 'default',
          ipAddress: options.ips?.[0] ?? '10.128.0.10',
          ipAddresses: options.ips ?? ['10.128.0.10'],
        },
      ],
      ...(options.guestOs
        ? { guestOSInfo: { prettyName: options.guestOs } }
        : {}),
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

/** A live DataVolume. */
export function dataVolume(options: {
  name: string;
  phase: string;
  progress?: string;
}) {
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: { name: options.name, namespace: 'vms' },
    status: {
      phase: options.phase,
      ...(options.progress ? { progress: options.progress } : {}),
    },
  };
}
