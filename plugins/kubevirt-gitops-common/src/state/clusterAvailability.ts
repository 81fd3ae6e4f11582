/*
 * ManagedCluster availability from its OCM conditions
 * (open-cluster-management-io/api cluster/v1 and the registration
 * controllers in open-cluster-management-io/ocm).
 */
import type { StatusCondition } from './kubevirt';

/**
 * Whether a managed cluster can be used:
 *
 * - `available`: `ManagedClusterConditionAvailable` True;
 * - `unavailable`: Available False (the agent reports its kube-apiserver
 *   unhealthy, reason `ManagedClusterKubeAPIServerUnavailable`);
 * - `unreachable`: Available Unknown or absent (the hub stopped hearing from
 *   the agent, reason `ManagedClusterLeaseUpdateStopped`);
 * - `not-joined`: accepted but `ManagedClusterJoined` is not True, or the hub
 *   denied it;
 * - `awaiting-acceptance`: `HubAcceptedManagedCluster` is not True yet
 *   and `spec.hubAcceptsClient` is not true (a hub administrator must
 *   accept it);
 * - `deleting`: the ManagedCluster is being deleted (`metadata.deletionTimestamp`,
 *   or OCM's `Deleting` condition True, reasons `ResourceRemaining`,
 *   `NoResource`, `DeletingError`): no new VM should land there.
 *
 * @public
 */
export type ClusterAvailability = (typeof clusterAvailabilities)[number];

/**
 * Every {@link ClusterAvailability}, from usable to not joined yet.
 *
 * @public
 */
export const clusterAvailabilities = [
  'available',
  'unavailable',
  'unreachable',
  'not-joined',
  'awaiting-acceptance',
  'deleting',
] as const;

/**
 * The result of {@link deriveClusterAvailability}.
 *
 * @public
 */
export interface DerivedClusterAvailability {
  availability: ClusterAvailability;
  /** The deciding condition's reason, e.g. `ManagedClusterLeaseUpdateStopped`. */
  reason?: string;
  /** The deciding condition's message, or ours when the condition is absent. */
  message?: string;
}

/** OCM condition types on a ManagedCluster. */
export const MANAGED_CLUSTER_CONDITIONS = {
  hubAccepted: 'HubAcceptedManagedCluster',
  hubDenied: 'HubDeniedManagedCluster',
  joined: 'ManagedClusterJoined',
  available: 'ManagedClusterConditionAvailable',
  deleting: 'Deleting',
} as const;

/**
 * What besides `status.conditions` decides availability.
 *
 * @public
 */
export interface ManagedClusterFacts {
  /** `spec.hubAcceptsClient`: a hub administrator accepted the cluster. */
  hubAcceptsClient?: boolean;
  /** `metadata.deletionTimestamp` is set. */
  deletionRequested?: boolean;
}

function result(
  availability: ClusterAvailability,
  condition: StatusCondition | undefined,
  fallbackMessage: string,
): DerivedClusterAvailability {
  const derived: DerivedClusterAvailability = {
    availability,
    message: condition?.message || fallbackMessage,
  };
  if (condition?.reason) {
    derived.reason = condition.reason;
  }
  return derived;
}

/**
 * Derives a ManagedCluster's availability from its `status.conditions`.
 *
 * @public
 */
export function deriveClusterAvailability(
  conditions: readonly StatusCondition[] | undefined,
  facts: ManagedClusterFacts = {},
): DerivedClusterAvailability {
  const find = (type: string) => conditions?.find(c => c.type === type);
  const accepted = find(MANAGED_CLUSTER_CONDITIONS.hubAccepted);
  const denied = find(MANAGED_CLUSTER_CONDITIONS.hubDenied);
  const joined = find(MANAGED_CLUSTER_CONDITIONS.joined);
  const available = find(MANAGED_CLUSTER_CONDITIONS.available);
  const deleting = find(MANAGED_CLUSTER_CONDITIONS.deleting);

  if (deleting?.status === 'True' || facts.deletionRequested) {
    return result(
      'deleting',
      deleting?.status === 'True' ? deleting : undefined,
      'The ManagedCluster is being deleted.',
    );
  }

  if (denied?.status === 'True') {
    return result('not-joined', denied, 'The hub denied this cluster.');
  }
  if (
    accepted?.status === 'False' &&
    accepted.reason === 'HubClusterAdminDenied'
  ) {
    return result('not-joined', accepted, 'The hub denied this cluster.');
  }
  if (accepted?.status !== 'True' && facts.hubAcceptsClient === true) {
    // Accepted in the spec; the hub's registration controller has not
    // written its condition yet: nothing for an administrator to do.
    return result(
      'not-joined',
      accepted,
      'Accepted by the hub (spec.hubAcceptsClient: true); the hub has not reported the cluster joined yet.',
    );
  }
  if (accepted?.status !== 'True') {
    return result(
      'awaiting-acceptance',
      accepted,
      'A hub administrator has not accepted this cluster yet (hubAcceptsClient).',
    );
  }
  if (joined?.status !== 'True') {
    return result(
      'not-joined',
      joined,
      'The cluster has not joined the hub yet.',
    );
  }
  if (available?.status === 'True') {
    return result('available', available, 'Managed cluster is available');
  }
  if (available?.status === 'False') {
    return result(
      'unavailable',
      available,
      'The cluster reports its kube-apiserver unavailable.',
    );
  }
  return result(
    'unreachable',
    available,
    'The hub has no availability report from this cluster (its agent stopped updating its lease).',
  );
}
