/*
 * The backend `yarn bench:live` measures: the kubevirt-gitops plugin with
 * the real scheduler, the signals backend and the events backend in one
 * test backend (mock auth, ALLOW permissions, an in-memory catalog), over a
 * cache service that timestamps every write of the fleet snapshot, and a
 * real websocket client subscribed to the plugin's signal channels.
 */
import {
  coreServices,
  createServiceFactory,
  type CacheService,
  type CacheServiceOptions,
  type CacheServiceSetOptions,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import eventsBackend from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import signalsPlugin from '@backstage/plugin-signals-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  durationToMilliseconds,
  type JsonObject,
  type JsonValue,
} from '@backstage/types';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import WebSocket from 'ws';
import { kubevirtGitopsPlugin } from '../src/plugin';
import { simulatorConfig } from '../src/__testUtils__/simulatorConfig';
import type { SnapshotPart } from '../src/fleet/snapshotTypes';
import type { LiveSimulatorReady } from './liveSimulatorProcess';

const gunzipAsync = promisify(gunzip);

/** One write of a snapshot part's meta entry: the moment the part is what this replica's routes read. */
export interface SnapshotWrite {
  /** performance.now() of the write. */
  at: number;
  /** `ocm:<hub>` or `argocd:<instance>`. */
  source: string;
  /** The encoded part in the cache at that moment (gzip, base64). */
  encodedPart?: string;
}

/** Decodes a stored part (what SnapshotStore writes). */
export async function decodePart(
  encoded: string,
): Promise<SnapshotPart | undefined> {
  try {
    return JSON.parse(
      (await gunzipAsync(Buffer.from(encoded, 'base64'))).toString(),
    ) as SnapshotPart;
  } catch {
    return undefined;
  }
}

const SNAPSHOT_KEY = /^fleet\/v\d+\/(.+)\/(meta|part)$/;

/**
 * An in-memory cache service (one store per plugin) that records when each
 * snapshot part becomes current: SnapshotStore writes the part, then its
 * meta entry, then serves it to this replica's routes (and to the signals
 * check). The hook costs a regular expression per write; decoding happens
 * after the measurement.
 */
function recordingCacheFactory(onWrite: (write: SnapshotWrite) => void) {
  return createServiceFactory({
    service: coreServices.cache,
    deps: { plugin: coreServices.pluginMetadata },
    factory({ plugin }) {
      const entries = new Map<string, { value: JsonValue; expires: number }>();
      const lastPart = new Map<string, string>();
      const make = (defaultTtl?: number): CacheService => ({
        async get<T extends JsonValue>(key: string) {
          const entry = entries.get(key);
          if (!entry) return undefined;
          if (entry.expires < Date.now()) {
            entries.delete(key);
            return undefined;
          }
          return entry.value as T;
        },
        async set(key, value, options?: CacheServiceSetOptions) {
          const ttl = options?.ttl ?? defaultTtl;
          let ttlMs = 3_600_000;
          if (typeof ttl === 'number') ttlMs = ttl;
          else if (ttl) ttlMs = durationToMilliseconds(ttl);
          entries.set(key, { value, expires: Date.now() + ttlMs });
          if (plugin.getId() !== 'kubevirt-gitops') return;
          const match = SNAPSHOT_KEY.exec(key);
          if (!match) return;
          if (match[2] === 'part' && typeof value === 'string') {
            lastPart.set(match[1], value);
          } else if (match[2] === 'meta') {
            onWrite({
              at: performance.now(),
              source: match[1],
              encodedPart: lastPart.get(match[1]),
            });
          }
        },
        async delete(key) {
          entries.delete(key);
        },
        withOptions(options: CacheServiceOptions) {
          const ttl = options.defaultTtl;
          return make(typeof ttl === 'number' ? ttl : defaultTtl);
        },
      });
      return make();
    },
  });
}

