import type { Clock, UpstreamHandler } from '../contracts';
import type { HubObjectStore } from '../store';
import { createHubApiHandler } from './apiHandler';
import type { Availability } from './clusters';
import { availabilityOf, withAvailability } from './clusters';
import type { HubControllers } from './controllers';
import { startHubControllers } from './controllers';
import type { HubDefinition } from './definition';
import { applyHubDefinition } from './definition';
import { field } from './fields';
import { decidedClusters } from './statusController';
import type { WatchOptions } from './watch';

/** Options of {@link createHub}. */
export interface HubOptions {
  store: HubObjectStore;
  clock: Clock;
  /** Bearer tokens the hub API accepts. */
  tokens: readonly string[];
  definition?: HubDefinition;
  watch?: Partial<WatchOptions>;
}

/** A summary of the hub for the control API's `GET /state`. */
export interface HubSummary {
  resourceVersion: string;
  clusters: {
    total: number;
    available: Record<Availability, number>;
    byEnv: Record<string, number>;
  };
  clusterSets: string[];
  placements: Array<{
    namespace: string;
    name: string;
    selectedClusters: number;
  }>;
  openWatches: number;
}

/** The simulated OCM hub: its Kubernetes API and the controls behind it. */
export interface Hub {
  handler: UpstreamHandler;
  controllers: HubControllers;
  /** Sets `ManagedClusterConditionAvailable` (and taints) now. Throws for an unknown cluster. */
  setAvailability(clusterName: string, availability: Availability): void;
  /**
   * The cluster's agent stops renewing its lease: after 5 × leaseDurationSeconds
   * of simulated time the hub marks it Unknown (`ManagedClusterLeaseUpdateStopped`).
   */
  stopLease(clusterName: string): void;
  /** Closes every open watch stream (`end`: cleanly, default; `destroy`: cut the connection). */
  dropWatches(mode?: 'end' | 'destroy'): void;
  /**
   * Forgets the event history, as etcd compaction does: a watch or list
   * continuation from an older resourceVersion gets 410 Gone.
   */
  compact(): void;
  summary(): HubSummary;
  stop(): void;
}

/** Creates the hub over a store: loads the definition, starts controllers, builds the API. */
export function createHub(options: HubOptions): Hub {
  const { store, clock } = options;
  const api = createHubApiHandler({
    store,
    tokens: options.tokens,
    watch: options.watch,
  });
  if (options.definition)
    applyHubDefinition(store, options.definition, clock.now());
  const controllers = startHubControllers(store, clock);
  controllers.reconcileNow();
  const leaseTimers = new Map<string, () => void>();

  const clusterOrThrow = (name: string) => {
    const cluster = store.get('ManagedCluster', name);
    if (!cluster)
      throw new Error(
        `managedclusters.cluster.open-cluster-management.io "${name}" not found`,
      );
    return cluster;
  };

  const setAvailability = (name: string, availability: Availability) => {
    leaseTimers.get(name)?.();
    leaseTimers.delete(name);
    store.upsert(
      withAvailability(clusterOrThrow(name), availability, clock.now()),
    );
  };

  return {
    handler: api.handler,
    controllers,
    setAvailability,
    stopLease(name) {
      const lease = Number(
        field(clusterOrThrow(name).spec, 'leaseDurationSeconds') ?? 60,
      );
      leaseTimers.get(name)?.();
      const cancel = clock.setTimeout(() => {
        leaseTimers.delete(name);
        if (store.get('ManagedCluster', name)) setAvailability(name, 'Unknown');
      }, 5 * lease * 1000);
      leaseTimers.set(name, cancel);
    },
    dropWatches: mode => api.watches.dropAll(mode),
    compact: () => store.compact(),
    summary() {
      const clusters = store.snapshot('ManagedCluster');
      const available: Record<Availability, number> = {
        True: 0,
        False: 0,
        Unknown: 0,
      };
      const byEnv: Record<string, number> = {};
      for (const cluster of clusters) {
        available[availabilityOf(cluster)] += 1;
        const env = cluster.metadata.labels?.env ?? '';
        byEnv[env] = (byEnv[env] ?? 0) + 1;
      }
      return {
        resourceVersion: store.resourceVersion(),
        clusters: { total: clusters.length, available, byEnv },
        clusterSets: store
          .snapshot('ManagedClusterSet')
          .map(s => s.metadata.name),
        placements: store.snapshot('Placement').map(p => ({
          namespace: p.metadata.namespace ?? '',
          name: p.metadata.name,
          selectedClusters: decidedClusters(
            store,
            p.metadata.name,
            p.metadata.namespace,
          ).length,
        })),
        openWatches: api.watches.size,
      };
    },
    stop() {
      for (const cancel of leaseTimers.values()) cancel();
      leaseTimers.clear();
      controllers.stop();
      api.watches.dropAll();
    },
  };
}
