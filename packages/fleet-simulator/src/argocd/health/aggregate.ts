import type { HealthStatusCode } from './types';

/** ArgoCD's health order, best to worst (gitops-engine `healthOrder`). */
export const HEALTH_ORDER: readonly HealthStatusCode[] = [
  'Healthy',
  'Suspended',
  'Progressing',
  'Missing',
  'Degraded',
  'Unknown',
];

/** True when `candidate` is worse than `current` in {@link HEALTH_ORDER}. */
export function isWorseHealth(
  current: HealthStatusCode,
  candidate: HealthStatusCode,
): boolean {
  return HEALTH_ORDER.indexOf(candidate) > HEALTH_ORDER.indexOf(current);
}

/** One managed resource as the application health rule sees it. */
export interface ManagedResourceHealth {
  /** The resource's health; undefined when its kind has no health check. */
  health?: HealthStatusCode;
  /** False when the resource has no live object (it is Missing). */
  live: boolean;
}

/**
 * An application's health (ArgoCD `setApplicationHealth`): it starts Healthy
 * and takes the worst health of its live resources; a resource with no live
 * object does not count, except that an app whose resources are all missing is
 * Missing.
 */
export function applicationHealth(
  resources: readonly ManagedResourceHealth[],
): HealthStatusCode {
  let result: HealthStatusCode = 'Healthy';
  let anyLive = false;
  for (const resource of resources) {
    if (!resource.live) {
      continue;
    }
    anyLive = true;
    if (resource.health && isWorseHealth(result, resource.health)) {
      result = resource.health;
    }
  }
  return resources.length > 0 && !anyLive ? 'Missing' : result;
}
