/*
 * Upstream changes as they happen: per source a watch (hub informers,
 * ArgoCD's application stream) feeds an object cache; a change rebuilds the
 * source's snapshot part with the list path's builders and publishes it,
 * coalesced (every change within `debounceMs` of the first gives one
 * publish). A tick (half of `pollIntervalMs`, at most 5 s) keeps the rest
 * as it was:
 * - a watched source is republished from its cache when nothing changed
 *   for half an interval (no LIST; the snapshot says it is current);
 * - a source not watching (connecting, reconnecting, refused) is listed
 *   every `pollIntervalMs`, as the scheduled refresh did before;
 * - every `safetyNetMs` a watched source is listed anyway (the safety net);
 *   the list goes through `admitListPart`, so it never overwrites events
 *   newer than the list;
 * - what a watched source cannot watch (ArgoCD's clusters and
 *   ApplicationSets: no stream) is listed every `pollIntervalMs`
 *   (`listUnwatched`), and a change is published as a watch event is. When
 *   the upstream does not answer those lists, the error is published for
 *   the source, as a failed list is, and the last part stays (no republish)
 *   until a list succeeds again.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ArgocdClient } from '../../argocd/ArgocdClient';
import type { OcmHubConfig } from '../../config/types';
import type { SnapshotStore } from '../../fleet/SnapshotStore';
import type { SnapshotPart } from '../../fleet/snapshotTypes';
import type { OcmHubClient } from '../../ocm/OcmHubClient';
import type { Redactor } from '../../upstream/errors';
import { toUpstreamError } from '../../upstream/errors';
import { createArgocdStreamWatch } from './argocdStream';
import type { BackoffOptions } from './backoff';
import { createHubWatch } from './hubWatch';
import type {
  SourceWatch,
  SourceWatchCounters,
  SourceWatchState,
} from './sourceWatch';

/** Options of {@link createUpstreamWatches}. */

/** How long stop() waits for a publish or list in flight. */
const STOP_WAIT_MS = 5000;
export interface UpstreamWatchesOptions {
  hubs: OcmHubClient[];
  argocd: ArgocdClient[];
  store: SnapshotStore;
  logger: LoggerService;
  redact: Redactor;
  /**
   * Lists the given sources and publishes them (the fleet snapshot
   * service's `refresh`, whose `admitListPart` is this object's): the
   * polling of sources not watched and the safety net. Without it, sources
   * that are not watched are not refreshed by the watches.
   */
  refresh?: (sources: ReadonlySet<string>) => Promise<void>;
  /** The tick: polling of unwatched sources, republish of quiet ones (default 30 s). */
  pollIntervalMs?: number;
  /** How often a watched source is still listed (default 5 min). */
  safetyNetMs?: number;
  /** Changes within this long of the first one give one publish (default 200 ms). */
  debounceMs?: number;
  /** The KubeConfig of a hub (default: built from its config, TLS verified). */
  hubKubeConfig?: (hub: OcmHubConfig) => KubeConfig | undefined;
  backoff?: BackoffOptions;
  /** After a refused ArgoCD stream or hub watch, how long until it is tried again (default 10 min). */
  refusedRetryMs?: number;
  /** Called after each publish of a watched part (not after the lists). */
  onPublished?: (source: string, at: Date) => void;
  now?: () => number;
}

/** The state of one source, for tests, logs and the benchmark. */
export interface UpstreamSourceStatus extends SourceWatchCounters {
  source: string;
  state: SourceWatchState;
  /** Parts the watches published. */
  publishes: number;
}

/** The running watches of every configured upstream. */
export interface UpstreamWatches {
  /** Starts every watch and the tick (no-op when started). */
  start(): void;
  /** Stops every watch, pending publishes and the tick. */
  stop(): Promise<void>;
  readonly running: boolean;
  status(): UpstreamSourceStatus[];
  /** Resolves true once every source is watching (or polling), false after `timeoutMs`. */
  whenSettled(timeoutMs: number): Promise<boolean>;
  /**
   * For the fleet snapshot service: the part to publish for a list whose
   * calls started at `listStartedAt` (the watch's own when it saw newer changes).
   */
  admitListPart(listed: SnapshotPart, listStartedAt: number): SnapshotPart;
}

interface Entry {
  watch: SourceWatch;
  publishes: number;
  timer?: NodeJS.Timeout;
  publishing?: Promise<void>;
  again: boolean;
  lastPublishAt: number;
  lastListAt: number;
  /** The watch's own list count at the last tick. */
  watchLists: number;
  lastState: SourceWatchState;
  /** When the kinds without a watch were last listed (`listUnwatched`). */
  lastUnwatchedListAt: number;
  unwatchedListing?: Promise<void>;
  /** The last `listUnwatched` failed: its error is published, the last part kept. */
  failing: boolean;
  /** Repeated failures log at debug (as the list path does). */
  lastFailure?: string;
}

