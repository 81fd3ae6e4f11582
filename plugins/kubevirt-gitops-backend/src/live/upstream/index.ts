/*
 * Upstream changes as they happen: hub informers and ArgoCD's application
 * stream feed per-source caches that publish snapshot parts (see
 * UpstreamWatches.ts), and a lease that lets one replica watch at a time
 * (leadership.ts).
 */
export {
  createUpstreamWatches,
  type UpstreamSourceStatus,
  type UpstreamWatches,
  type UpstreamWatchesOptions,
} from './UpstreamWatches';
export {
  createWatchLeadership,
  type WatchLeadership,
  type WatchLeadershipOptions,
} from './leadership';
export type { SourceWatchState, SourceWatchCounters } from './sourceWatch';
export type { BackoffOptions } from './backoff';
