import type { KubeObject } from '../contracts';
import type { HubObjectStore } from '../store';
import { readConditions, setCondition } from './conditions';
import { field, list, plainRecord } from './fields';
import { schedulePlacement } from './placementSelection';
import { CLUSTER_GROUP } from './resources';

export const PLACEMENT_LABEL = 'cluster.open-cluster-management.io/placement';
const DECISIONS_PER_OBJECT = 100;

function previousDecisions(
  store: HubObjectStore,
  placement: KubeObject,
): KubeObject[] {
  return store
    .list('PlacementDecision', { namespace: placement.metadata.namespace })
    .filter(
      d => d.metadata.labels?.[PLACEMENT_LABEL] === placement.metadata.name,
    );
}

function decisionObject(
  placement: KubeObject,
  index: number,
  clusterNames: string[],
): KubeObject {
  return {
    apiVersion: `${CLUSTER_GROUP}/v1beta1`,
    kind: 'PlacementDecision',
    metadata: {
      name: `${placement.metadata.name}-decision-${index + 1}`,
      namespace: placement.metadata.namespace,
      labels: {
        [PLACEMENT_LABEL]: placement.metadata.name,
        'cluster.open-cluster-management.io/decision-group-index': '0',
        'cluster.open-cluster-management.io/decision-group-name': '',
      },
      ownerReferences: [
        {
          apiVersion: placement.apiVersion,
          kind: 'Placement',
          name: placement.metadata.name,
          uid: placement.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    status: {
      decisions: clusterNames.map(clusterName => ({ clusterName, reason: '' })),
    },
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    result.push(items.slice(i, i + size));
  return result.length > 0 ? result : [[]];
}

/** Schedules one Placement and writes its PlacementDecisions and status. */
function reconcilePlacement(
  store: HubObjectStore,
  placement: KubeObject,
  now: Date,
) {
  const existing = previousDecisions(store, placement);
  const previouslySelected = new Set(
    existing.flatMap(d =>
      list<unknown>(field(d.status, 'decisions')).map(x =>
        String(field(x, 'clusterName')),
      ),
    ),
  );
  const result = schedulePlacement(placement, {
    clusters: store.snapshot('ManagedCluster'),
    clusterSets: store.snapshot('ManagedClusterSet'),
    bindings: store.list('ManagedClusterSetBinding', {
      namespace: placement.metadata.namespace,
    }),
    previouslySelected,
    now,
  });

  const decisions = chunks(result.clusterNames, DECISIONS_PER_OBJECT).map(
    (names, index) => store.upsert(decisionObject(placement, index, names)),
  );
  const kept = new Set(decisions.map(d => d.metadata.name));
  for (const stale of existing) {
    if (!kept.has(stale.metadata.name))
      store.delete(
        'PlacementDecision',
        stale.metadata.name,
        stale.metadata.namespace,
      );
  }

  let conditions = setCondition(
    readConditions(placement.status),
    {
      type: 'PlacementMisconfigured',
      status: 'False',
      reason: 'Succeedconfigured',
      message: 'Placement configurations check pass',
    },
    now,
  );
  conditions = setCondition(
    conditions,
    { type: 'PlacementSatisfied', ...result.satisfied },
    now,
  );
  store.upsert({
    ...placement,
    status: {
      ...plainRecord(placement.status),
      numberOfSelectedClusters: result.clusterNames.length,
      decisionGroups: [
        {
          decisionGroupIndex: 0,
          decisionGroupName: '',
          decisions: decisions.map(d => d.metadata.name),
          clusterCount: result.clusterNames.length,
        },
      ],
      conditions,
    },
  });
}

/** Keeps every Placement's decisions current; deletes decisions of removed Placements. */
export function reconcilePlacements(store: HubObjectStore, now: Date): void {
  for (const placement of store.snapshot('Placement'))
    reconcilePlacement(store, placement, now);
  for (const decision of store.snapshot('PlacementDecision')) {
    const owner = decision.metadata.labels?.[PLACEMENT_LABEL];
    if (
      owner === undefined ||
      !store.get('Placement', owner, decision.metadata.namespace)
    ) {
      store.delete(
        'PlacementDecision',
        decision.metadata.name,
        decision.metadata.namespace,
      );
    }
  }
}