/** Creates the watches (not started). */
export function createUpstreamWatches(
  options: UpstreamWatchesOptions,
): UpstreamWatches {
  const { store, logger, redact } = options;
  const now = options.now ?? Date.now;
  const debounceMs = options.debounceMs ?? 200;
  const pollIntervalMs = options.pollIntervalMs ?? 30_000;
  const safetyNetMs = options.safetyNetMs ?? 5 * 60_000;
  const entries = new Map<string, Entry>();
  let running = false;
  let tick: NodeJS.Timeout | undefined;

  function schedule(source: string) {
    const entry = entries.get(source);
    if (!entry || !running) return;
    if (entry.timer) return;
    if (entry.publishing) {
      entry.again = true;
      return;
    }
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      entry.publishing = publish(entry).finally(() => {
        entry.publishing = undefined;
        if (entry.again) {
          entry.again = false;
          schedule(source);
        }
      });
    }, debounceMs);
  }

  async function publish(entry: Entry): Promise<void> {
    const { watch } = entry;
    // a failing source keeps its error and last part until a list succeeds
    if (!running || entry.failing) return;
    const part = watch.buildPart();
    if (!part) return;
    const at = new Date(now());
    try {
      await store.publish({
        source: watch.source,
        part,
        attemptedAt: at.toISOString(),
      });
      entry.publishes += 1;
      entry.lastPublishAt = at.getTime();
      options.onPublished?.(watch.source, at);
    } catch (error) {
      logger.warn('Publishing a watched snapshot part failed', {
        source: watch.source,
        error: toUpstreamError(watch.source, error, redact).message,
      });
    }
  }

  function add(watch: SourceWatch) {
    entries.set(watch.source, {
      watch,
      publishes: 0,
      again: false,
      lastPublishAt: 0,
      lastListAt: now(),
      watchLists: 0,
      lastState: 'stopped',
      lastUnwatchedListAt: now(),
      failing: false,
    });
  }

  /** What every watch takes: the logging, the backoff, the clock. */
  const common = (source: string) => ({
    redact,
    logger,
    onChange: () => schedule(source),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.refusedRetryMs
      ? { refusedRetryMs: options.refusedRetryMs }
      : {}),
    now,
  });
  for (const client of options.hubs) {
    const kubeConfig = options.hubKubeConfig?.(client.hub);
    add(
      createHubWatch({
        client,
        ...(kubeConfig ? { kubeConfig } : {}),
        ...common(client.source),
      }),
    );
  }
  for (const client of options.argocd) {
    add(
      createArgocdStreamWatch({
        client,
        pollIntervalMs,
        ...common(client.source),
      }),
    );
  }

  function logTransitions() {
    for (const entry of entries.values()) {
      const state = entry.watch.state();
      if (state === entry.lastState) continue;
      const message =
        state === 'watching'
          ? 'Watching upstream for changes'
          : `Upstream watch is ${state}`;
      (state === 'watching' || state === 'stopped'
        ? logger.info
        : logger.debug
      ).call(logger, message, { source: entry.watch.source, state });
      entry.lastState = state;
    }
  }

  /**
   * Lists what a watched source cannot watch; publishes a change (through
   * the watch's onChange), or the error for the source as the list path
   * does (same message and log), keeping the last part.
   */
  async function listUnwatched(entry: Entry): Promise<void> {
    const { watch } = entry;
    if (!watch.listUnwatched) return;
    const attemptedAt = new Date(now()).toISOString();
    try {
      const changed = await watch.listUnwatched();
      entry.lastFailure = undefined;
      entry.failing = false;
      // a change was reported (scheduled); else the part is republished
      // with this list's time
      if (!changed) schedule(watch.source);
    } catch (error) {
      if (!running) return;
      const { kind, message } = toUpstreamError(watch.source, error, redact);
      const repeated = entry.lastFailure === message;
      entry.lastFailure = message;
      entry.failing = true;
      clearTimeout(entry.timer);
      entry.timer = undefined;
      (repeated ? logger.debug : logger.warn).call(
        logger,
        'Fleet snapshot refresh failed; keeping the last data',
        { source: watch.source, error: message },
      );
      // a publish under way lands first, so the error is the last word
      await entry.publishing;
      try {
        await store.publish({
          source: watch.source,
          error: message,
          errorKind: kind,
          attemptedAt,
        });
      } catch (publishError) {
        logger.warn('Publishing a watched source failure failed', {
          source: watch.source,
          error: String(publishError),
        });
      }
    }
  }

  // The tick runs at half the poll interval (at most 5 s): a quiet
  // watched part is republished every half interval, so the snapshot's
  // age stays what it was with lists (under an interval) across a failover.
  const tickMs = Math.max(50, Math.min(pollIntervalMs / 2, 5000));

  async function onTick() {
    logTransitions();
    const toList = new Set<string>();
    const at = now();
    // a list is due within half a tick of its time (timers drift)
    const due = (entry: Entry, everyMs: number) =>
      at - entry.lastListAt >= everyMs - tickMs / 2;
    for (const entry of entries.values()) {
      const state = entry.watch.state();
      // A list the watch made itself (a relist after 410 Gone, the stream's
      // resync after a reconnect) is as good as the safety net's, once the
      // watch is back (a source not watching is polled whatever it tried).
      const { lists } = entry.watch.counters();
      if (lists !== entry.watchLists) {
        entry.watchLists = lists;
        if (state === 'watching') {
          entry.lastListAt = at;
          entry.lastUnwatchedListAt = at;
        }
      }
      if (state !== 'watching') entry.failing = false;
      if (due(entry, state === 'watching' ? safetyNetMs : pollIntervalMs)) {
        toList.add(entry.watch.source);
        continue;
      }
      if (state !== 'watching') continue;
      if (
        entry.watch.listUnwatched &&
        !entry.unwatchedListing &&
        at - entry.lastUnwatchedListAt >= pollIntervalMs - tickMs / 2
      ) {
        entry.lastUnwatchedListAt = at;
        entry.unwatchedListing = listUnwatched(entry).finally(() => {
          entry.unwatchedListing = undefined;
        });
      } else if (at - entry.lastPublishAt >= pollIntervalMs / 2 - tickMs / 2) {
        schedule(entry.watch.source);
      }
    }
    if (!toList.size || !options.refresh) return;
    for (const source of toList) {
      const entry = entries.get(source);
      if (entry) {
        entry.lastListAt = at;
        entry.lastUnwatchedListAt = at;
      }
    }
    try {
      await options.refresh(toList);
    } catch (error) {
      logger.warn('Listing unwatched upstreams failed', {
        error: String(error),
      });
    }
  }

  return {
    get running() {
      return running;
    },
    start() {
      if (running) return;
      running = true;
      for (const entry of entries.values()) {
        entry.lastListAt = now();
        entry.lastUnwatchedListAt = now();
        entry.failing = false;
        entry.watch.start();
      }
      tick = setInterval(() => {
        onTick().catch(() => undefined);
      }, tickMs);
    },
    async stop() {
      if (!running) return;
      running = false;
      clearInterval(tick);
      for (const entry of entries.values()) {
        clearTimeout(entry.timer);
        entry.timer = undefined;
        entry.watch.stop();
      }
      // What is in flight (a publish, a small list) may finish, but a
      // stopping backend does not wait on an upstream for long.
      let bounded: NodeJS.Timeout | undefined;
      const settledInTime = await Promise.race([
        Promise.all(
          [...entries.values()].flatMap(entry => [
            entry.publishing,
            entry.unwatchedListing,
          ]),
        ).then(() => true),
        new Promise<boolean>(resolve => {
          bounded = setTimeout(() => resolve(false), STOP_WAIT_MS);
          bounded.unref();
        }),
      ]);
      clearTimeout(bounded);
      if (!settledInTime) {
        logger.warn(
          `Stopped the upstream watches without waiting more than ${STOP_WAIT_MS} ms for a publish or list in flight`,
        );
      }
      logTransitions();
    },
    status() {
      return [...entries.values()].map(entry => ({
        source: entry.watch.source,
        state: entry.watch.state(),
        publishes: entry.publishes,
        ...entry.watch.counters(),
      }));
    },
    async whenSettled(timeoutMs) {
      const deadline = now() + timeoutMs;
      for (;;) {
        const settled = [...entries.values()].every(entry =>
          ['watching', 'polling'].includes(entry.watch.state()),
        );
        if (settled) return true;
        if (now() >= deadline) return false;
        await new Promise(resolve => setTimeout(resolve, 50));
      }
    },
    admitListPart(listed, listStartedAt) {
      const entry = entries.get(listed.source);
      if (!entry || !running) return listed;
      entry.lastListAt = Math.max(entry.lastListAt, listStartedAt);
      entry.lastUnwatchedListAt = Math.max(
        entry.lastUnwatchedListAt,
        listStartedAt,
      );
      // a list that succeeded ends a failure of the unwatched lists
      entry.failing = false;
      entry.lastFailure = undefined;
      const part = entry.watch.admitListPart(listed, listStartedAt);
      if (part !== listed) {
        logger.debug(
          'The watch saw changes newer than the list; publishing the watched part',
          { source: listed.source },
        );
      }
      entry.lastPublishAt = now();
      return part;
    },
  };
}
