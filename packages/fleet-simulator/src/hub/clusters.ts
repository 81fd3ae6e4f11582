import type { KubeObject } from '../contracts';
import { kubeTimestamp } from '../store';
import type { Condition, ConditionStatus } from './conditions';
import { readConditions, setCondition } from './conditions';
import { plainRecord } from './fields';
import { apiVersionOf, resourceOfKind } from './resources';

export type Availability = ConditionStatus;

/** What a scenario says about one managed cluster. */
export interface ClusterDefinition {
  name: string;
  /** ManagedClusterSet the cluster belongs to (label `cluster.open-cluster-management.io/clusterset`). */
  clusterSet?: string;
  /** The `env` label (dev, prod, ...). */
  env?: string;
  /** Extra labels; they win over the generated ones. */
  labels?: Record<string, string>;
  /** `ManagedClusterConditionAvailable` status; Unknown means the agent's lease stopped. Default True. */
  availability?: Availability;
  /** Kubernetes version, e.g. `v1.30.4`. */
  kubeVersion?: string;
  /** Claim `platform.open-cluster-management.io` (and the `cloud` label), e.g. `BareMetal`, `AWS`. */
  platform?: string;
  /** Claim `product.open-cluster-management.io` (and the `vendor` label), e.g. `OpenShift`. */
  product?: string;
  capacity?: Record<string, string>;
  allocatable?: Record<string, string>;
  /** Extra cluster claims (name → value). */
  claims?: Record<string, string>;
  /** The managed cluster's API server URL. */
  apiServerUrl?: string;
  /** Taints beside the availability taints the hub sets (OCM cluster/v1 `spec.taints`). */
  taints?: Array<{
    key: string;
    value?: string;
    effect: 'NoSelect' | 'PreferNoSelect' | 'NoSelectIfNew';
  }>;
  /** The hub itself, managed as a cluster: label `local-cluster: "true"`, as ACM sets it. */
  hubCluster?: boolean;
  /**
   * Where registration is: `joined` (default); `accepted` (spec
   * `hubAcceptsClient: true`, the hub has not written any condition yet);
   * `pending` (not accepted: `hubAcceptsClient: false`, HubAccepted False).
   */
  registration?: 'joined' | 'accepted' | 'pending';
  /**
   * Being deleted: `metadata.deletionTimestamp` and OCM's `Deleting`
   * condition True (reason `ResourceRemaining`), the finalizer kept.
   */
  deleting?: boolean;
}

/** OCM's ManagedCluster condition while it is being deleted (api cluster/v1 ManagedClusterConditionDeleting). */
export const DELETING_CONDITION = 'Deleting';
/** The label ACM puts on the hub's own ManagedCluster. */
export const HUB_CLUSTER_LABEL = 'local-cluster';

export const CLUSTER_SET_LABEL =
  'cluster.open-cluster-management.io/clusterset';
export const UNREACHABLE_TAINT =
  'cluster.open-cluster-management.io/unreachable';
export const UNAVAILABLE_TAINT =
  'cluster.open-cluster-management.io/unavailable';
export const AVAILABLE_CONDITION = 'ManagedClusterConditionAvailable';

export const DEFAULT_CAPACITY: Readonly<Record<string, string>> = {
  cpu: '64',
  memory: '263842772Ki',
  pods: '250',
  'ephemeral-storage': '1874487280Ki',
  'devices.kubevirt.io/kvm': '1k',
};

export const DEFAULT_ALLOCATABLE: Readonly<Record<string, string>> = {
  cpu: '63500m',
  memory: '261745620Ki',
  pods: '250',
  'ephemeral-storage': '1727522206199',
  'devices.kubevirt.io/kvm': '1k',
};

const AVAILABILITY_CONDITIONS: Record<
  Availability,
  Omit<Condition, 'lastTransitionTime' | 'status'>
> = {
  True: {
    type: AVAILABLE_CONDITION,
    reason: 'ManagedClusterAvailable',
    message: 'Managed cluster is available',
  },
  False: {
    type: AVAILABLE_CONDITION,
    reason: 'ManagedClusterKubeAPIServerUnavailable',
    message:
      'The kube-apiserver is not ok, status code: 503, an error on the server ("") has prevented the request from succeeding',
  },
  Unknown: {
    type: AVAILABLE_CONDITION,
    reason: 'ManagedClusterLeaseUpdateStopped',
    message: 'Registration agent stopped updating its lease.',
  },
};

/** The taint the hub's taint controller sets for an availability, if any. */
function taintFor(availability: Availability, now: Date) {
  if (availability === 'True') return [];
  const key = availability === 'False' ? UNAVAILABLE_TAINT : UNREACHABLE_TAINT;
  return [{ key, effect: 'NoSelect', timeAdded: kubeTimestamp(now) }];
}

function clusterLabels(definition: ClusterDefinition): Record<string, string> {
  return {
    cloud:
      definition.platform === 'AWS' ||
      definition.platform === 'GCP' ||
      definition.platform === 'Azure'
        ? String(definition.platform)
        : 'Other',
    ...(definition.clusterSet
      ? { [CLUSTER_SET_LABEL]: definition.clusterSet }
      : {}),
    ...(definition.env ? { env: definition.env } : {}),
    name: definition.name,
    vendor: definition.product ?? 'OpenShift',
    ...(definition.hubCluster ? { [HUB_CLUSTER_LABEL]: 'true' } : {}),
    ...definition.labels,
  };
}

function clusterClaims(definition: ClusterDefinition, kubeVersion: string) {
  const claims: Record<string, string> = {
    'id.k8s.io': definition.name,
    'kubeversion.open-cluster-management.io': kubeVersion,
    'platform.open-cluster-management.io': definition.platform ?? 'BareMetal',
    'product.open-cluster-management.io': definition.product ?? 'OpenShift',
    ...definition.claims,
  };
  return Object.entries(claims).map(([name, value]) => ({ name, value }));
}

