/*
 * ArgoCD health statuses and how an Application rolls up its resources'
 * health (gitops-engine health.IsWorse).
 */

/**
 * ArgoCD health statuses, from best to worst.
 *
 * @public
 */
export const argoHealthStatuses = [
  'Healthy',
  'Suspended',
  'Progressing',
  'Missing',
  'Degraded',
  'Unknown',
] as const;

/**
 * An ArgoCD health status.
 *
 * @public
 */
export type ArgoHealthStatus = (typeof argoHealthStatuses)[number];

function rank(status: string): number {
  const index = (argoHealthStatuses as readonly string[]).indexOf(status);
  return index === -1 ? argoHealthStatuses.length - 1 : index;
}

/**
 * The worst of several health statuses, in ArgoCD's order
 * Healthy < Suspended < Progressing < Missing < Degraded < Unknown.
 * Unrecognised values count as Unknown; no statuses at all is Healthy (an
 * Application without resources).
 *
 * @public
 */
export function worstHealth(statuses: Iterable<string>): ArgoHealthStatus {
  let worst = 0;
  for (const status of statuses) {
    worst = Math.max(worst, rank(status));
  }
  return argoHealthStatuses[worst];
}
