import type { KubeObject } from '../contracts';
import type { HubObjectStore, LabelSelectorObject } from '../store';
import type { ClusterDefinition } from './clusters';
import { buildManagedCluster } from './clusters';
import { APPS_GROUP, CLUSTER_GROUP } from './resources';

/** A Placement as a scenario declares it. */
export interface PlacementDefinition {
  name: string;
  namespace: string;
  clusterSets?: string[];
  /** One predicate: clusters whose labels match. */
  labelSelector?: LabelSelectorObject;
  /** One predicate's claim selector (matchExpressions on clusterClaims). */
  claimSelector?: {
    matchExpressions?: Array<{
      key: string;
      operator: string;
      values?: string[];
    }>;
  };
  numberOfClusters?: number;
  tolerations?: Array<{
    key?: string;
    operator?: 'Exists' | 'Equal';
    value?: string;
    effect?: string;
    tolerationSeconds?: number;
  }>;
}

/** The hub part of a scenario. */
export interface HubDefinition {
  clusterSets: Array<{ name: string; labelSelector?: LabelSelectorObject }>;
  clusterSetBindings: Array<{ namespace: string; clusterSet: string }>;
  placements: PlacementDefinition[];
  gitopsClusters: Array<{
    name: string;
    namespace: string;
    placement: string;
    argoNamespace: string;
  }>;
  clusters: ClusterDefinition[];
}

function clusterSetObject(
  set: HubDefinition['clusterSets'][number],
): KubeObject {
  return {
    apiVersion: `${CLUSTER_GROUP}/v1beta2`,
    kind: 'ManagedClusterSet',
    metadata: { name: set.name },
    spec: {
      clusterSelector: set.labelSelector
        ? { selectorType: 'LabelSelector', labelSelector: set.labelSelector }
        : { selectorType: 'ExclusiveClusterSetLabel' },
    },
  };
}

function placementObject(placement: PlacementDefinition): KubeObject {
  const requiredClusterSelector = {
    ...(placement.labelSelector
      ? { labelSelector: placement.labelSelector }
      : {}),
    ...(placement.claimSelector
      ? { claimSelector: placement.claimSelector }
      : {}),
  };
  return {
    apiVersion: `${CLUSTER_GROUP}/v1beta1`,
    kind: 'Placement',
    metadata: { name: placement.name, namespace: placement.namespace },
    spec: {
      ...(placement.clusterSets ? { clusterSets: placement.clusterSets } : {}),
      ...(placement.numberOfClusters !== undefined
        ? { numberOfClusters: placement.numberOfClusters }
        : {}),
      ...(Object.keys(requiredClusterSelector).length > 0
        ? { predicates: [{ requiredClusterSelector }] }
        : {}),
      ...(placement.tolerations ? { tolerations: placement.tolerations } : {}),
    },
  };
}

/** Writes a scenario's hub objects into the store (controllers fill in statuses and decisions). */
export function applyHubDefinition(
  store: HubObjectStore,
  definition: HubDefinition,
  now: Date,
): void {
  for (const set of definition.clusterSets) store.upsert(clusterSetObject(set));
  for (const binding of definition.clusterSetBindings) {
    store.upsert({
      apiVersion: `${CLUSTER_GROUP}/v1beta2`,
      kind: 'ManagedClusterSetBinding',
      metadata: { name: binding.clusterSet, namespace: binding.namespace },
      spec: { clusterSet: binding.clusterSet },
    });
  }
  for (const cluster of definition.clusters)
    store.upsert(buildManagedCluster(cluster, now));
  for (const placement of definition.placements)
    store.upsert(placementObject(placement));
  for (const gitops of definition.gitopsClusters) {
    store.upsert({
      apiVersion: `${APPS_GROUP}/v1beta1`,
      kind: 'GitOpsCluster',
      metadata: { name: gitops.name, namespace: gitops.namespace },
      spec: {
        argoServer: {
          cluster: 'local-cluster',
          argoNamespace: gitops.argoNamespace,
        },
        placementRef: {
          kind: 'Placement',
          apiVersion: `${CLUSTER_GROUP}/v1beta1`,
          name: gitops.placement,
        },
      },
    });
  }
}
