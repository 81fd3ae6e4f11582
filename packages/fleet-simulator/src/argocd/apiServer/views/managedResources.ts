import type { JsonObject } from '../../health';
import { asObject } from '../../health/types';
import { keyOf } from '../../applicationController/resourceRef';
import { managedNode } from '../../applicationController/liveView';
import type { AppLiveAccess } from './liveAccess';
import { applicationLiveNodes } from './resourceTree';

export interface ResourceQuery {
  namespace?: string;
  name?: string;
  version?: string;
  group?: string;
  kind?: string;
}

function matches(
  ref: {
    group: string;
    version: string;
    kind: string;
    namespace: string;
    name: string;
  },
  query: ResourceQuery,
): boolean {
  return (
    (!query.kind || query.kind === ref.kind) &&
    (!query.name || query.name === ref.name) &&
    (query.group === undefined || query.group === ref.group) &&
    (!query.version || query.version === ref.version) &&
    (!query.namespace || query.namespace === ref.namespace)
  );
}

/** `applicationManagedResourcesResponse`: target and live state of each managed resource. */
export function managedResources(
  access: AppLiveAccess,
  query: ResourceQuery,
): JsonObject {
  const { runtime, cluster, now, vmRule } = access;
  const reachable = cluster?.available === true;
  const context = cluster && { now, appName: runtime.name, cluster };
  const keys = new Set([
    ...(runtime.target?.manifests.keys() ?? []),
    ...runtime.live.keys(),
  ]);
  const items: JsonObject[] = [];
  for (const key of [...keys].sort()) {
    const target = runtime.target?.manifests.get(key);
    const live = runtime.live.get(key);
    const ref = target?.ref ?? live?.ref;
    if (!ref || !matches(ref, query)) continue;
    const liveObject =
      live && context && reachable
        ? managedNode(live, context, vmRule).object
        : undefined;
    const liveState = liveObject ? JSON.stringify(liveObject) : 'null';
    const targetState = target ? target.json : 'null';
    items.push({
      ...(ref.group ? { group: ref.group } : {}),
      kind: ref.kind,
      ...(ref.namespace ? { namespace: ref.namespace } : {}),
      name: ref.name,
      targetState,
      liveState,
      normalizedLiveState: liveState,
      predictedLiveState: targetState,
      hook: false,
      modified: live?.manifestJson !== target?.json,
      ...(liveObject
        ? {
            resourceVersion: String(
              asObject(liveObject.metadata)?.resourceVersion ?? '',
            ),
          }
        : {}),
    });
  }
  return { items };
}

/** The live object of one resource of the application's tree (managed or a child), if any. */
export function findLiveResource(
  access: AppLiveAccess,
  query: ResourceQuery,
): JsonObject | undefined {
  const exact = access.runtime.live.get(
    keyOf({
      group: query.group ?? '',
      kind: query.kind ?? '',
      namespace: query.namespace ?? '',
      name: query.name ?? '',
    }),
  );
  if (exact && access.cluster) {
    const node = managedNode(
      exact,
      {
        now: access.now,
        appName: access.runtime.name,
        cluster: access.cluster,
      },
      access.vmRule,
    );
    if (matches(node.ref, query)) return node.object;
  }
  return applicationLiveNodes(access).find(node => matches(node.ref, query))
    ?.object;
}