/** A running backend with its subscribed client. */
export interface LiveBackend {
  baseUrl: string;
  /** Every snapshot write so far (the caller trims it). */
  writes: SnapshotWrite[];
  /** Every signal the websocket client received: when, and on which channel. */
  signals: Array<{ at: number; channel: string; message: unknown }>;
  /** GET with the mock user's token. */
  get(path: string): Promise<Response>;
  /** Opens the websocket and subscribes to the channels. */
  subscribe(channels: string[]): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the plugin, signals and events backends against the simulator. */
export async function startLiveBackend(options: {
  simulator: LiveSimulatorReady;
  entities: Entity[];
  refresh: JsonObject;
}): Promise<LiveBackend> {
  const writes: SnapshotWrite[] = [];
  const signals: LiveBackend['signals'] = [];
  const config = simulatorConfig(options.simulator, {
    refresh: options.refresh,
    timeouts: { argocdMs: 20000, hubMs: 10000, githubMs: 5000 },
  });
  // the test config's per-upstream timeouts (2 s, 1 s) are for the demo
  // fleet; listing 20,000 Applications on a loaded machine takes longer
  const upstreams = config.kubevirtGitops as {
    argocd: { instances: JsonObject[] };
    ocm: { hubs: JsonObject[] };
  };
  upstreams.argocd.instances.forEach(instance => {
    instance.timeoutMs = 20000;
  });
  upstreams.ocm.hubs.forEach(hub => {
    hub.timeoutMs = 10000;
  });
  const backend = await startTestBackend({
    features: [
      kubevirtGitopsPlugin,
      signalsPlugin,
      eventsBackend,
      eventsServiceFactory,
      // One process: events (the signals among them) go through the events
      // service's local bus. The events backend's HTTP bus, for several
      // replicas, would hold a long poll open that delays the backend's stop
      // by up to a minute between runs.
      mockServices.rootConfig.factory({
        data: { ...config, events: { useEventBus: 'never' } },
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      schedulerServiceFactory,
      catalogServiceMock.factory({ entities: options.entities }),
      recordingCacheFactory(write => writes.push(write)),
      mockServices.rootLogger.factory({ level: 'warn' }),
      // no notifications backend here: what the plugin sends is dropped
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => undefined }),
      }),
    ],
  });
  const address = backend.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${address.port}`;
  let socket: WebSocket | undefined;

  async function connect(): Promise<WebSocket> {
    // The signals router hooks the server's upgrade event on the first
    // upgrade request it sees (which then fails), as the browser's
    // SignalClient finds out by reconnecting: retry.
    let lastError: unknown;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      try {
        return await new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(
            `ws://127.0.0.1:${address.port}/api/signals`,
            mockCredentials.user.token(),
          );
          const timer = setTimeout(() => {
            ws.terminate();
            reject(new Error('no answer within 2 s'));
          }, 2000);
          ws.once('open', () => {
            clearTimeout(timer);
            resolve(ws);
          });
          ws.once('error', error => {
            clearTimeout(timer);
            reject(error);
          });
        });
      } catch (error) {
        lastError = error;
        if (process.env.BENCH_LIVE_DEBUG)
          process.stderr.write(`websocket attempt ${attempt + 1}: ${error}\n`);
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    }
    throw new Error(`could not open the signals websocket: ${lastError}`);
  }

  return {
    baseUrl,
    writes,
    signals,
    get: path =>
      fetch(`${baseUrl}${path}`, {
        headers: { authorization: mockCredentials.user.header() },
      }),
    async subscribe(channels) {
      socket = await connect();
      socket.on('message', data => {
        const at = performance.now();
        try {
          const parsed = JSON.parse(String(data)) as {
            channel?: string;
            message?: unknown;
          };
          if (parsed.channel) {
            signals.push({
              at,
              channel: parsed.channel,
              message: parsed.message,
            });
          }
        } catch {
          // not a signal
        }
      });
      for (const channel of channels) {
        socket.send(JSON.stringify({ action: 'subscribe', channel }));
      }
      // the subscription is handled when the message arrives
      await new Promise(resolve => setTimeout(resolve, 200));
    },
    async stop() {
      socket?.close();
      await backend.stop();
    },
  };
}
