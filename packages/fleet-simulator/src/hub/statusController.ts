import type { KubeObject } from '../contracts';
import type { HubObjectStore } from '../store';
import { kubeTimestamp } from '../store';
import { readConditions, setCondition } from './conditions';
import { field, list, plainRecord } from './fields';
import { PLACEMENT_LABEL } from './placementController';
import { clusterSetMembers } from './placementSelection';

function withConditions(object: KubeObject, conditions: unknown[]): KubeObject {
  return { ...object, status: { ...plainRecord(object.status), conditions } };
}

/** `ClusterSetEmpty` on every ManagedClusterSet. */
export function reconcileClusterSets(store: HubObjectStore, now: Date): void {
  const clusters = store.snapshot('ManagedCluster');
  for (const set of store.snapshot('ManagedClusterSet')) {
    const count = clusterSetMembers(set, clusters).length;
    const condition =
      count > 0
        ? {
            type: 'ClusterSetEmpty',
            status: 'False' as const,
            reason: 'ClustersSelected',
            message: `${count} ManagedClusters selected`,
          }
        : {
            type: 'ClusterSetEmpty',
            status: 'True' as const,
            reason: 'NoClusterMatched',
            message: 'No ManagedCluster selected',
          };
    store.upsert(
      withConditions(
        set,
        setCondition(readConditions(set.status), condition, now),
      ),
    );
  }
}

/** `Bound` on every ManagedClusterSetBinding: True when its cluster set exists. */
export function reconcileBindings(store: HubObjectStore, now: Date): void {
  for (const binding of store.snapshot('ManagedClusterSetBinding')) {
    const setName = String(field(binding.spec, 'clusterSet') ?? '');
    const condition = store.get('ManagedClusterSet', setName)
      ? {
          type: 'Bound',
          status: 'True' as const,
          reason: 'ClusterSetBound',
          message: '',
        }
      : {
          type: 'Bound',
          status: 'False' as const,
          reason: 'ClusterSetNotFound',
          message: '',
        };
    store.upsert(
      withConditions(
        binding,
        setCondition(readConditions(binding.status), condition, now),
      ),
    );
  }
}

/** The cluster names a Placement decided, across its PlacementDecisions. */
export function decidedClusters(
  store: HubObjectStore,
  placementName: string,
  namespace: string | undefined,
): string[] {
  return store
    .list('PlacementDecision', {
      namespace,
      labelSelector: `${PLACEMENT_LABEL}=${placementName}`,
    })
    .flatMap(d =>
      list<unknown>(field(d.status, 'decisions')).map(x =>
        String(field(x, 'clusterName')),
      ),
    );
}

/**
 * GitOpsCluster status as the multicloud-integrations controller reports it:
 * `successful` with the clusters added, or `failed` when the placement is missing.
 */
export function reconcileGitOpsClusters(
  store: HubObjectStore,
  now: Date,
): void {
  for (const gitops of store.snapshot('GitOpsCluster')) {
    const placementRef = field(gitops.spec, 'placementRef');
    const placementName = String(field(placementRef, 'name') ?? '');
    const placementNamespace = String(
      field(placementRef, 'namespace') ?? gitops.metadata.namespace ?? '',
    );
    const argoNamespace = String(
      field(field(gitops.spec, 'argoServer'), 'argoNamespace') ?? '',
    );
    const placement = store.get('Placement', placementName, placementNamespace);
    const clusters = placement
      ? decidedClusters(store, placementName, placementNamespace)
      : [];
    const phase = placement ? 'successful' : 'failed';
    const message = placement
      ? `Added managed clusters [${clusters.join(
          ' ',
        )}] to gitops namespace ${argoNamespace}`
      : `failed to find placement ${placementNamespace}/${placementName}`;
    const previous = plainRecord(gitops.status);
    if (previous.phase === phase && previous.message === message) continue;
    store.upsert({
      ...gitops,
      status: { lastUpdateTime: kubeTimestamp(now), message, phase },
    });
  }
}
