import type { Clock } from '../contracts';
import type { HubObjectStore } from '../store';
import { reconcilePlacements } from './placementController';
import {
  reconcileBindings,
  reconcileClusterSets,
  reconcileGitOpsClusters,
} from './statusController';

const TRIGGER_KINDS = new Set([
  'ManagedCluster',
  'ManagedClusterSet',
  'ManagedClusterSetBinding',
  'Placement',
  'GitOpsCluster',
]);

/** The hub's controllers (cluster sets, bindings, placements, GitOpsClusters). */
export interface HubControllers {
  /** Runs every controller now, synchronously. */
  reconcileNow(): void;
  stop(): void;
}

/**
 * Starts the controllers: any write to a kind they read schedules one
 * reconcile pass in a microtask, so a burst of writes (a scenario load, a
 * thousand availability changes) costs one pass.
 */
export function startHubControllers(
  store: HubObjectStore,
  clock: Clock,
): HubControllers {
  let scheduled = false;
  let stopped = false;

  const reconcileNow = () => {
    const now = clock.now();
    reconcileClusterSets(store, now);
    reconcileBindings(store, now);
    reconcilePlacements(store, now);
    reconcileGitOpsClusters(store, now);
  };

  const unsubscribe = store.subscribe(event => {
    if (scheduled || stopped || !TRIGGER_KINDS.has(event.object.kind)) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      if (!stopped) reconcileNow();
    });
  });

  return {
    reconcileNow,
    stop() {
      stopped = true;
      unsubscribe();
    },
  };
}
