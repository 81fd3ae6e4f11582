/*
 * What the watches of one upstream (a hub's informers, an ArgoCD instance's
 * application stream) offer the coordinator: their state, an object cache
 * turned into a snapshot part with the list path's builders, and the rule
 * that keeps an older list from overwriting newer watch data.
 */
import type { SnapshotPart } from '../../fleet/snapshotTypes';

/**
 * Where a source's watch stands:
 * - `connecting`: not listed yet;
 * - `watching`: listed and connected, the cache follows the upstream;
 * - `reconnecting`: listed once, the connection is being re-established
 *   (the cache may lag, so the source is polled meanwhile);
 * - `polling`: the upstream refused to be watched (e.g. no stream
 *   endpoint); the scheduled list keeps the source fresh.
 */
export type SourceWatchState =
  | 'connecting'
  | 'watching'
  | 'reconnecting'
  | 'polling'
  | 'stopped';

/** Counters of one source's watch, for tests, logs and the benchmark. */
export interface SourceWatchCounters {
  /** LISTs the watch made (initial lists, relists after 410 Gone, resyncs after a reconnect). */
  lists: number;
  /** Watch (hub) or stream (ArgoCD) requests made. */
  connections: number;
  /** Object events applied (ADDED, MODIFIED, DELETED). */
  events: number;
  /**
   * Periodic lists of the kinds the watch does not follow (ArgoCD's clusters
   * and ApplicationSets), see {@link SourceWatch.listUnwatched}.
   */
  unwatchedLists?: number;
}

/** The watch of one upstream. */
export interface SourceWatch {
  readonly source: string;
  start(): void;
  stop(): void;
  state(): SourceWatchState;
  counters(): SourceWatchCounters;
  /** When the cache last changed (ms since epoch; 0 before the first list). */
  lastChangeAt(): number;
  /** The part built from the cache; undefined until the first list. */
  buildPart(): SnapshotPart | undefined;
  /**
   * A part the scheduled list built, its lists started at `listStartedAt`:
   * returns the part to publish (the cache's when it changed after that).
   */
  admitListPart(listed: SnapshotPart, listStartedAt: number): SnapshotPart;
  /**
   * Lists the kinds the upstream offers no watch for (ArgoCD: clusters and
   * ApplicationSets, small lists) into the cache; resolves true when they
   * changed (the watch has then reported a change). Rejects with the error
   * to report for the source when the upstream did not answer them (the
   * cache keeps what it had); a list the upstream refused (403, 404)
   * becomes a problem of the part, as in the list path.
   */
  listUnwatched?(): Promise<boolean>;
}
