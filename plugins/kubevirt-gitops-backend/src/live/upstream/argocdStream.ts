/*
 * An ArgoCD instance's Applications followed through
 * `GET /api/v1/stream/applications` (server-sent events, each
 * `data: {"result":{"type":"ADDED|MODIFIED|DELETED","application":{...}}}`).
 *
 * ArgoCD sends every matching Application as ADDED when the stream opens
 * without a resourceVersion, and only later changes with one; it never
 * replays what happened while no stream was open. So each connection opens
 * with the highest resourceVersion seen (`0` the first time: no initial
 * flood), then lists clusters, ApplicationSets and Applications once and
 * merges the list under the events (per Application the higher
 * resourceVersion wins; one that the list lacks and no event touched since
 * the stream opened is gone). Reconnects back off exponentially with
 * jitter. An instance that refuses the stream (403, 404, 405, 501) is
 * polled by the scheduled list instead: said once in the log, tried again
 * after `refusedRetryMs`.
 *
 * ArgoCD streams no cluster or ApplicationSet changes: `listUnwatched`
 * lists those two (small) kinds, which the coordinator calls every poll
 * interval while the stream is open.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ArgocdClient } from '../../argocd/ArgocdClient';
import {
  buildArgocdPart,
  buildArgocdPartBase,
  type ArgocdPartBase,
} from '../../fleet/fetchSnapshotParts';
import type {
  ArgocdPart,
  SnapshotApplication,
  SnapshotPart,
} from '../../fleet/snapshotTypes';
import { mapApplication } from '../../fleet/mapArgoObjects';
import { settle } from '../../upstream/concurrency';
import type { Redactor } from '../../upstream/errors';
import { toUpstreamError, upstreamErrorKind } from '../../upstream/errors';
import type { ByteStreamLike } from '../../upstream/http';
import { asRecord, stringField } from '../../upstream/json';
import { createBackoff, sleep, type BackoffOptions } from './backoff';
import type {
  SourceWatch,
  SourceWatchCounters,
  SourceWatchState,
} from './sourceWatch';

/** Options of {@link createArgocdStreamWatch}. */
export interface ArgocdStreamWatchOptions {
  client: ArgocdClient;
  redact: Redactor;
  logger: LoggerService;
  onChange(): void;
  backoff?: BackoffOptions;
  /** After a refusal, how long until the stream is tried again (default 10 min). */
  refusedRetryMs?: number;
  /** How long to wait for the stream's headers before listing anyway (default 1 s). */
  headerWaitMs?: number;
  /** How often the polling fallback runs, for the log line (ms). */
  pollIntervalMs?: number;
  now?: () => number;
}

/** Statuses that mean "this server does not stream to us": poll instead. */
const REFUSED = new Set([403, 404, 405, 501]);

/**
 * Failure kinds of a cluster or ApplicationSet list that say the instance
 * did not answer (the list path's Application list would fail the same
 * way): reported for the source, the last part kept. Other kinds (a list
 * refused: forbidden, not found, a bad answer) are problems of the part,
 * as in the list path.
 */
const NOT_ANSWERED = new Set([
  'unavailable',
  'unreachable',
  'timeout',
  'rate-limited',
  'credentials-rejected',
]);

/** One parsed stream event. */
export interface ApplicationStreamEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  application: unknown;
}

/**
 * Parses server-sent events as they arrive: `data:` lines up to a blank
 * line make one event. Returns the function to feed chunks to.
 */
export function createSseParser(
  onData: (data: string) => void,
): (chunk: string) => void {
  let buffer = '';
  let data: string[] = [];
  return chunk => {
    buffer += chunk;
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line === '') {
        if (data.length) onData(data.join('\n'));
        data = [];
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      }
      newline = buffer.indexOf('\n');
    }
  };
}

