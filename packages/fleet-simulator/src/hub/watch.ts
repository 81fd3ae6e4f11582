import type { ServerResponse } from 'node:http';
import type { KubeObject, WatchEventType } from '../contracts';
import type { HubObjectStore, RecordedStoreEvent } from '../store';
import type { CollectionQuery } from './query';
import { objectFilter } from './query';
import type { HubResource } from './resources';
import { apiVersionOf } from './resources';
import { objectJson } from './serialize';
import { tooOldResourceVersion } from './status';

/** Options of the watch streams a hub serves. */
export interface WatchOptions {
  /** Real milliseconds between BOOKMARK events when the client allows them (default 10 s). */
  bookmarkIntervalMs: number;
  /** Seconds a watch stays open when the client sets no `timeoutSeconds` (default 1800). */
  defaultTimeoutSeconds: number;
}

/** How a watch stream is closed: `end` cleanly (a server-side timeout), `destroy` cuts the connection. */
export type WatchCloseMode = 'end' | 'destroy';

/** The open watch streams of a hub, so they can be dropped on demand. */
export class WatchRegistry {
  private readonly open = new Set<(mode: WatchCloseMode) => void>();

  /** Registers a stream's close function; returns the function that unregisters it. */
  add(close: (mode: WatchCloseMode) => void): () => void {
    this.open.add(close);
    return () => this.open.delete(close);
  }

  get size(): number {
    return this.open.size;
  }

  /**
   * Closes every open watch stream: `end` finishes it cleanly (as the API
   * server does at a watch timeout or shutdown; clients resume from their
   * last resourceVersion), `destroy` cuts the connection (a network failure).
   */
  dropAll(mode: WatchCloseMode = 'end') {
    for (const close of [...this.open]) close(mode);
  }
}

function eventLine(
  type: WatchEventType | 'BOOKMARK' | 'ERROR',
  objectText: string,
): string {
  return `{"type":"${type}","object":${objectText}}\n`;
}

function bookmarkText(
  resource: HubResource,
  resourceVersion: string,
  initialEventsEnd: boolean,
): string {
  return JSON.stringify({
    kind: resource.kind,
    apiVersion: apiVersionOf(resource),
    metadata: {
      resourceVersion,
      creationTimestamp: null,
      ...(initialEventsEnd
        ? { annotations: { 'k8s.io/initial-events-end': 'true' } }
        : {}),
    },
  });
}

/**
 * Turns a store event into the event a filtered watch sees: an object that
 * stops matching a selector is DELETED for that watch, one that starts
 * matching is ADDED, as the API server's watch cache does.
 */
function visibleEvent(
  event: RecordedStoreEvent,
  matches: (object: KubeObject) => boolean,
): WatchEventType | undefined {
  const now = matches(event.object);
  if (event.type !== 'MODIFIED' || !event.previous)
    return now ? event.type : undefined;
  const before = matches(event.previous);
  if (now && before) return 'MODIFIED';
  if (now) return 'ADDED';
  return before ? 'DELETED' : undefined;
}

/** Serves `?watch=true` on a collection (or one object through a name field selector). */
export function serveWatch(
  res: ServerResponse,
  context: {
    store: HubObjectStore;
    registry: WatchRegistry;
    options: WatchOptions;
  },
  resource: HubResource,
  namespace: string | undefined,
  query: CollectionQuery,
): void {
  const { store, registry, options } = context;
  const matches = objectFilter(query, namespace);
  const isResource = (object: KubeObject) =>
    object.kind === resource.kind && matches(object);
  res.writeHead(200, {
    'content-type': 'application/json',
    'cache-control': 'no-cache, private',
    'transfer-encoding': 'chunked',
  });
  // Clients wait for the headers before they read events; send them now.
  res.flushHeaders();

  let lastSent = store.resourceVersion();
  const send = (event: RecordedStoreEvent) => {
    lastSent = String(event.resourceVersion);
    if (event.object.kind !== resource.kind) return;
    const type = visibleEvent(event, matches);
    if (type && !res.writableEnded)
      res.write(eventLine(type, objectJson(event.object)));
  };

  const requested = query.resourceVersion;
  if (requested === undefined || requested === '0') {
    for (const object of store.snapshot(resource.kind)) {
      if (isResource(object)) res.write(eventLine('ADDED', objectJson(object)));
    }
    if (query.sendInitialEvents && query.allowWatchBookmarks) {
      res.write(eventLine('BOOKMARK', bookmarkText(resource, lastSent, true)));
    }
  } else {
    const since = Number(requested);
    const history = Number.isInteger(since)
      ? store.eventsSince(since)
      : 'expired';
    if (history === 'expired') {
      const oldest = Number(store.resourceVersion());
      res.end(
        eventLine(
          'ERROR',
          JSON.stringify(tooOldResourceVersion(since, oldest)),
        ),
      );
      return;
    }
    history.forEach(send);
  }

  const unsubscribe = store.subscribeRecorded(send);
  const bookmarks = query.allowWatchBookmarks
    ? setInterval(
        () =>
          res.write(
            eventLine('BOOKMARK', bookmarkText(resource, lastSent, false)),
          ),
        options.bookmarkIntervalMs,
      )
    : undefined;
  const timers: { timeout?: NodeJS.Timeout } = {};
  let unregister: () => void = () => undefined;
  const close = (mode: WatchCloseMode) => {
    unsubscribe();
    unregister();
    clearInterval(bookmarks);
    clearTimeout(timers.timeout);
    if (mode === 'destroy') res.destroy();
    else if (!res.writableEnded) res.end();
  };
  timers.timeout = setTimeout(
    () => close('end'),
    (query.timeoutSeconds || options.defaultTimeoutSeconds) * 1000,
  );
  unregister = registry.add(close);
  res.on('close', () => close('end'));
}
