import type { KubeObject } from '../contracts';
import { matchesLabelSelectorObject } from '../store';
import { CLUSTER_SET_LABEL } from './clusters';
import type { ConditionStatus } from './conditions';
import { field, labelSelectorOf, list } from './fields';

/** The result of scheduling one Placement. */
export interface PlacementResult {
  clusterNames: string[];
  satisfied: { status: ConditionStatus; reason: string; message: string };
}

/** What scheduling reads from the hub. */
export interface PlacementInputs {
  clusters: readonly KubeObject[];
  clusterSets: readonly KubeObject[];
  /** Bindings in the placement's namespace. */
  bindings: readonly KubeObject[];
  /** Clusters the placement had already selected (kept first, as the Steady prioritizer does). */
  previouslySelected: ReadonlySet<string>;
  now: Date;
}

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

/** Clusters that belong to a ManagedClusterSet (exclusive label, or its label selector). */
export function clusterSetMembers(
  set: KubeObject,
  clusters: readonly KubeObject[],
): KubeObject[] {
  const clusterSelector = field(set.spec, 'clusterSelector');
  if (field(clusterSelector, 'selectorType') === 'LabelSelector') {
    const selector = labelSelectorOf(field(clusterSelector, 'labelSelector'));
    return clusters.filter(c =>
      matchesLabelSelectorObject(c.metadata.labels, selector),
    );
  }
  return clusters.filter(
    c => c.metadata.labels?.[CLUSTER_SET_LABEL] === set.metadata.name,
  );
}

function tolerates(toleration: Toleration, taint: Taint, now: Date): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  const operator = toleration.operator ?? 'Equal';
  if (
    toleration.key !== undefined &&
    toleration.key !== '' &&
    toleration.key !== taint.key
  )
    return false;
  if ((toleration.key ?? '') === '' && operator !== 'Exists') return false;
  if (operator === 'Equal' && (toleration.value ?? '') !== (taint.value ?? ''))
    return false;
  if (toleration.tolerationSeconds !== undefined && taint.timeAdded) {
    const until =
      Date.parse(taint.timeAdded) + toleration.tolerationSeconds * 1000;
    if (now.getTime() > until) return false;
  }
  return true;
}

function selectable(
  cluster: KubeObject,
  tolerations: Toleration[],
  wasSelected: boolean,
  now: Date,
): boolean {
  return list<Taint>(field(cluster.spec, 'taints')).every(taint => {
    const blocks =
      taint.effect === 'NoSelect' ||
      (taint.effect === 'NoSelectIfNew' && !wasSelected);
    return !blocks || tolerations.some(t => tolerates(t, taint, now));
  });
}

function claimsOf(cluster: KubeObject): Record<string, string> {
  const entries = list<{ name?: string; value?: string }>(
    field(cluster.status, 'clusterClaims'),
  );
  return Object.fromEntries(
    entries.map(claim => [claim.name ?? '', claim.value ?? '']),
  );
}

function matchesPredicate(cluster: KubeObject, predicate: unknown): boolean {
  const required = field(predicate, 'requiredClusterSelector');
  const labelSelector = field(required, 'labelSelector');
  const claimSelector = field(required, 'claimSelector');
  return (
    matchesLabelSelectorObject(
      cluster.metadata.labels,
      labelSelectorOf(labelSelector),
    ) &&
    matchesLabelSelectorObject(claimsOf(cluster), {
      matchExpressions: labelSelectorOf(claimSelector).matchExpressions,
    })
  );
}

const unsatisfied = (reason: string, message: string): PlacementResult => ({
  clusterNames: [],
  satisfied: { status: 'False', reason, message },
});

/**
 * Schedules a Placement the way the OCM placement controller does, minus
 * scores: eligible cluster sets (bound to the namespace, intersected with
 * `spec.clusterSets`), taints and tolerations, predicates (any of them), then
 * `numberOfClusters` (previously selected clusters first, then by name).
 */
export function schedulePlacement(
  placement: KubeObject,
  inputs: PlacementInputs,
): PlacementResult {
  const existingSets = new Map(
    inputs.clusterSets.map(set => [set.metadata.name, set]),
  );
  const bound = inputs.bindings
    .map(binding => String(field(binding.spec, 'clusterSet') ?? ''))
    .filter(name => existingSets.has(name));
  if (bound.length === 0) {
    return unsatisfied(
      'NoManagedClusterSetBindings',
      'No valid ManagedClusterSetBindings found in placement namespace',
    );
  }
  const wanted = list<string>(field(placement.spec, 'clusterSets'));
  const eligible =
    wanted.length > 0 ? bound.filter(name => wanted.includes(name)) : bound;
  if (eligible.length === 0) {
    return unsatisfied(
      'NoIntersection',
      `None of ManagedClusterSets [${wanted.join(
        ',',
      )}] is bound to placement namespace`,
    );
  }
  const members = new Map<string, KubeObject>();
  for (const name of eligible) {
    const set = existingSets.get(name);
    if (set)
      for (const cluster of clusterSetMembers(set, inputs.clusters))
        members.set(cluster.metadata.name, cluster);
  }
  if (members.size === 0) {
    return unsatisfied(
      'AllManagedClusterSetsEmpty',
      `All ManagedClusterSets [${eligible.join(
        ',',
      )}] have no member ManagedCluster`,
    );
  }
  const tolerations = list<Toleration>(field(placement.spec, 'tolerations'));
  const predicates = list<unknown>(field(placement.spec, 'predicates'));
  const matching = [...members.values()].filter(
    cluster =>
      selectable(
        cluster,
        tolerations,
        inputs.previouslySelected.has(cluster.metadata.name),
        inputs.now,
      ) &&
      (predicates.length === 0 ||
        predicates.some(p => matchesPredicate(cluster, p))),
  );
  if (matching.length === 0) {
    return unsatisfied(
      'NoManagedClusterMatched',
      `All ManagedClusters from ManagedClusterSets [${eligible.join(
        ',',
      )}] are not matched`,
    );
  }
  const names = matching
    .map(c => c.metadata.name)
    .sort((a, b) => {
      const steady =
        Number(inputs.previouslySelected.has(b)) -
        Number(inputs.previouslySelected.has(a));
      return steady !== 0 ? steady : a.localeCompare(b);
    });
  const wantedCount = field(placement.spec, 'numberOfClusters');
  if (typeof wantedCount === 'number') {
    const chosen = names.slice(0, wantedCount).sort();
    if (chosen.length < wantedCount) {
      return {
        clusterNames: chosen,
        satisfied: {
          status: 'False',
          reason: 'NotAllDecisionsScheduled',
          message: `${
            wantedCount - chosen.length
          } cluster decisions unscheduled`,
        },
      };
    }
    return {
      clusterNames: chosen,
      satisfied: {
        status: 'True',
        reason: 'AllDecisionsScheduled',
        message: 'All cluster decisions scheduled',
      },
    };
  }
  return {
    clusterNames: names.sort(),
    satisfied: {
      status: 'True',
      reason: 'AllDecisionsScheduled',
      message: 'All cluster decisions scheduled',
    },
  };
}
