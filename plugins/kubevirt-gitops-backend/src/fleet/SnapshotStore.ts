/*
 * Shares the fleet snapshot between backend replicas through the cache
 * service: per upstream a small `meta` entry (sequence, last error) and a
 * gzipped `part`. Readers keep the decoded parts in memory and look at the
 * meta entries at most once per `checkIntervalMs`, so a request never
 * decodes megabytes of JSON.
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { CacheService } from '@backstage/backend-plugin-api';
import type { UpstreamErrorKind } from '@internal/plugin-kubevirt-gitops-common';
import { asRecord, asString } from '../upstream/json';
import { createSingleFlight } from '@internal/plugin-kubevirt-gitops-node';
import {
  SNAPSHOT_FORMAT,
  type FleetSnapshot,
  type PartStatus,
  type SnapshotPart,
} from './snapshotTypes';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** An upstream whose part the store holds. */
export interface SnapshotSource {
  source: string;
  type: SnapshotPart['type'];
}

/** Reads and writes the shared fleet snapshot. */
export interface SnapshotStore {
  /** Stores a refresh outcome: a new part, or an error (the last part stays). */
  publish(outcome: {
    source: string;
    part?: SnapshotPart;
    error?: string;
    errorKind?: UpstreamErrorKind;
    attemptedAt: string;
  }): Promise<void>;
  /** The latest snapshot of every source. */
  read(): Promise<FleetSnapshot>;
  /** True once every source has been attempted at least once. */
  isComplete(snapshot: FleetSnapshot): boolean;
}

/** Options of {@link createSnapshotStore}. */
export interface SnapshotStoreOptions {
  cache: CacheService;
  sources: SnapshotSource[];
  /** How long entries live in the cache. */
  ttlMs: number;
  /** How often readers look for newer parts (default 1 s). */
  checkIntervalMs?: number;
  /**
   * The largest encoded part written (default 32 MiB); a larger one is not
   * written: the part in the cache stays, and the meta says why.
   */
  maxPartBytes?: number;
  now?: () => number;
}

interface Meta {
  seq: string;
  attemptedAt: string;
  error?: string;
  errorKind?: UpstreamErrorKind;
  /**
   * The `seq` of the publish that wrote the part now in the cache: a publish
   * with only an error keeps it, so readers holding that part do not fetch
   * and decode it again.
   */
  partSeq?: string;
}

function parseMeta(value: unknown): Meta | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const record = asRecord(JSON.parse(value));
    const seq = asString(record?.seq);
    const attemptedAt = asString(record?.attemptedAt);
    if (!record || !seq || !attemptedAt) return undefined;
    const error = asString(record.error);
    const errorKind = asString(record.errorKind) as
      | UpstreamErrorKind
      | undefined;
    const partSeq = asString(record.partSeq);
    return {
      seq,
      attemptedAt,
      ...(error ? { error, errorKind: errorKind ?? 'unavailable' } : {}),
      ...(partSeq ? { partSeq } : {}),
    };
  } catch {
    return undefined;
  }
}

function isPart(value: unknown, source: SnapshotSource): value is SnapshotPart {
  const record = asRecord(value);
  return (
    record !== undefined &&
    record.format === SNAPSHOT_FORMAT &&
    record.type === source.type &&
    record.source === source.source &&
    Array.isArray(record.clusters) &&
    Array.isArray(record.problems)
  );
}

async function encodePart(part: SnapshotPart): Promise<string> {
  return (await gzipAsync(JSON.stringify(part))).toString('base64');
}

