/*
 * Pure mappers from OCM hub objects (ManagedCluster, ManagedClusterSet,
 * Placement, PlacementDecision) to snapshot records.
 */
import {
  deriveClusterAvailability,
  readStatusConditions,
  tryParseQuantity,
  type ClusterResources,
  type ClusterTaint,
} from '@internal/plugin-kubevirt-gitops-common';
import {
  asArray,
  asRecord,
  asString,
  asStringMap,
  field,
  stringField,
} from '../upstream/json';
import type {
  ClusterSetSelector,
  LabelRequirement,
  SnapshotCluster,
  SnapshotClusterSet,
  SnapshotPlacement,
} from './snapshotTypes';

/** The claim that carries the Kubernetes version when `status.version` is empty. */
const KUBE_VERSION_CLAIM = 'kubeversion.open-cluster-management.io';
/** PlacementDecisions name their Placement with this label. */
export const PLACEMENT_LABEL = 'cluster.open-cluster-management.io/placement';
/** The Placement condition saying whether its decisions are complete. */
const PLACEMENT_SATISFIED = 'PlacementSatisfied';
const KVM_RESOURCE = 'devices.kubevirt.io/kvm';
/** The label ACM and clusteradm put on the hub's own ManagedCluster. */
export const HUB_CLUSTER_LABEL = 'local-cluster';

/** `spec.taints` (key and effect required, as the CRD says). */
export function mapTaints(list: unknown): ClusterTaint[] {
  return asArray(list).flatMap((entry): ClusterTaint[] => {
    const key = stringField(entry, 'key');
    const effect = stringField(entry, 'effect');
    if (!key || !effect) return [];
    const value = stringField(entry, 'value');
    return [value ? { key, value, effect } : { key, effect }];
  });
}

/** CPU (cores), memory (bytes) and KVM devices from a resource list. */
export function mapResources(list: unknown): ClusterResources {
  const values = asStringMap(list);
  const resources: ClusterResources = {};
  const read = (name: string) =>
    values[name] === undefined ? undefined : tryParseQuantity(values[name]);
  const cpu = read('cpu');
  const memory = read('memory');
  const kvm = read(KVM_RESOURCE);
  if (cpu !== undefined) resources.cpu = cpu;
  if (memory !== undefined) resources.memory = memory;
  if (kvm !== undefined) resources.kvm = kvm;
  return resources;
}

/** A ManagedCluster; undefined for an object without a name. */
export function mapManagedCluster(
  object: unknown,
): SnapshotCluster | undefined {
  const name = stringField(object, 'metadata', 'name');
  if (!name) {
    return undefined;
  }
  const status = field(object, 'status');
  const claims: Record<string, string> = {};
  for (const entry of asArray(field(status, 'clusterClaims'))) {
    const claimName = stringField(entry, 'name');
    const value = field(entry, 'value');
    if (claimName && typeof value === 'string') {
      claims[claimName] = value;
    }
  }
  const hubAcceptsClient = field(object, 'spec', 'hubAcceptsClient');
  const availability = deriveClusterAvailability(readStatusConditions(status), {
    ...(typeof hubAcceptsClient === 'boolean' ? { hubAcceptsClient } : {}),
    deletionRequested:
      stringField(object, 'metadata', 'deletionTimestamp') !== undefined,
  });
  const labels = asStringMap(field(object, 'metadata', 'labels'));
  const cluster: SnapshotCluster = {
    name,
    labels,
    availability: availability.availability,
    claims,
    capacity: mapResources(field(status, 'capacity')),
    allocatable: mapResources(field(status, 'allocatable')),
    taints: mapTaints(field(object, 'spec', 'taints')),
    hub: labels[HUB_CLUSTER_LABEL] === 'true',
  };
  if (availability.reason) cluster.availabilityReason = availability.reason;
  if (availability.message) cluster.availabilityMessage = availability.message;
  const kubernetesVersion =
    stringField(status, 'version', 'kubernetes') ?? claims[KUBE_VERSION_CLAIM];
  if (kubernetesVersion) cluster.kubernetesVersion = kubernetesVersion;
  return cluster;
}

