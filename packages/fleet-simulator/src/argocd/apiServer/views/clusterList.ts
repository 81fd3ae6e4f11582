import type { JsonObject } from '../../health';
import type { ClusterRuntime } from '../../clusters/types';

const RESOURCES_PER_APPLICATION = 6;

/** `v1alpha1Cluster` as `GET /api/v1/clusters` shows it (credentials never included). */
export function clusterObject(
  cluster: ClusterRuntime,
  applicationsCount: number,
  attemptedAt: string,
): JsonObject {
  let connectionState: JsonObject;
  if (applicationsCount === 0) {
    connectionState = {
      status: 'Unknown',
      message: 'Cluster has no applications and is not being monitored.',
      attemptedAt,
    };
  } else if (cluster.available) {
    connectionState = { status: 'Successful', message: '', attemptedAt };
  } else {
    connectionState = {
      status: 'Failed',
      message: cluster.unavailableMessage ?? 'Unable to connect to cluster',
      attemptedAt,
    };
  }
  const monitored = applicationsCount > 0 && cluster.available;
  return {
    server: cluster.server,
    name: cluster.name,
    ...(Object.keys(cluster.labels).length > 0
      ? { labels: cluster.labels }
      : {}),
    ...(Object.keys(cluster.annotations).length > 0
      ? { annotations: cluster.annotations }
      : {}),
    config: { tlsClientConfig: { insecure: false } },
    connectionState,
    serverVersion: cluster.serverVersion,
    info: {
      connectionState,
      serverVersion: cluster.serverVersion,
      cacheInfo: monitored
        ? {
            resourcesCount: applicationsCount * RESOURCES_PER_APPLICATION + 250,
            apisCount: 180,
            lastCacheSyncTime: attemptedAt,
          }
        : {},
      applicationsCount,
    },
  };
}