/** A ManagedCluster as a registered, accepted and joined cluster shows on the hub. */
export function buildManagedCluster(
  definition: ClusterDefinition,
  now: Date,
): KubeObject {
  const resource = resourceOfKind('ManagedCluster');
  const kubeVersion = definition.kubeVersion ?? 'v1.30.4';
  const joined = kubeTimestamp(now);
  const cluster: KubeObject = {
    apiVersion: resource
      ? apiVersionOf(resource)
      : 'cluster.open-cluster-management.io/v1',
    kind: 'ManagedCluster',
    metadata: {
      name: definition.name,
      labels: clusterLabels(definition),
      annotations: { 'open-cluster-management/created-via': 'other' },
      finalizers: ['cluster.open-cluster-management.io/api-resource-cleanup'],
    },
    spec: {
      hubAcceptsClient: true,
      leaseDurationSeconds: 60,
      managedClusterClientConfigs: [
        {
          url:
            definition.apiServerUrl ??
            `https://api.${definition.name}.fleet.example:6443`,
        },
      ],
    },
    status: {
      allocatable: { ...(definition.allocatable ?? DEFAULT_ALLOCATABLE) },
      capacity: { ...(definition.capacity ?? DEFAULT_CAPACITY) },
      clusterClaims: clusterClaims(definition, kubeVersion),
      conditions: [
        {
          type: 'HubAcceptedManagedCluster',
          status: 'True',
          reason: 'HubClusterAdminAccepted',
          message: 'Accepted by hub cluster admin',
          lastTransitionTime: joined,
        },
        {
          type: 'ManagedClusterJoined',
          status: 'True',
          reason: 'ManagedClusterJoined',
          message: 'Managed cluster joined',
          lastTransitionTime: joined,
        },
      ],
      version: { kubernetes: kubeVersion },
    },
  };
  const registration = definition.registration ?? 'joined';
  if (registration !== 'joined') {
    return notJoined(cluster, registration, joined);
  }
  const available = withAvailability(
    cluster,
    definition.availability ?? 'True',
    now,
  );
  const withTaints = addTaints(available, definition.taints ?? [], joined);
  return definition.deleting ? markDeleting(withTaints, joined) : withTaints;
}

function addTaints(
  cluster: KubeObject,
  taints: NonNullable<ClusterDefinition['taints']>,
  at: string,
): KubeObject {
  if (taints.length === 0) return cluster;
  const spec = plainRecord(cluster.spec);
  const current: unknown[] = Array.isArray(spec.taints) ? spec.taints : [];
  return {
    ...cluster,
    spec: {
      ...spec,
      taints: [
        ...current,
        ...taints.map(taint => ({ ...taint, timeAdded: at })),
      ],
    },
  };
}

/** A cluster accepted but not joined yet (no status written), or not accepted. */
function notJoined(
  cluster: KubeObject,
  registration: 'accepted' | 'pending',
  at: string,
): KubeObject {
  const status = plainRecord(cluster.status);
  if (registration === 'accepted') {
    // The registration agent has not reported anything yet.
    return { ...cluster, status: {} };
  }
  return {
    ...cluster,
    spec: { ...plainRecord(cluster.spec), hubAcceptsClient: false },
    status: {
      ...status,
      conditions: [
        {
          type: 'HubAcceptedManagedCluster',
          status: 'False',
          reason: 'HubClusterAdminDenied',
          message: 'Denied by hub cluster admin',
          lastTransitionTime: at,
        },
      ],
    },
  };
}

function markDeleting(cluster: KubeObject, at: string): KubeObject {
  const status = plainRecord(cluster.status);
  return {
    ...cluster,
    metadata: { ...cluster.metadata, deletionTimestamp: at },
    status: {
      ...status,
      conditions: [
        ...readConditions(status),
        {
          type: DELETING_CONDITION,
          status: 'True',
          reason: 'ResourceRemaining',
          message: 'The resource manifestworks is remaining',
          lastTransitionTime: at,
        },
      ],
    },
  };
}

/** The cluster's `ManagedClusterConditionAvailable` status; absent counts as Unknown. */
export function availabilityOf(cluster: KubeObject): Availability {
  return (
    readConditions(cluster.status).find(c => c.type === AVAILABLE_CONDITION)
      ?.status ?? 'Unknown'
  );
}

function isAvailabilityTaint(taint: unknown): boolean {
  const { key } = plainRecord(taint);
  return key === UNREACHABLE_TAINT || key === UNAVAILABLE_TAINT;
}

/**
 * A copy of the cluster with the availability condition (the real reasons
 * and messages) and the taint the hub's taint controller sets for it.
 */
export function withAvailability(
  cluster: KubeObject,
  availability: Availability,
  now: Date,
): KubeObject {
  const conditions = readConditions(cluster.status);
  const unchanged =
    conditions.find(c => c.type === AVAILABLE_CONDITION)?.status ===
    availability;
  const { taints, ...spec } = plainRecord(cluster.spec);
  const currentTaints: unknown[] = Array.isArray(taints) ? taints : [];
  const nextTaints = unchanged
    ? currentTaints
    : [
        ...currentTaints.filter(t => !isAvailabilityTaint(t)),
        ...taintFor(availability, now),
      ];
  const template = AVAILABILITY_CONDITIONS[availability];
  return {
    ...cluster,
    spec: nextTaints.length > 0 ? { ...spec, taints: nextTaints } : spec,
    status: {
      ...plainRecord(cluster.status),
      conditions: setCondition(
        conditions,
        { ...template, status: availability },
        now,
      ),
    },
  };
}