/** The event in one `data:` payload, or an error for grpc-gateway's error frame. */
export function parseStreamData(
  data: string,
): ApplicationStreamEvent | { error: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return undefined;
  }
  const record = asRecord(parsed);
  const result = asRecord(record?.result);
  const type = result?.type;
  if (
    result &&
    (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') &&
    asRecord(result.application)
  ) {
    return { type, application: result.application };
  }
  const error = asRecord(record?.error);
  if (error) {
    return { error: stringField(error, 'message') ?? JSON.stringify(error) };
  }
  return undefined;
}

function keyOf(application: unknown): string | undefined {
  const name = stringField(application, 'metadata', 'name');
  if (!name) return undefined;
  return `${stringField(application, 'metadata', 'namespace') ?? ''}/${name}`;
}

function versionOf(application: unknown): number {
  const value = Number(
    stringField(application, 'metadata', 'resourceVersion') ?? NaN,
  );
  return Number.isFinite(value) ? value : -1;
}

/**
 * An Application as held between events: mapped once (without clusters),
 * with what resolving its destination needs, so the cache does not keep
 * whole Application objects.
 */
interface HeldApplication {
  app: SnapshotApplication;
  version: number;
  /** `spec.destination.name` was given: it names the cluster. */
  named: boolean;
  server?: string;
}

const NO_CLUSTERS: ReadonlyMap<string, string> = new Map();

function holdApplication(
  object: unknown,
): { key: string; held: HeldApplication } | undefined {
  const key = keyOf(object);
  const app = key ? mapApplication(object, NO_CLUSTERS) : undefined;
  if (!key || !app) return undefined;
  const server = stringField(object, 'spec', 'destination', 'server');
  return {
    key,
    held: {
      app,
      version: versionOf(object),
      named: stringField(object, 'spec', 'destination', 'name') !== undefined,
      ...(server ? { server } : {}),
    },
  };
}

/**
 * The held Application with its destination resolved as mapApplication
 * resolves it (destination name, else the cluster of the server URL, else
 * the cluster label, which the held mapping already applied).
 */
function withCluster(
  held: HeldApplication,
  clusterByServer: ReadonlyMap<string, string>,
): SnapshotApplication {
  const byServer =
    !held.named && held.server ? clusterByServer.get(held.server) : undefined;
  return byServer && byServer !== held.app.cluster
    ? { ...held.app, cluster: byServer }
    : held.app;
}

