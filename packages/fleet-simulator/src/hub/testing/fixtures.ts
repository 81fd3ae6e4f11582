import type { HubDefinition } from '../definition';

/** A small hub: set `managed` bound to `argocd`, four clusters, one placement, one GitOpsCluster. */
export function smallHub(): HubDefinition {
  return {
    clusterSets: [{ name: 'managed' }, { name: 'empty' }],
    clusterSetBindings: [{ namespace: 'argocd', clusterSet: 'managed' }],
    placements: [
      {
        name: 'all-managed',
        namespace: 'argocd',
        clusterSets: ['managed'],
        tolerations: [
          {
            key: 'cluster.open-cluster-management.io/unreachable',
            operator: 'Exists',
          },
        ],
      },
      {
        name: 'prod-only',
        namespace: 'argocd',
        labelSelector: { matchLabels: { env: 'prod' } },
      },
    ],
    gitopsClusters: [
      {
        name: 'gitops',
        namespace: 'argocd',
        placement: 'all-managed',
        argoNamespace: 'argocd',
      },
    ],
    clusters: [
      { name: 'dev-1', clusterSet: 'managed', env: 'dev' },
      {
        name: 'dev-2',
        clusterSet: 'managed',
        env: 'dev',
        claims: { 'region.open-cluster-management.io': 'eu-west-1' },
      },
      { name: 'prod-1', clusterSet: 'managed', env: 'prod' },
      {
        name: 'prod-2',
        clusterSet: 'managed',
        env: 'prod',
        availability: 'Unknown',
      },
    ],
  };
}

/** `count` clusters named `cluster-0001`… alternating dev/prod, in set `managed`. */
export function manyClusters(count: number): HubDefinition {
  return {
    ...smallHub(),
    clusters: Array.from({ length: count }, (_, index) => ({
      name: `cluster-${String(index + 1).padStart(4, '0')}`,
      clusterSet: 'managed',
      env: index % 2 === 0 ? 'dev' : 'prod',
    })),
  };
}
