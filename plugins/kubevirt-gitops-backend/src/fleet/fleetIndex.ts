/*
 * Lookup tables over one snapshot version (built once, shared by every
 * request until the snapshot changes): clusters by name with their sets,
 * placements and environment; Applications by VM label, ApplicationSet and
 * cluster; and the snapshot's own errors.
 */
import {
  VM_LABEL,
  type EnvironmentConfig,
  type UpstreamError,
} from '@internal/plugin-kubevirt-gitops-common';
import { matchesLabels, matchesRequirements } from './labelSelector';
import type {
  FleetSnapshot,
  PartStatus,
  SnapshotApplication,
  SnapshotApplicationSet,
  SnapshotArgoCluster,
  SnapshotCluster,
  SnapshotClusterSet,
} from './snapshotTypes';

/** The label that puts a ManagedCluster into an exclusive ManagedClusterSet. */
export const CLUSTER_SET_LABEL =
  'cluster.open-cluster-management.io/clusterset';

/** A managed cluster with what the views need about it. */
export interface IndexedCluster {
  hub: string;
  cluster: SnapshotCluster;
  clusterSets: string[];
  placements: string[];
  environment?: string;
}

/** An Application with its instance. */
export interface IndexedApp {
  instance: string;
  app: SnapshotApplication;
}

/** An ApplicationSet with its instance. */
export interface IndexedApplicationSet {
  instance: string;
  applicationSet: SnapshotApplicationSet;
}

/** The index key of an ApplicationSet (or of the Applications it owns). */
export function applicationSetKey(
  instance: string,
  namespace: string,
  name: string,
): string {
  return `${instance}/${namespace}/${name}`;
}

/** The lookup tables of one snapshot version. */
export interface FleetIndex {
  snapshot: FleetSnapshot;
  /** Clusters in the configured cluster sets, by name, sorted. */
  clusters: Map<string, IndexedCluster>;
  /** Cluster sets shown (every hub's, or the configured ones). */
  clusterSets: Set<string>;
  argoClusters: Map<string, { instance: string; cluster: SnapshotArgoCluster }>;
  byVmLabel: Map<string, IndexedApp[]>;
  /**
   * Key: `${instance}/${namespace}/${applicationSet}`: an Application's
   * owner reference names an ApplicationSet of its own namespace.
   */
  byApplicationSet: Map<string, IndexedApp[]>;
  /** ApplicationSets by `${instance}/${namespace}/${name}`. */
  applicationSets: Map<string, IndexedApplicationSet>;
  byCluster: Map<string, IndexedApp[]>;
  allApps: IndexedApp[];
  /** Hubs and instances whose data is missing or old. */
  errors: UpstreamError[];
  /** Whether every hub answered (so an unknown cluster set is really unknown). */
  hubsComplete: boolean;
}

/** Options of {@link buildFleetIndex}. */
export interface FleetIndexOptions {
  environments: readonly EnvironmentConfig[];
  /** Configured cluster sets per hub (empty: all). */
  hubClusterSets: ReadonlyMap<string, readonly string[]>;
  /** Parts older than this are reported as stale. */
  staleAfterMs: number;
  now?: () => number;
}

function memberOf(set: SnapshotClusterSet, cluster: SnapshotCluster): boolean {
  if (set.selector.type === 'ExclusiveClusterSetLabel') {
    return cluster.labels[CLUSTER_SET_LABEL] === set.name;
  }
  return (
    matchesLabels(set.selector.matchLabels, cluster.labels) &&
    matchesRequirements(set.selector.matchExpressions, cluster.labels)
  );
}

/** The environment of a cluster: the first whose selector matches, else its `env` label. */
export function environmentOf(
  labels: Readonly<Record<string, string>>,
  environments: readonly EnvironmentConfig[],
): string | undefined {
  const configured = environments.find(environment =>
    matchesLabels(environment.clusterSelector, labels),
  );
  return configured?.name ?? labels.env;
}

