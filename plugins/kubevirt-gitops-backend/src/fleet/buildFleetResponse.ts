/*
 * The `GET /fleet` answer from the fleet index (pure): every shown managed
 * cluster with its ArgoCD connection, virtualization stack health and VM
 * counts, plus totals per environment.
 */
import {
  NO_ENVIRONMENT,
  VM_LABEL,
  vmStates,
  type ArgocdConnection,
  type ClusterResources,
  type FleetCluster,
  type FleetEnvironmentTotals,
  type FleetResponse,
  type VmState,
} from '@internal/plugin-kubevirt-gitops-common';
import { isVmApplication, snapshotVmState } from './approximateVmState';
import type { FleetIndex, IndexedCluster } from './fleetIndex';

/** What the fleet view needs besides the index. */
export interface FleetViewOptions {
  /** Names of virtualization stack Applications. */
  virtualizationStackPattern: RegExp;
  /** Only clusters of this set. */
  clusterSet?: string;
  generatedAt: string;
}

const VM_STATES: ReadonlySet<string> = new Set(vmStates);

function isVmState(value: string): value is VmState {
  return VM_STATES.has(value);
}

/** Adds VM counts into a total. */
export function addVmCounts(
  total: Partial<Record<VmState, number>>,
  add: Partial<Record<VmState, number>>,
): void {
  for (const [state, count] of Object.entries(add)) {
    if (isVmState(state) && count !== undefined) {
      total[state] = (total[state] ?? 0) + count;
    }
  }
}

function argocdConnection(index: FleetIndex, name: string): ArgocdConnection {
  const known = index.argoClusters.get(name);
  if (known) {
    return {
      status: known.cluster.connection,
      instance: known.instance,
      ...(known.cluster.message ? { message: known.cluster.message } : {}),
    };
  }
  const answered = index.snapshot.argocd.some(status => status.part);
  return answered
    ? { status: 'NotRegistered' }
    : { status: 'Unknown', message: 'No ArgoCD instance answered' };
}

function toFleetCluster(
  index: FleetIndex,
  entry: IndexedCluster,
  pattern: RegExp,
): FleetCluster {
  const { cluster } = entry;
  const apps = index.byCluster.get(cluster.name) ?? [];
  const vmCounts: Partial<Record<VmState, number>> = {};
  const approximateVmCounts: Partial<Record<VmState, number>> = {};
  const virtualizationStack: FleetCluster['virtualizationStack'] = [];
  for (const { app } of apps) {
    if (isVmApplication(app, VM_LABEL)) {
      // As on the entity page: what ArgoCD last saw on a cluster OCM does
      // not call available is stale, so its VMs count as Unknown.
      const derived =
        cluster.availability === 'available'
          ? snapshotVmState(app)
          : { state: 'Unknown' as const, certainty: 'exact' as const };
      vmCounts[derived.state] = (vmCounts[derived.state] ?? 0) + 1;
      if (derived.certainty === 'approximate') {
        approximateVmCounts[derived.state] =
          (approximateVmCounts[derived.state] ?? 0) + 1;
      }
    } else if (pattern.test(app.name)) {
      virtualizationStack.push({
        name: app.name,
        health: app.health.status,
        ...(app.health.message ? { message: app.health.message } : {}),
      });
    }
  }
  const result: FleetCluster = {
    name: cluster.name,
    clusterSets: entry.clusterSets,
    availability: cluster.availability,
    placements: entry.placements,
    claims: cluster.claims,
    capacity: cluster.capacity,
    allocatable: cluster.allocatable,
    taints: cluster.taints,
    ...(cluster.hub ? { hub: true } : {}),
    argocdConnection: argocdConnection(index, cluster.name),
    virtualizationStack,
    vmCounts,
    approximateVmCounts,
  };
  if (entry.environment) result.environment = entry.environment;
  if (cluster.availabilityReason)
    result.availabilityReason = cluster.availabilityReason;
  if (cluster.availabilityMessage)
    result.availabilityMessage = cluster.availabilityMessage;
  if (cluster.kubernetesVersion)
    result.kubernetesVersion = cluster.kubernetesVersion;
  return result;
}

function addResources(total: ClusterResources, add: ClusterResources): void {
  for (const key of ['cpu', 'memory', 'kvm'] as const) {
    const value = add[key];
    if (value !== undefined) total[key] = (total[key] ?? 0) + value;
  }
}

/** Totals per environment, sorted by name (clusters without one last). */
export function environmentTotals(
  clusters: readonly FleetCluster[],
): FleetEnvironmentTotals[] {
  const totals = new Map<string, FleetEnvironmentTotals>();
  for (const cluster of clusters) {
    const name = cluster.environment ?? NO_ENVIRONMENT;
    let total = totals.get(name);
    if (!total) {
      total = {
        environment: name,
        clusters: 0,
        byAvailability: {},
        allocatable: {},
        vmCounts: {},
        approximateVmCounts: {},
      };
      totals.set(name, total);
    }
    total.clusters += 1;
    total.byAvailability[cluster.availability] =
      (total.byAvailability[cluster.availability] ?? 0) + 1;
    addResources(total.allocatable, cluster.allocatable);
    addVmCounts(total.vmCounts, cluster.vmCounts);
    addVmCounts(total.approximateVmCounts, cluster.approximateVmCounts);
  }
  return [...totals.values()].sort((a, b) => {
    if (a.environment === NO_ENVIRONMENT) return 1;
    if (b.environment === NO_ENVIRONMENT) return -1;
    return a.environment.localeCompare(b.environment);
  });
}

/** Builds the fleet answer. */
export function buildFleetResponse(
  index: FleetIndex,
  options: FleetViewOptions,
): FleetResponse {
  const clusters: FleetCluster[] = [];
  for (const entry of index.clusters.values()) {
    if (options.clusterSet && !entry.clusterSets.includes(options.clusterSet)) {
      continue;
    }
    clusters.push(
      toFleetCluster(index, entry, options.virtualizationStackPattern),
    );
  }
  const placements = index.snapshot.hubs.flatMap(({ part }) =>
    (part?.placements ?? []).map(placement => ({
      name: `${placement.namespace}/${placement.name}`,
      clusters: placement.clusters,
      ...(placement.numberOfSelectedClusters === undefined
        ? {}
        : { numberOfSelectedClusters: placement.numberOfSelectedClusters }),
      ...(placement.satisfied ? { satisfied: placement.satisfied } : {}),
    })),
  );
  return {
    clusters,
    placements,
    totals: environmentTotals(clusters),
    errors: index.errors,
    generatedAt: options.generatedAt,
  };
}
