/** The OCM kinds the simulated hub serves, as its discovery documents them. */
export interface HubResource {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
}

export const CLUSTER_GROUP = 'cluster.open-cluster-management.io';
export const APPS_GROUP = 'apps.open-cluster-management.io';

export const HUB_RESOURCES: readonly HubResource[] = [
  {
    group: CLUSTER_GROUP,
    version: 'v1',
    kind: 'ManagedCluster',
    listKind: 'ManagedClusterList',
    plural: 'managedclusters',
    singular: 'managedcluster',
    namespaced: false,
    shortNames: ['mcl', 'mcls'],
  },
  {
    group: CLUSTER_GROUP,
    version: 'v1beta2',
    kind: 'ManagedClusterSet',
    listKind: 'ManagedClusterSetList',
    plural: 'managedclustersets',
    singular: 'managedclusterset',
    namespaced: false,
    shortNames: ['mclset', 'mclsets'],
  },
  {
    group: CLUSTER_GROUP,
    version: 'v1beta2',
    kind: 'ManagedClusterSetBinding',
    listKind: 'ManagedClusterSetBindingList',
    plural: 'managedclustersetbindings',
    singular: 'managedclustersetbinding',
    namespaced: true,
    shortNames: ['mclsetbinding', 'mclsetbindings'],
  },
  {
    group: CLUSTER_GROUP,
    version: 'v1beta1',
    kind: 'Placement',
    listKind: 'PlacementList',
    plural: 'placements',
    singular: 'placement',
    namespaced: true,
    shortNames: [],
  },
  {
    group: CLUSTER_GROUP,
    version: 'v1beta1',
    kind: 'PlacementDecision',
    listKind: 'PlacementDecisionList',
    plural: 'placementdecisions',
    singular: 'placementdecision',
    namespaced: true,
    shortNames: [],
  },
  {
    group: APPS_GROUP,
    version: 'v1beta1',
    kind: 'GitOpsCluster',
    listKind: 'GitOpsClusterList',
    plural: 'gitopsclusters',
    singular: 'gitopscluster',
    namespaced: true,
    shortNames: [],
  },
];

/** `apiVersion` of a resource's objects, e.g. `cluster.open-cluster-management.io/v1`. */
export function apiVersionOf(resource: HubResource): string {
  return `${resource.group}/${resource.version}`;
}

/** The resource served at `/apis/{group}/{version}/{plural}`, if any. */
export function findResource(
  group: string,
  version: string,
  plural: string,
): HubResource | undefined {
  return HUB_RESOURCES.find(
    r => r.group === group && r.version === version && r.plural === plural,
  );
}

/** The resource of a kind, if the hub serves it. */
export function resourceOfKind(kind: string): HubResource | undefined {
  return HUB_RESOURCES.find(r => r.kind === kind);
}

/** Groups with their versions, the preferred (first listed in the group) first. */
export function hubGroups(): Array<{ group: string; versions: string[] }> {
  const groups = new Map<string, string[]>();
  for (const resource of HUB_RESOURCES) {
    const versions = groups.get(resource.group) ?? [];
    if (!versions.includes(resource.version)) versions.push(resource.version);
    groups.set(resource.group, versions);
  }
  return [...groups].map(([group, versions]) => ({ group, versions }));
}
