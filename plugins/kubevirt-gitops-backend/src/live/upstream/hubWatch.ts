/*
 * A hub's four OCM kinds followed by `@kubernetes/client-node` informers
 * (ListWatch). What the library does itself: the initial list (ours, through
 * OcmHubClient, paginated), watching from the list's resourceVersion,
 * resuming from the last event's (or bookmark's) resourceVersion when a
 * watch ends cleanly, and a relist when the hub answers 410 Gone (as an
 * HTTP status or as a watch ERROR event). What it does not, and this file
 * adds: `allowWatchBookmarks` and a server-side `timeoutSeconds` on each
 * watch (the library sends neither), a restart with backoff after an error
 * (the library stops for good), backoff when watches end as soon as they
 * open, and knowing whether the watch is connected.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubeConfig,
  ListWatch,
  Watch,
  type KubernetesListObject,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { buildHubPart, type HubLists } from '../../fleet/fetchSnapshotParts';
import type { HubPart, SnapshotPart } from '../../fleet/snapshotTypes';
import {
  createHubKubeConfig,
  OCM_KINDS,
  type OcmHubClient,
  type OcmKind,
} from '../../ocm/OcmHubClient';
import type { Settled } from '../../upstream/concurrency';
import type { Redactor } from '../../upstream/errors';
import { toUpstreamError } from '../../upstream/errors';
import { asRecord } from '../../upstream/json';
import { createBackoff, type BackoffOptions } from './backoff';
import type {
  SourceWatch,
  SourceWatchCounters,
  SourceWatchState,
} from './sourceWatch';

/** Options of {@link createHubWatch}. */
export interface HubWatchOptions {
  client: OcmHubClient;
  /** Defaults to the hub's own (URL + token + CA, TLS verified). */
  kubeConfig?: KubeConfig;
  redact: Redactor;
  logger: LoggerService;
  /** Called on every change of the cache (the coordinator coalesces). */
  onChange(): void;
  backoff?: BackoffOptions;
  /** After a refused watch, how long until it is tried again (default 10 min). */
  refusedRetryMs?: number;
  /** Server-side watch timeout range in seconds (default 300–600, as client-go picks). */
  watchTimeoutSeconds?: [number, number];
  now?: () => number;
}

type KindKey = keyof typeof OCM_KINDS;

/** Watch answers that mean "not for you" (RBAC without the watch verb, a proxy): poll. */
const WATCH_REFUSED = new Set([403, 405, 501]);

/** The status of a refused watch request (the library puts it on `statusCode`). */
function refusedStatus(error: unknown): number | undefined {
  const status = asRecord(error)?.statusCode;
  return typeof status === 'number' && WATCH_REFUSED.has(status)
    ? status
    : undefined;
}
const KIND_KEYS = Object.keys(OCM_KINDS) as KindKey[];

function collectionPath(kind: OcmKind): string {
  return `/apis/${kind.group}/${kind.version}/${kind.plural}`;
}

/**
 * The library's Watch with the query parameters its ListWatch leaves out,
 * and hooks to see a watch open and end.
 */
class HubKindWatch extends Watch {
  constructor(
    config: KubeConfig,
    private readonly hooks: {
      timeoutSeconds(): number;
      requested(): void;
      opened(controller: AbortController): void;
      ended(error: unknown, done: () => void): void;
      event(phase: string): void;
    },
  ) {
    super(config);
  }

  override async watch(
    path: string,
    queryParams: Record<string, string | number | boolean | undefined>,
    callback: (phase: string, apiObj: unknown, watchObj?: unknown) => void,
    done: (err: unknown) => void,
  ): Promise<AbortController> {
    let ended = false;
    this.hooks.requested();
    const controller = await super.watch(
      path,
      {
        ...queryParams,
        allowWatchBookmarks: true,
        timeoutSeconds: this.hooks.timeoutSeconds(),
      },
      (phase, object, watchObject) => {
        this.hooks.event(phase);
        callback(phase, object, watchObject);
      },
      error => {
        ended = true;
        this.hooks.ended(error, () => done(error));
      },
    );
    if (!ended) this.hooks.opened(controller);
    return controller;
  }
}

interface KindFlags {
  listed: boolean;
  connected: boolean;
  lastError?: unknown;
  restart?: NodeJS.Timeout;
  watchdog?: NodeJS.Timeout;
  /** The hub answered the watch request with a refusal (e.g. no watch verb). */
  refused?: boolean;
}

interface KindState extends KindFlags {
  kind: OcmKind;
  informer: ListWatch<KubernetesObject>;
}

