/*
 * Memoized views of the current snapshot: the index and the serialized
 * `/fleet` bodies are computed once per snapshot version (and at least once
 * a minute, so staleness notes stay true), not once per request.
 */
import { NotFoundError } from '@backstage/errors';
import type {
  EnvironmentsResponse,
  VmChoicesResponse,
} from '@internal/plugin-kubevirt-gitops-common';
import type { BackendConfig } from '../config/types';
import { serializeJson, type SerializedBody } from '../service/serializedBody';
import { buildChoicesResponse } from './buildChoicesResponse';
import { buildEnvironmentsResponse } from './buildEnvironmentsResponse';
import { buildFleetResponse } from './buildFleetResponse';
import { buildFleetIndex, type FleetIndex } from './fleetIndex';
import type { FleetSnapshotService } from './FleetSnapshotService';
import type { FleetSnapshot } from './snapshotTypes';

/** The views the routes answer from. */
export interface FleetViews {
  /** The lookup tables of the current snapshot. */
  index(): Promise<FleetIndex>;
  /** The `/fleet` answer, serialized; NotFoundError for a cluster set no hub has. */
  fleet(clusterSet?: string): Promise<SerializedBody>;
  /** The `/environments` answer. */
  environments(): Promise<EnvironmentsResponse>;
  /** The `/choices` answer. */
  choices(): Promise<VmChoicesResponse>;
}

/** Options of {@link createFleetViews}. */
export interface FleetViewsOptions {
  snapshots: FleetSnapshotService;
  config: Pick<
    BackendConfig,
    'gitops' | 'hubs' | 'refresh' | 'virtualizationStackPattern'
  >;
  /** How long a memo lives even without a new snapshot (default 60 s). */
  maxMemoAgeMs?: number;
  now?: () => number;
}

/** The time of a snapshot: when its oldest part was fetched. */
export function snapshotTime(
  snapshot: FleetSnapshot,
  fallback: number,
): string {
  const times = [...snapshot.hubs, ...snapshot.argocd]
    .map(status => status.part?.fetchedAt)
    .filter((time): time is string => time !== undefined)
    .sort();
  return times[0] ?? new Date(fallback).toISOString();
}

/** Creates the memoized views. */
export function createFleetViews(options: FleetViewsOptions): FleetViews {
  const { config, snapshots } = options;
  const now = options.now ?? Date.now;
  const maxMemoAgeMs = options.maxMemoAgeMs ?? 60_000;
  const hubClusterSets = new Map(
    config.hubs.map(hub => [hub.name, hub.clusterSets]),
  );
  let memo:
    | {
        version: string;
        builtAt: number;
        index: FleetIndex;
        bodies: Map<string, SerializedBody>;
        environments?: EnvironmentsResponse;
        choices?: VmChoicesResponse;
      }
    | undefined;

  async function current() {
    const snapshot = await snapshots.getSnapshot();
    if (
      !memo ||
      memo.version !== snapshot.version ||
      now() - memo.builtAt > maxMemoAgeMs
    ) {
      memo = {
        version: snapshot.version,
        builtAt: now(),
        index: buildFleetIndex(snapshot, {
          environments: config.gitops?.environments ?? [],
          hubClusterSets,
          staleAfterMs: config.refresh.fleetIntervalMs * 3,
          now,
        }),
        bodies: new Map(),
      };
    }
    return memo;
  }

  return {
    async index() {
      return (await current()).index;
    },
    async fleet(clusterSet) {
      const entry = await current();
      const key = clusterSet ?? '';
      const cached = entry.bodies.get(key);
      if (cached) return cached;
      const { index } = entry;
      if (
        clusterSet &&
        index.hubsComplete &&
        !index.clusterSets.has(clusterSet)
      ) {
        throw new NotFoundError(
          `No ManagedClusterSet "${clusterSet}" is shown; known sets: ${
            [...index.clusterSets].sort().join(', ') || '(none)'
          }`,
        );
      }
      const response = buildFleetResponse(index, {
        clusterSet,
        virtualizationStackPattern: config.virtualizationStackPattern,
        generatedAt: snapshotTime(index.snapshot, now()),
      });
      const serialized = serializeJson(response);
      if (!clusterSet || index.clusterSets.has(clusterSet)) {
        entry.bodies.set(key, serialized);
      }
      return serialized;
    },
    async environments() {
      const entry = await current();
      if (!entry.environments) {
        entry.environments = buildEnvironmentsResponse(
          entry.index,
          config.gitops,
          snapshotTime(entry.index.snapshot, now()),
        );
      }
      return entry.environments;
    },
    async choices() {
      const entry = await current();
      if (!entry.choices) {
        entry.choices = buildChoicesResponse(
          entry.index,
          config.gitops,
          snapshotTime(entry.index.snapshot, now()),
        );
      }
      return entry.choices;
    },
  };
}
