import type { ObjectStore } from '../../contracts';
import { asObject, asString } from '../health/types';
import { clusterFromManagedCluster } from './managedClusterFacts';
import type { ClusterChanges, ClusterRuntime } from './types';
import { LOCAL_CLUSTER_NAME, LOCAL_CLUSTER_SERVER } from './types';

const WATCHED_KINDS = new Set([
  'GitOpsCluster',
  'PlacementDecision',
  'ManagedCluster',
  'Placement',
]);
const PLACEMENT_LABEL = 'cluster.open-cluster-management.io/placement';

function localCluster(): ClusterRuntime {
  return {
    name: LOCAL_CLUSTER_NAME,
    server: LOCAL_CLUSTER_SERVER,
    labels: {},
    secretLabels: {},
    annotations: {},
    hasSecret: false,
    available: true,
    serverVersion: '1.30',
    nodeNames: ['hub-worker-0'],
  };
}

/**
 * The clusters ArgoCD knows: the local in-cluster, plus, for each
 * GitOpsCluster aimed at this ArgoCD namespace, every cluster in the
 * PlacementDecisions of its Placement (as OCM's GitOpsCluster controller
 * writes cluster secrets).
 */
export function computeClusters(
  store: ObjectStore,
  argoNamespace: string,
): ClusterRuntime[] {
  const byName = new Map<string, ClusterRuntime>();
  for (const gitOpsCluster of store.list('GitOpsCluster')) {
    const spec = asObject(gitOpsCluster.spec);
    const targetNamespace = asString(asObject(spec?.argoServer)?.argoNamespace);
    const placement = asString(asObject(spec?.placementRef)?.name);
    const namespace = gitOpsCluster.metadata.namespace;
    if ((targetNamespace && targetNamespace !== argoNamespace) || !placement) {
      continue;
    }
    const decisions = store.list('PlacementDecision', {
      namespace,
      labelSelector: `${PLACEMENT_LABEL}=${placement}`,
    });
    for (const decision of decisions) {
      const entries = (asObject(decision.status)?.decisions ?? []) as unknown[];
      for (const entry of entries) {
        const clusterName = asString(asObject(entry)?.clusterName);
        const managedCluster = clusterName
          ? store.get('ManagedCluster', clusterName)
          : undefined;
        if (managedCluster && !byName.has(managedCluster.metadata.name)) {
          byName.set(
            managedCluster.metadata.name,
            clusterFromManagedCluster(
              managedCluster,
              gitOpsCluster.metadata.name,
            ),
          );
        }
      }
    }
  }
  return [
    localCluster(),
    ...[...byName.values()].sort((a, b) => a.name.localeCompare(b.name)),
  ];
}

function fingerprint(
  cluster: ClusterRuntime,
  part: 'identity' | 'health',
): string {
  return part === 'identity'
    ? JSON.stringify([
        cluster.server,
        cluster.secretLabels,
        cluster.annotations,
      ])
    : JSON.stringify([
        cluster.available,
        cluster.unavailableMessage,
        cluster.allocatableMemoryBytes,
      ]);
}

function diff(
  before: Map<string, ClusterRuntime>,
  after: Map<string, ClusterRuntime>,
): ClusterChanges {
  const changes: ClusterChanges = {
    added: [],
    removed: [],
    relabeled: [],
    health: [],
  };
  for (const [name, cluster] of after) {
    const previous = before.get(name);
    if (!previous) {
      changes.added.push(name);
      continue;
    }
    if (fingerprint(previous, 'identity') !== fingerprint(cluster, 'identity'))
      changes.relabeled.push(name);
    if (fingerprint(previous, 'health') !== fingerprint(cluster, 'health'))
      changes.health.push(name);
  }
  changes.removed = [...before.keys()].filter(name => !after.has(name));
  return changes;
}

function isEmpty(changes: ClusterChanges): boolean {
  return Object.values(changes).every(list => list.length === 0);
}

/**
 * Keeps the cluster list current from store events (coalesced: a burst of
 * writes gives one recomputation) and reports what changed.
 */
export function createGitopsClusterController(options: {
  store: ObjectStore;
  namespace: string;
  onChange: (changes: ClusterChanges) => void;
}) {
  const { store, namespace, onChange } = options;
  let clusters = new Map<string, ClusterRuntime>();
  let byServer = new Map<string, ClusterRuntime>();
  let pending: NodeJS.Immediate | undefined;

  function refresh(): ClusterChanges {
    if (pending) {
      clearImmediate(pending);
      pending = undefined;
    }
    const next = new Map(
      computeClusters(store, namespace).map(c => [c.name, c]),
    );
    const changes = diff(clusters, next);
    clusters = next;
    byServer = new Map([...next.values()].map(c => [c.server, c]));
    if (!isEmpty(changes)) {
      onChange(changes);
    }
    return changes;
  }

  const unsubscribe = store.subscribe(event => {
    if (WATCHED_KINDS.has(event.object.kind) && !pending) {
      pending = setImmediate(refresh);
    }
  });

  return {
    refresh,
    list: (): ClusterRuntime[] => [...clusters.values()],
    byName: (name: string) => clusters.get(name),
    byServer: (server: string) => byServer.get(server),
    stop(): void {
      unsubscribe();
      if (pending) clearImmediate(pending);
    },
  };
}

export type GitopsClusterController = ReturnType<
  typeof createGitopsClusterController
>;
