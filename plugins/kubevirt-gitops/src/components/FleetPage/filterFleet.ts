import {
  NO_ENVIRONMENT,
  type ClusterAvailability,
  type FleetCluster,
  type FleetEnvironmentTotals,
  type VmState,
} from '@internal/plugin-kubevirt-gitops-common';

/** `all`, or one value to keep. */
export interface FleetFilter {
  environment: string;
  availability: ClusterAvailability | 'all';
  vmState: VmState | 'all';
}

export const ALL: FleetFilter = {
  environment: 'all',
  availability: 'all',
  vmState: 'all',
};

export function environmentOf(cluster: FleetCluster): string {
  return cluster.environment || NO_ENVIRONMENT;
}

/** Clusters matching the filter, sorted by environment then name. Pure. */
export function filterClusters(
  clusters: readonly FleetCluster[],
  filter: FleetFilter,
): FleetCluster[] {
  return clusters
    .filter(
      cluster =>
        (filter.environment === 'all' ||
          environmentOf(cluster) === filter.environment) &&
        (filter.availability === 'all' ||
          cluster.availability === filter.availability) &&
        (filter.vmState === 'all' ||
          (cluster.vmCounts[filter.vmState] ?? 0) > 0),
    )
    .sort(
      (a, b) =>
        environmentOf(a).localeCompare(environmentOf(b)) ||
        a.name.localeCompare(b.name),
    );
}

/** The environment totals the filter keeps (all when no environment is picked). */
export function filterTotals(
  totals: readonly FleetEnvironmentTotals[],
  filter: FleetFilter,
): FleetEnvironmentTotals[] {
  return totals
    .filter(
      total =>
        filter.environment === 'all' ||
        total.environment === filter.environment,
    )
    .sort((a, b) => a.environment.localeCompare(b.environment));
}

/** Sum of VM counts, e.g. for `12 VMs`. */
export function totalVms(counts: Partial<Record<VmState, number>>): number {
  return Object.values(counts).reduce<number>((sum, n) => sum + (n ?? 0), 0);
}

/** Environments present in the fleet, for the filter's options. */
export function environmentsOf(clusters: readonly FleetCluster[]): string[] {
  return [...new Set(clusters.map(environmentOf))].sort((a, b) =>
    a.localeCompare(b),
  );
}