async function decodePart(
  value: unknown,
  source: SnapshotSource,
): Promise<SnapshotPart | undefined> {
  if (typeof value !== 'string') return undefined;
  try {
    const json = (await gunzipAsync(Buffer.from(value, 'base64'))).toString();
    const parsed: unknown = JSON.parse(json);
    return isPart(parsed, source) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Creates the store. */
export function createSnapshotStore(
  options: SnapshotStoreOptions,
): SnapshotStore {
  const { cache, sources, ttlMs } = options;
  const now = options.now ?? Date.now;
  const checkIntervalMs = options.checkIntervalMs ?? 1000;
  const maxPartBytes = options.maxPartBytes ?? 32 * 1024 * 1024;
  const metaKey = (source: string) =>
    `fleet/v${SNAPSHOT_FORMAT}/${source}/meta`;
  const partKey = (source: string) =>
    `fleet/v${SNAPSHOT_FORMAT}/${source}/part`;
  const local = new Map<string, { meta: Meta; part?: SnapshotPart }>();
  let counter = 0;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let current: FleetSnapshot | undefined;
  const singleFlight = createSingleFlight<FleetSnapshot>();

  function assemble(): FleetSnapshot {
    const status = (source: SnapshotSource): PartStatus => {
      const entry = local.get(source.source);
      return {
        source: source.source,
        ...(entry?.part ? { part: entry.part } : {}),
        ...(entry?.meta.error
          ? {
              error: entry.meta.error,
              errorKind: entry.meta.errorKind ?? 'unavailable',
            }
          : {}),
        ...(entry ? { attemptedAt: entry.meta.attemptedAt } : {}),
      };
    };
    const hubs = sources
      .filter(source => source.type === 'hub')
      .map(source => {
        const { part, ...rest } = status(source);
        return part?.type === 'hub' ? { ...rest, part } : rest;
      });
    const argocd = sources
      .filter(source => source.type === 'argocd')
      .map(source => {
        const { part, ...rest } = status(source);
        return part?.type === 'argocd' ? { ...rest, part } : rest;
      });
    const version = sources
      .map(source => local.get(source.source)?.meta.seq ?? '-')
      .join('|');
    return { version, hubs, argocd };
  }

  async function refreshLocal(): Promise<FleetSnapshot> {
    const metas = await Promise.all(
      sources.map(async source =>
        parseMeta(await cache.get(metaKey(source.source))),
      ),
    );
    await Promise.all(
      sources.map(async (source, index) => {
        const meta = metas[index];
        const known = local.get(source.source);
        if (!meta || known?.meta.seq === meta.seq) return;
        if (
          known?.part &&
          meta.partSeq &&
          known.meta.partSeq === meta.partSeq
        ) {
          // Only the error or attempt time changed: the part is the one held.
          local.set(source.source, { meta, part: known.part });
          return;
        }
        const stored = await cache.get(partKey(source.source));
        const part = (await decodePart(stored, source)) ?? known?.part;
        local.set(source.source, { meta, ...(part ? { part } : {}) });
      }),
    );
    checkedAt = now();
    current = assemble();
    return current;
  }

  return {
    async publish(outcome) {
      const source = sources.find(entry => entry.source === outcome.source);
      if (!source) return;
      counter += 1;
      const known = local.get(source.source);
      let encoded = outcome.part ? await encodePart(outcome.part) : undefined;
      let error = outcome.error;
      let errorKind = outcome.errorKind;
      if (encoded !== undefined && encoded.length > maxPartBytes) {
        const size = (bytes: number) =>
          bytes >= 1024 * 1024
            ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
            : `${(bytes / 1024).toFixed(1)} KiB`;
        error = `the ${source.source} snapshot part is ${size(
          encoded.length,
        )} as stored (gzip, base64), over the ${size(
          maxPartBytes,
        )} bound (kubevirtGitops.refresh.maxSnapshotPartMegabytes): not shared; the last part that fit stays`;
        errorKind = 'config';
        encoded = undefined;
      }
      const newPart = encoded === undefined ? undefined : outcome.part;
      const seq = `${now().toString(36)}-${process.pid}-${counter}`;
      // Without a new part, the part in the cache stays: carry its partSeq
      // over from the cached meta (another replica may have written it).
      const partSeq = newPart
        ? seq
        : parseMeta(await cache.get(metaKey(source.source)))?.partSeq;
      const meta: Meta = {
        seq,
        attemptedAt: outcome.attemptedAt,
        ...(error ? { error, errorKind: errorKind ?? 'unavailable' } : {}),
        ...(partSeq ? { partSeq } : {}),
      };
      if (encoded !== undefined) {
        await cache.set(partKey(source.source), encoded, { ttl: ttlMs });
      }
      await cache.set(metaKey(source.source), JSON.stringify(meta), {
        ttl: ttlMs,
      });
      const part = newPart ?? known?.part;
      local.set(source.source, { meta, ...(part ? { part } : {}) });
      current = assemble();
    },
    read() {
      if (current && now() - checkedAt < checkIntervalMs) {
        return Promise.resolve(current);
      }
      return singleFlight('read', refreshLocal);
    },
    isComplete(snapshot) {
      return [...snapshot.hubs, ...snapshot.argocd].every(
        entry => entry.attemptedAt !== undefined,
      );
    },
  };
}
