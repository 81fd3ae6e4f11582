import type { ClusterRuntime } from '../clusters/types';

/** A reachable ArgoCD cluster with `allocatableGi` GiB of memory, for tests. */
export function createClusterRuntimeForTest(
  name: string,
  allocatableGi: number,
): ClusterRuntime {
  const labels = { env: 'dev' };
  return {
    name,
    server: `https://api.${name}.fleet.local:6443`,
    labels,
    secretLabels: { ...labels, 'argocd.argoproj.io/secret-type': 'cluster' },
    annotations: {},
    hasSecret: true,
    available: true,
    allocatableMemoryBytes: allocatableGi * 2 ** 30,
    serverVersion: '1.30',
    nodeNames: [`${name}-worker-0`, `${name}-worker-1`],
  };
}