function statusErrors(
  status: PartStatus,
  staleAfterMs: number,
  now: number,
): UpstreamError[] {
  const { source, part, error } = status;
  const errors: UpstreamError[] = [];
  if (error) {
    errors.push({
      source,
      kind: status.errorKind ?? 'unavailable',
      message: part
        ? `${error} (showing data from ${part.fetchedAt})`
        : `${error} (no data yet)`,
    });
  } else if (!part) {
    errors.push({
      source,
      kind: 'not-answered-yet',
      message: `${source} has not answered yet`,
    });
  } else if (now - Date.parse(part.fetchedAt) > staleAfterMs) {
    errors.push({
      source,
      kind: 'stale',
      message: `${source} data is from ${part.fetchedAt}`,
    });
  }
  part?.problems.forEach(problem => errors.push({ source, ...problem }));
  return errors;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the lookup tables of a snapshot. */
export function buildFleetIndex(
  snapshot: FleetSnapshot,
  options: FleetIndexOptions,
): FleetIndex {
  const now = (options.now ?? Date.now)();
  const clusters = new Map<string, IndexedCluster>();
  const clusterSets = new Set<string>();
  for (const { part } of snapshot.hubs) {
    if (!part) continue;
    const shown = options.hubClusterSets.get(part.hub) ?? [];
    const sets = part.clusterSets.filter(
      set => shown.length === 0 || shown.includes(set.name),
    );
    sets.forEach(set => clusterSets.add(set.name));
    shown.forEach(set => clusterSets.add(set));
    const placementsByCluster = new Map<string, string[]>();
    for (const placement of part.placements) {
      for (const name of placement.clusters) {
        push(
          placementsByCluster,
          name,
          `${placement.namespace}/${placement.name}`,
        );
      }
    }
    for (const cluster of part.clusters) {
      if (clusters.has(cluster.name)) continue;
      let memberships = sets
        .filter(set => memberOf(set, cluster))
        .map(set => set.name);
      const labelled = cluster.labels[CLUSTER_SET_LABEL];
      if (part.clusterSets.length === 0 && labelled) memberships = [labelled];
      if (shown.length > 0 && !memberships.some(set => shown.includes(set))) {
        continue;
      }
      const environment = environmentOf(cluster.labels, options.environments);
      clusters.set(cluster.name, {
        hub: part.hub,
        cluster,
        clusterSets: memberships,
        placements: placementsByCluster.get(cluster.name) ?? [],
        ...(environment ? { environment } : {}),
      });
    }
  }
  const sortedClusters = new Map(
    [...clusters.entries()].sort(([a], [b]) => a.localeCompare(b)),
  );

  const argoClusters = new Map<
    string,
    { instance: string; cluster: SnapshotArgoCluster }
  >();
  const byVmLabel = new Map<string, IndexedApp[]>();
  const byApplicationSet = new Map<string, IndexedApp[]>();
  const applicationSets = new Map<string, IndexedApplicationSet>();
  const byCluster = new Map<string, IndexedApp[]>();
  const allApps: IndexedApp[] = [];
  for (const { part } of snapshot.argocd) {
    if (!part) continue;
    for (const cluster of part.clusters) {
      if (!argoClusters.has(cluster.name)) {
        argoClusters.set(cluster.name, { instance: part.instance, cluster });
      }
    }
    for (const applicationSet of part.applicationSets ?? []) {
      applicationSets.set(
        applicationSetKey(
          part.instance,
          applicationSet.namespace,
          applicationSet.name,
        ),
        { instance: part.instance, applicationSet },
      );
    }
    for (const app of part.applications) {
      const entry: IndexedApp = { instance: part.instance, app };
      allApps.push(entry);
      const vm = app.labels[VM_LABEL];
      if (vm) push(byVmLabel, vm, entry);
      if (app.applicationSet) {
        push(
          byApplicationSet,
          applicationSetKey(part.instance, app.namespace, app.applicationSet),
          entry,
        );
      }
      if (app.cluster) push(byCluster, app.cluster, entry);
    }
  }

  const errors = [...snapshot.hubs, ...snapshot.argocd].flatMap(status =>
    statusErrors(status, options.staleAfterMs, now),
  );
  return {
    snapshot,
    clusters: sortedClusters,
    clusterSets,
    argoClusters,
    byVmLabel,
    byApplicationSet,
    applicationSets,
    byCluster,
    allApps,
    errors,
    hubsComplete: snapshot.hubs.every(status => status.part && !status.error),
  };
}
