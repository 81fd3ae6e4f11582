/*
 * Caching: an assembled VM answer is reused for identical requests (same
 * entity, same annotations) for VM_RESPONSE_TTL_MS; a refresh of the entity
 * drops it, and concurrent refreshes of one entity share one run. The rows
 * come from a snapshot and a detail cache that are refreshed less often
 * anyway.
 */
import type {
  VmAnnotations,
  VmRefreshResponse,
} from '@internal/plugin-kubevirt-gitops-common';
import {
  createSingleFlight,
  createTtlCache,
} from '@internal/plugin-kubevirt-gitops-node';
import type { SerializedBody } from '../service/serializedBody';

/** How long an assembled answer is reused for identical requests. */
export const VM_RESPONSE_TTL_MS = 5000;

/** The VM routes' answer cache. */
export interface VmResponseCache {
  /** The cached body, or `make`'s (shared by concurrent callers). */
  body(
    entityRef: string,
    annotations: VmAnnotations,
    make: () => Promise<SerializedBody>,
  ): Promise<SerializedBody>;
  /** Drops the entity's cached body. */
  drop(entityRef: string, annotations: VmAnnotations): void;
  /** Runs one refresh per entity at a time. */
  refresh(
    entityRef: string,
    run: () => Promise<VmRefreshResponse>,
  ): Promise<VmRefreshResponse>;
}

/** Creates the cache. */
export function createVmResponseCache(): VmResponseCache {
  const refreshes = createSingleFlight<VmRefreshResponse>();
  const bodies = createTtlCache<SerializedBody>({
    ttlMs: VM_RESPONSE_TTL_MS,
    maxEntries: 1000,
  });
  const key = (entityRef: string, annotations: VmAnnotations) =>
    `${entityRef}\n${JSON.stringify(annotations)}`;
  return {
    body: (entityRef, annotations, make) =>
      bodies.get(key(entityRef, annotations), make),
    drop: (entityRef, annotations) =>
      bodies.delete(key(entityRef, annotations)),
    refresh: (entityRef, run) => refreshes(entityRef, run),
  };
}