const OPERATORS: ReadonlyArray<LabelRequirement['operator']> = [
  'In',
  'NotIn',
  'Exists',
  'DoesNotExist',
];

function isOperator(
  value: string | undefined,
): value is LabelRequirement['operator'] {
  return OPERATORS.some(operator => operator === value);
}

/** `matchExpressions` entries; unknown operators are dropped. */
export function mapLabelRequirements(list: unknown): LabelRequirement[] {
  return asArray(list).flatMap((entry): LabelRequirement[] => {
    const key = stringField(entry, 'key');
    const operator = stringField(entry, 'operator');
    if (!key || !isOperator(operator)) {
      return [];
    }
    return [
      {
        key,
        operator,
        values: asArray(field(entry, 'values')).flatMap(value =>
          typeof value === 'string' ? [value] : [],
        ),
      },
    ];
  });
}

/** A ManagedClusterSet (v1beta2 `spec.clusterSelector`). */
export function mapManagedClusterSet(
  object: unknown,
): SnapshotClusterSet | undefined {
  const name = stringField(object, 'metadata', 'name');
  if (!name) {
    return undefined;
  }
  const selector = field(object, 'spec', 'clusterSelector');
  let mapped: ClusterSetSelector = { type: 'ExclusiveClusterSetLabel' };
  if (stringField(selector, 'selectorType') === 'LabelSelector') {
    const labelSelector = field(selector, 'labelSelector');
    mapped = {
      type: 'LabelSelector',
      matchLabels: asStringMap(field(labelSelector, 'matchLabels')),
      matchExpressions: mapLabelRequirements(
        field(labelSelector, 'matchExpressions'),
      ),
    };
  }
  return { name, selector: mapped };
}

/** Placements with the clusters their decisions selected (sorted, unique). */
export function mapPlacements(
  placements: readonly unknown[],
  decisions: readonly unknown[],
): SnapshotPlacement[] {
  const byKey = new Map<string, SnapshotPlacement & { set: Set<string> }>();
  const entry = (namespace: string, name: string) => {
    const key = `${namespace}/${name}`;
    let found = byKey.get(key);
    if (!found) {
      found = { namespace, name, clusters: [], set: new Set() };
      byKey.set(key, found);
    }
    return found;
  };
  for (const placement of placements) {
    const namespace = stringField(placement, 'metadata', 'namespace');
    const name = stringField(placement, 'metadata', 'name');
    if (!namespace || !name) continue;
    const target = entry(namespace, name);
    const status = field(placement, 'status');
    const selected = field(status, 'numberOfSelectedClusters');
    if (typeof selected === 'number')
      target.numberOfSelectedClusters = selected;
    const satisfied = readStatusConditions(status).find(
      condition => condition.type === PLACEMENT_SATISFIED,
    );
    if (satisfied) {
      target.satisfied = {
        status: satisfied.status,
        ...(satisfied.reason ? { reason: satisfied.reason } : {}),
        ...(satisfied.message ? { message: satisfied.message } : {}),
      };
    }
  }
  for (const decision of decisions) {
    const namespace = stringField(decision, 'metadata', 'namespace');
    const labels = asStringMap(field(decision, 'metadata', 'labels'));
    const owner = asArray(field(decision, 'metadata', 'ownerReferences'))
      .map(asRecord)
      .find(reference => asString(reference?.kind) === 'Placement');
    const placementName = labels[PLACEMENT_LABEL] ?? asString(owner?.name);
    if (!namespace || !placementName) continue;
    const target = entry(namespace, placementName);
    for (const item of asArray(field(decision, 'status', 'decisions'))) {
      const clusterName = stringField(item, 'clusterName');
      if (clusterName) target.set.add(clusterName);
    }
  }
  return [...byKey.values()]
    .map(({ set, ...placement }) => ({
      ...placement,
      clusters: [...set].sort(),
    }))
    .sort((a, b) =>
      `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`),
    );
}