function statusOf(error: unknown): number | undefined {
  const status = asRecord(error)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Creates the stream watch of one ArgoCD instance. */
export function createArgocdStreamWatch(
  options: ArgocdStreamWatchOptions,
): SourceWatch {
  const { client, redact, logger } = options;
  const { source } = client;
  const now = options.now ?? Date.now;
  const refusedRetryMs = options.refusedRetryMs ?? 10 * 60 * 1000;
  const headerWaitMs = options.headerWaitMs ?? 1000;
  const counters: SourceWatchCounters = {
    lists: 0,
    connections: 0,
    events: 0,
    unwatchedLists: 0,
  };
  const applications = new Map<string, HeldApplication>();
  let base: ArgocdPartBase | undefined;
  /** Bumped by every new base: a slower list does not overwrite a newer one. */
  let baseGeneration = 0;
  /**
   * When the last list that succeeded started: the part's `fetchedAt`. An
   * open stream does not show that the instance still answers (it stays
   * open while new requests fail), so the part is "as of" its last list,
   * with the events since.
   */
  let listedAt = 0;
  let clusterByServer: ReadonlyMap<string, string> = NO_CLUSTERS;
  let highestVersion = -1;
  let current: SourceWatchState = 'stopped';
  let changedAt = 0;
  let controller: AbortController | undefined;
  let refusedLogged = false;

  function changed() {
    changedAt = now();
    options.onChange();
  }

  function setBase(next: ArgocdPartBase) {
    base = next;
    baseGeneration += 1;
    clusterByServer = new Map(
      next.clusters.map(cluster => [cluster.server, cluster.name]),
    );
  }

  function put(key: string, held: HeldApplication) {
    applications.set(key, held);
    highestVersion = Math.max(highestVersion, held.version);
  }

  function remove(key: string) {
    applications.delete(key);
  }

  /** Applies one event; `touched` collects keys changed since the stream opened. */
  function apply(event: ApplicationStreamEvent, touched: Set<string>) {
    const key = keyOf(event.application);
    if (!key) return;
    counters.events += 1;
    touched.add(key);
    if (event.type === 'DELETED') {
      highestVersion = Math.max(highestVersion, versionOf(event.application));
      remove(key);
    } else {
      const held = holdApplication(event.application);
      if (held) put(key, held.held);
    }
    if (base) changed();
  }

  async function resync(touched: Set<string>): Promise<void> {
    counters.lists += 1;
    const startedAt = now();
    // The Application list is read and mapped item by item, as the
    // scheduled list reads it.
    const [clusters, applicationSets, listed] = await Promise.all([
      settle(() => client.listClusters()),
      settle(() => client.listApplicationSets()),
      client.mapApplications(holdApplication),
    ]);
    setBase(
      buildArgocdPartBase(source, clusters, applicationSets, options.redact),
    );
    listedAt = Math.max(listedAt, startedAt);
    const listedKeys = new Set<string>();
    for (const { key, held } of listed) {
      listedKeys.add(key);
      const known = applications.get(key);
      const newer = known === undefined || held.version > known.version;
      // An event since the stream opened is at least as new as the list.
      if (newer && !(touched.has(key) && known === undefined)) {
        put(key, held);
      }
    }
    for (const key of [...applications.keys()]) {
      if (!listedKeys.has(key) && !touched.has(key)) remove(key);
    }
    changed();
  }

  async function readEvents(
    body: ByteStreamLike,
    touched: Set<string>,
  ): Promise<void> {
    const decoder = new TextDecoder();
    let failure: string | undefined;
    const feed = createSseParser(data => {
      const event = parseStreamData(data);
      if (!event) return;
      if ('error' in event) failure = event.error;
      else apply(event, touched);
    });
    const reader = body.getReader();
    try {
      while (failure === undefined) {
        const next = await reader.read();
        if (next.done) return;
        if (next.value) feed(decoder.decode(next.value, { stream: true }));
      }
      throw new Error(`${source} ended the Application stream: ${failure}`);
    } finally {
      reader.cancel().catch(() => undefined);
    }
  }

  async function connect(signal: AbortSignal): Promise<'refused' | 'ended'> {
    // One connection: aborted when the watch stops or the connection fails.
    const connection = new AbortController();
    const abort = () => connection.abort();
    signal.addEventListener('abort', abort);
    try {
      return await connectOnce(connection.signal);
    } finally {
      signal.removeEventListener('abort', abort);
      connection.abort();
    }
  }

  function refused(error: unknown): boolean {
    const status = statusOf(error);
    if (status === undefined || !REFUSED.has(status)) return false;
    if (!refusedLogged) {
      refusedLogged = true;
      logger.warn(
        `${source} refused the Application event stream (HTTP ${status}); falling back to polling${
          options.pollIntervalMs
            ? ` every ${Math.round(options.pollIntervalMs / 1000)} s`
            : ''
        }`,
        {
          source,
          status,
          error: toUpstreamError(source, error, redact).message,
        },
      );
    }
    return true;
  }

  async function connectOnce(
    signal: AbortSignal,
  ): Promise<'refused' | 'ended'> {
    const touched = new Set<string>();
    counters.connections += 1;
    const opened = settle(() =>
      client.openApplicationStream({
        signal,
        resourceVersion: String(Math.max(0, highestVersion)),
      }),
    );
    // ArgoCD (grpc-gateway) sends the answer's headers with the first
    // event: a stream opened with a resourceVersion stays silent until
    // something changes. Wait briefly for a refusal, then list anyway.
    const early = await Promise.race([
      opened,
      sleep(headerWaitMs, signal).then(() => undefined),
    ]);
    if (early && !early.ok) {
      if (refused(early.error)) return 'refused';
      throw early.error;
    }
    if (!early) {
      await resync(touched);
      current = 'watching';
    }
    const answer = await opened;
    if (!answer.ok) {
      if (refused(answer.error)) return 'refused';
      throw answer.error;
    }
    const body = answer.value.body;
    if (!body) throw new Error(`${source}: the stream has no body`);
    const events = readEvents(body, touched);
    events.catch(() => undefined);
    if (early) await resync(touched);
    current = 'watching';
    refusedLogged = false;
    await events;
    return 'ended';
  }

  async function run(signal: AbortSignal) {
    const backoff = createBackoff(options.backoff);
    while (!signal.aborted) {
      const openedAt = now();
      let delay: number;
      try {
        const outcome = await connect(signal);
        if (outcome === 'refused') {
          current = 'polling';
          delay = refusedRetryMs;
        } else {
          // A stream that stayed up a while starts the backoff over.
          if (now() - openedAt > 10_000) backoff.reset();
          delay = backoff.next();
        }
      } catch (error) {
        if (signal.aborted) break;
        // A stream that ran a while and then ended (an idle cut, a proxy's
        // limit) is routine; one that fails at once is worth a warning.
        const routine = now() - openedAt > 60_000;
        if (routine) backoff.reset();
        delay = backoff.next();
        (routine ? logger.debug : logger.warn).call(
          logger,
          'ArgoCD Application stream failed; reconnecting',
          {
            source,
            error: toUpstreamError(source, error, redact).message,
            retryInMs: delay,
          },
        );
      }
      if (signal.aborted) break;
      if (current !== 'polling') current = base ? 'reconnecting' : 'connecting';
      await sleep(delay, signal);
    }
  }

  async function listUnwatched(): Promise<boolean> {
    counters.unwatchedLists = (counters.unwatchedLists ?? 0) + 1;
    const generation = baseGeneration;
    const startedAt = now();
    const [clusters, applicationSets] = await Promise.all([
      settle(() => client.listClusters()),
      settle(() => client.listApplicationSets()),
    ]);
    for (const result of [clusters, applicationSets]) {
      if (!result.ok && NOT_ANSWERED.has(upstreamErrorKind(result.error))) {
        throw result.error;
      }
    }
    listedAt = Math.max(listedAt, startedAt);
    // a resync (or an admitted list) since this list started is newer
    if (generation !== baseGeneration) return false;
    const next = buildArgocdPartBase(
      source,
      clusters,
      applicationSets,
      options.redact,
    );
    if (base && JSON.stringify(next) === JSON.stringify(base)) return false;
    setBase(next);
    changed();
    return true;
  }

  function buildPart(): ArgocdPart | undefined {
    if (!base) return undefined;
    const list: SnapshotApplication[] = [];
    for (const held of applications.values()) {
      list.push(withCluster(held, clusterByServer));
    }
    return buildArgocdPart(
      { source, name: client.instance.name },
      base,
      list,
      () => new Date(listedAt || now()),
    );
  }

  return {
    source,
    start() {
      if (controller) return;
      controller = new AbortController();
      current = 'connecting';
      run(controller.signal).catch(() => undefined);
    },
    stop() {
      controller?.abort();
      controller = undefined;
      current = 'stopped';
    },
    state: () => current,
    counters: () => ({ ...counters }),
    lastChangeAt: () => changedAt,
    buildPart,
    listUnwatched,
    admitListPart(listed: SnapshotPart, listStartedAt: number): SnapshotPart {
      if (listed.type !== 'argocd' || !base || current === 'polling') {
        return listed;
      }
      // The list's clusters and ApplicationSets are the newest there are.
      setBase({
        clusters: listed.clusters,
        applicationSets: listed.applicationSets,
        problems: listed.problems,
      });
      listedAt = Math.max(listedAt, listStartedAt);
      if (changedAt < listStartedAt) return listed;
      return buildPart() ?? listed;
    },
  };
}
