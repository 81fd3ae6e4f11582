import type { JsonObject } from '../../health';
import { asObject, asObjectArray, asString } from '../../health/types';
import type {
  LiveNode,
  ResourceRefWithUid,
} from '../../applicationController/liveView';
import { liveNodes } from '../../applicationController/liveView';
import { timestamp } from '../../applicationController/liveResource';
import type { AppLiveAccess } from './liveAccess';

function refJson(ref: ResourceRefWithUid): JsonObject {
  return {
    ...(ref.group ? { group: ref.group } : {}),
    kind: ref.kind,
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
    name: ref.name,
    uid: ref.uid,
  };
}

/** ArgoCD's `populatePodInfo`: status reason, node and ready containers. */
function podInfo(pod: JsonObject): {
  info: JsonObject[];
  images: string[];
  labels: JsonObject;
} {
  const status = asObject(pod.status) ?? {};
  const statuses = asObjectArray(status.containerStatuses);
  const waiting = asString(
    asObject(asObject(statuses[0]?.state)?.waiting)?.reason,
  );
  const node = asString(asObject(pod.spec)?.nodeName);
  const ready = statuses.filter(c => c.ready === true).length;
  return {
    info: [
      {
        name: 'Status Reason',
        value: waiting ?? asString(status.phase) ?? 'Unknown',
      },
      ...(node ? [{ name: 'Node', value: node }] : []),
      {
        name: 'Containers',
        value: `${ready}/${
          asObjectArray(asObject(pod.spec)?.containers).length
        }`,
      },
    ],
    images: asObjectArray(asObject(pod.spec)?.containers).map(c =>
      String(c.image),
    ),
    labels: asObject(asObject(pod.metadata)?.labels) ?? {},
  };
}

/** One `v1alpha1ResourceNode`. */
export function resourceNode(node: LiveNode): JsonObject {
  const metadata = asObject(node.object.metadata) ?? {};
  const pod =
    node.ref.group === '' && node.ref.kind === 'Pod'
      ? podInfo(node.object)
      : undefined;
  return {
    ...(node.ref.group ? { group: node.ref.group } : {}),
    version: node.ref.version,
    kind: node.ref.kind,
    ...(node.ref.namespace ? { namespace: node.ref.namespace } : {}),
    name: node.ref.name,
    uid: node.ref.uid,
    ...(node.parentRefs.length > 0
      ? { parentRefs: node.parentRefs.map(refJson) }
      : {}),
    ...(pod
      ? {
          info: pod.info,
          networkingInfo: { labels: pod.labels },
          images: pod.images,
        }
      : {}),
    resourceVersion: asString(metadata.resourceVersion) ?? '',
    ...(node.health ? { health: node.health } : {}),
    createdAt: asString(metadata.creationTimestamp) ?? '',
  };
}

/** Every live node of the application (managed resources and their children). */
export function applicationLiveNodes(access: AppLiveAccess): LiveNode[] {
  const { runtime, cluster, now, vmRule } = access;
  if (!cluster) return [];
  const context = { now, appName: runtime.name, cluster };
  return [...runtime.live.values()].flatMap(live =>
    liveNodes(live, context, vmRule),
  );
}

/**
 * `v1alpha1ApplicationTree`: managed resources with their children (a VM's
 * DataVolumes, PVCs, VMI and virt-launcher Pod). For an unreachable cluster
 * only the managed resources, with Unknown health.
 */
export function applicationTree(access: AppLiveAccess): JsonObject {
  const { runtime, cluster } = access;
  if (cluster && !cluster.available) {
    const nodes = [...runtime.live.values()].map(live => ({
      ...(live.ref.group ? { group: live.ref.group } : {}),
      version: live.ref.version,
      kind: live.ref.kind,
      ...(live.ref.namespace ? { namespace: live.ref.namespace } : {}),
      name: live.ref.name,
      uid: live.uid,
      health: {
        status: 'Unknown',
        message: cluster.unavailableMessage ?? 'cluster is unreachable',
      },
      createdAt: timestamp(live.createdAt),
    }));
    return { nodes, orphanedNodes: [], hosts: [] };
  }
  return {
    nodes: applicationLiveNodes(access).map(resourceNode),
    orphanedNodes: [],
    hosts: [],
  };
}