/** Creates the watch of one hub. */
export function createHubWatch(options: HubWatchOptions): SourceWatch {
  const { client, redact, logger } = options;
  const { source } = client;
  const now = options.now ?? Date.now;
  const kubeConfig = options.kubeConfig ?? createHubKubeConfig(client.hub);
  const [minTimeout, maxTimeout] = options.watchTimeoutSeconds ?? [300, 600];
  const counters: SourceWatchCounters = { lists: 0, connections: 0, events: 0 };
  let stopped = true;
  let changedAt = 0;
  const refusedRetryMs = options.refusedRetryMs ?? 10 * 60 * 1000;
  const refusalsLogged = new Set<string>();
  const kinds = new Map<KindKey, KindState>();

  function changed() {
    changedAt = now();
    options.onChange();
  }

  function createKind(key: KindKey): KindState {
    const kind: OcmKind = OCM_KINDS[key];
    const backoff = createBackoff(options.backoff);
    const entry: KindFlags = { listed: false, connected: false };
    let openedAt = 0;
    let lastActivity = 0;
    let active: AbortController | undefined;
    // A watch the hub should have ended (timeoutSeconds) but that stays
    // silent is a dead connection (e.g. a partition without a reset): cut
    // it, so the informer reconnects.
    const silentLimitMs = (maxTimeout + 30) * 1000;
    entry.watchdog = setInterval(() => {
      if (entry.connected && now() - lastActivity > silentLimitMs) {
        logger.warn('Hub watch silent past its timeout; reconnecting', {
          source,
          kind: kind.kind,
        });
        active?.abort();
      }
    }, 15_000);
    entry.watchdog.unref?.();
    let eventsThisWatch = 0;
    const watch = new HubKindWatch(kubeConfig, {
      timeoutSeconds: () =>
        Math.round(minTimeout + Math.random() * (maxTimeout - minTimeout)),
      requested: () => {
        counters.connections += 1;
      },
      opened: controller => {
        active = controller;
        entry.refused = false;
        refusalsLogged.delete(kind.kind);
        openedAt = now();
        lastActivity = openedAt;
        eventsThisWatch = 0;
        entry.connected = true;
      },
      event: phase => {
        eventsThisWatch += 1;
        lastActivity = now();
        if (phase !== 'ERROR') backoff.reset();
      },
      ended: (error, done) => {
        const wasConnected = entry.connected;
        entry.connected = false;
        if (error || stopped) {
          done();
          return;
        }
        // A clean end resumes at once, unless watches end as soon as they
        // open (a proxy cutting them): then wait, as after an error.
        const quick =
          wasConnected && eventsThisWatch === 0 && now() - openedAt < 1000;
        if (!quick) {
          done();
          return;
        }
        setTimeout(() => {
          if (!stopped) done();
        }, backoff.next());
      },
    });
    const informer = new ListWatch<KubernetesObject>(
      collectionPath(kind),
      watch,
      async (): Promise<KubernetesListObject<KubernetesObject>> => {
        counters.lists += 1;
        const { items, resourceVersion } = await client.listVersioned(kind);
        entry.listed = true;
        entry.lastError = undefined;
        return {
          apiVersion: `${kind.group}/${kind.version}`,
          kind: `${kind.kind}List`,
          metadata: { resourceVersion },
          items: items as KubernetesObject[],
        };
      },
      false,
    );
    const onObject = () => {
      counters.events += 1;
      changed();
    };
    informer.on('add', onObject);
    informer.on('update', onObject);
    informer.on('delete', onObject);
    informer.on('error', (error: unknown) => {
      entry.connected = false;
      entry.lastError = error;
      if (stopped) return;
      const status = refusedStatus(error);
      entry.refused = status !== undefined;
      if (status !== undefined) {
        if (!refusalsLogged.has(kind.kind)) {
          refusalsLogged.add(kind.kind);
          logger.warn(
            `${source} refused to watch ${kind.kind} objects (HTTP ${status}); falling back to polling`,
            { source, kind: kind.kind, status },
          );
        }
        clearTimeout(entry.restart);
        entry.restart = setTimeout(() => {
          if (!stopped) informer.start().catch(() => undefined);
        }, refusedRetryMs);
        return;
      }
      const delay = backoff.next();
      logger.warn('Hub watch failed; reconnecting', {
        source,
        kind: kind.kind,
        error: toUpstreamError(source, error, redact).message,
        retryInMs: delay,
      });
      clearTimeout(entry.restart);
      entry.restart = setTimeout(() => {
        if (!stopped) informer.start().catch(() => undefined);
      }, delay);
    });
    return Object.assign(entry, { kind, informer });
  }

  function settledList(key: KindKey): Settled<unknown[]> {
    const kind = kinds.get(key);
    if (kind?.listed) return { ok: true, value: [...kind.informer.list()] };
    return {
      ok: false,
      error:
        kind?.lastError ??
        new Error(`${source}: ${OCM_KINDS[key].kind} objects not listed yet`),
    };
  }

  function state(): SourceWatchState {
    if (stopped) return 'stopped';
    const all = [...kinds.values()];
    if (!all.length || !kinds.get('managedClusters')?.listed) {
      return 'connecting';
    }
    if (all.some(kind => kind.refused)) return 'polling';
    return all.every(kind => kind.connected) ? 'watching' : 'reconnecting';
  }

  function buildPart(): HubPart | undefined {
    if (!kinds.get('managedClusters')?.listed) return undefined;
    const lists: HubLists = {
      clusters: settledList('managedClusters'),
      sets: settledList('managedClusterSets'),
      placements: settledList('placements'),
      decisions: settledList('placementDecisions'),
    };
    return buildHubPart(
      { source, name: client.hub.name },
      lists,
      redact,
      () => new Date(now()),
    );
  }

  return {
    source,
    start() {
      if (!stopped) return;
      stopped = false;
      for (const key of KIND_KEYS) {
        const kind = createKind(key);
        kinds.set(key, kind);
        kind.informer.start().catch(() => undefined);
      }
    },
    stop() {
      stopped = true;
      for (const kind of kinds.values()) {
        clearTimeout(kind.restart);
        clearInterval(kind.watchdog);
        kind.informer.stop().catch(() => undefined);
      }
      kinds.clear();
    },
    state,
    counters: () => ({ ...counters }),
    lastChangeAt: () => changedAt,
    buildPart,
    admitListPart(listed: SnapshotPart, listStartedAt: number): SnapshotPart {
      const current = state();
      if (current === 'connecting' || current === 'polling') return listed;
      if (changedAt < listStartedAt) return listed;
      return buildPart() ?? listed;
    },
  };
}
