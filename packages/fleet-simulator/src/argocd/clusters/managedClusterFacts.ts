import type { KubeObject } from '../../contracts';
import { parseQuantity } from '../../kubevirt/quantity';
import { asObject, asObjectArray, asString } from '../health/types';
import type { ClusterRuntime } from './types';

const AVAILABLE = 'ManagedClusterConditionAvailable';

/** The ArgoCD cluster the GitOpsCluster controller makes of a ManagedCluster. */
export function clusterFromManagedCluster(
  managedCluster: KubeObject,
  gitOpsClusterName: string,
): ClusterRuntime {
  const name = managedCluster.metadata.name;
  const spec = asObject(managedCluster.spec);
  const status = asObject(managedCluster.status);
  const clientConfig = asObjectArray(spec?.managedClusterClientConfigs)[0];
  const server =
    asString(clientConfig?.url) ?? `https://api.${name}.fleet.local:6443`;
  const available = asObjectArray(status?.conditions).find(
    c => c.type === AVAILABLE,
  );
  const isAvailable = available?.status === 'True';
  const claims = asObjectArray(status?.clusterClaims);
  const kubeVersion =
    asString(asObject(status?.version)?.kubernetes) ??
    asString(
      claims.find(c => c.name === 'kubeversion.open-cluster-management.io')
        ?.value,
    ) ??
    'v1.30.0';
  const labels: Record<string, string> = {
    ...managedCluster.metadata.labels,
    'apps.open-cluster-management.io/acm-cluster': 'true',
    'apps.open-cluster-management.io/cluster-name': name,
  };
  const workers = Math.max(
    1,
    Math.min(
      3,
      Math.round((parseQuantity(asObject(status?.allocatable)?.cpu) ?? 24) / 8),
    ),
  );
  return {
    name,
    server,
    labels,
    secretLabels: { ...labels, 'argocd.argoproj.io/secret-type': 'cluster' },
    annotations: {
      'apps.open-cluster-management.io/gitopscluster': gitOpsClusterName,
    },
    hasSecret: true,
    available: isAvailable,
    unavailableMessage: isAvailable
      ? undefined
      : `Unable to connect to cluster: ${
          asString(available?.message) ??
          `the cluster's ${AVAILABLE} condition is ${
            asString(available?.status) ?? 'absent'
          }`
        }`,
    allocatableMemoryBytes: parseQuantity(
      asObject(status?.allocatable)?.memory,
    ),
    serverVersion: kubeVersion.replace(/^v/, '').split('+')[0],
    nodeNames: Array.from(
      { length: workers },
      (_, index) => `${name}-worker-${index}`,
    ),
    managedClusterName: name,
  };
}
