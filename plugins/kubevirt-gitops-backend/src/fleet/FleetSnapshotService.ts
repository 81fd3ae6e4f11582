/*
 * Keeps the fleet snapshot fresh: one refresh lists every kind once per
 * upstream (in parallel) and publishes each upstream's part as soon as it
 * arrives. The scheduler runs `refresh` on one replica; every replica reads
 * the shared store.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ArgocdClient } from '../argocd/ArgocdClient';
import type { OcmHubClient } from '../ocm/OcmHubClient';
import type { Redactor } from '../upstream/errors';
import { toUpstreamError } from '../upstream/errors';
import { createSingleFlight } from '@internal/plugin-kubevirt-gitops-node';
import { fetchArgocdPart, fetchHubPart } from './fetchSnapshotParts';
import type { SnapshotStore } from './SnapshotStore';
import type { FleetSnapshot, SnapshotPart } from './snapshotTypes';

/** The fleet snapshot, refreshed in the background. */
export interface FleetSnapshotService {
  /**
   * Lists every upstream now (or only the sources in `only`) and publishes
   * the parts (the scheduled task).
   */
  refresh(only?: ReadonlySet<string>): Promise<void>;
  /** The latest snapshot; on a cold start, waits for one refresh first. */
  getSnapshot(): Promise<FleetSnapshot>;
}

/** Options of {@link createFleetSnapshotService}. */
export interface FleetSnapshotServiceOptions {
  hubs: OcmHubClient[];
  argocd: ArgocdClient[];
  store: SnapshotStore;
  logger: LoggerService;
  redact: Redactor;
  now?: () => Date;
  /**
   * Sees each listed part before it is published, with the time (ms) its
   * lists started, and returns the part to publish: the watches (live/upstream)
   * return a newer one of their own when they saw events after that time, so
   * an older list never overwrites newer watch data.
   */
  admitListPart?: (
    part: SnapshotPart,
    listStartedAt: number,
  ) => SnapshotPart | Promise<SnapshotPart>;
}

/** Creates the service. */
export function createFleetSnapshotService(
  options: FleetSnapshotServiceOptions,
): FleetSnapshotService {
  const { store, logger, redact } = options;
  const now = options.now ?? (() => new Date());
  const singleFlight = createSingleFlight<void>();
  /**
   * Per source, what the last refresh saw (counts, or the error): a routine
   * refresh that sees the same logs at debug, a change or a failure at
   * info/warn, so the log says when something happened, not every interval.
   */
  const lastSeen = new Map<string, string>();

  async function refreshSource(
    source: string,
    fetchPart: () => Promise<SnapshotPart>,
  ): Promise<void> {
    const started = Date.now();
    const attemptedAt = now().toISOString();
    try {
      const listed = await fetchPart();
      const part = options.admitListPart
        ? await options.admitListPart(listed, started)
        : listed;
      await store.publish({ source, part, attemptedAt });
      const seen = {
        clusters: part.clusters.length,
        applications: part.type === 'argocd' ? part.applications.length : 0,
        problems: part.problems.length,
      };
      const key = JSON.stringify(seen);
      const changed = lastSeen.get(source) !== key;
      lastSeen.set(source, key);
      (changed ? logger.info : logger.debug).call(
        logger,
        changed
          ? 'Refreshed fleet snapshot part (changed since the last refresh)'
          : 'Refreshed fleet snapshot part',
        { source, ...seen, durationMs: Date.now() - started },
      );
    } catch (error) {
      const { kind, message } = toUpstreamError(source, error, redact);
      const key = `error:${message}`;
      const repeated = lastSeen.get(source) === key;
      lastSeen.set(source, key);
      (repeated ? logger.debug : logger.warn).call(
        logger,
        'Fleet snapshot refresh failed; keeping the last data',
        { source, error: message, durationMs: Date.now() - started },
      );
      await store.publish({
        source,
        error: message,
        errorKind: kind,
        attemptedAt,
      });
    }
  }

  function refresh(only?: ReadonlySet<string>): Promise<void> {
    const wanted = (source: string) => !only || only.has(source);
    const key = only ? `refresh:${[...only].sort().join(',')}` : 'refresh';
    return singleFlight(key, async () => {
      await Promise.all([
        ...options.hubs
          .filter(client => wanted(client.source))
          .map(client =>
            refreshSource(client.source, () =>
              fetchHubPart(client, redact, now),
            ),
          ),
        ...options.argocd
          .filter(client => wanted(client.source))
          .map(client =>
            refreshSource(client.source, () =>
              fetchArgocdPart(client, redact, now),
            ),
          ),
      ]);
    });
  }

  return {
    refresh,
    async getSnapshot() {
      const snapshot = await store.read();
      if (store.isComplete(snapshot)) {
        return snapshot;
      }
      await refresh();
      return store.read();
    },
  };
}
