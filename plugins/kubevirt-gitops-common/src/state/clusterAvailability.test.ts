import {
  deriveClusterAvailability,
  type DerivedClusterAvailability,
} from './clusterAvailability';
import type { StatusCondition } from './kubevirt';
import { readStatusConditions } from './vmObject';

const accepted: StatusCondition = {
  type: 'HubAcceptedManagedCluster',
  status: 'True',
  reason: 'HubClusterAdminAccepted',
  message: 'Accepted by hub cluster admin',
};
const joined: StatusCondition = {
  type: 'ManagedClusterJoined',
  status: 'True',
  reason: 'ManagedClusterJoined',
  message: 'Managed cluster joined',
};
const available = (
  status: string,
  reason?: string,
  message?: string,
): StatusCondition => ({
  type: 'ManagedClusterConditionAvailable',
  status,
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
});

describe('deriveClusterAvailability', () => {
  it.each<[string, StatusCondition[] | undefined, DerivedClusterAvailability]>([
    [
      'available',
      [
        accepted,
        joined,
        available(
          'True',
          'ManagedClusterAvailable',
          'Managed cluster is available',
        ),
      ],
      {
        availability: 'available',
        reason: 'ManagedClusterAvailable',
        message: 'Managed cluster is available',
      },
    ],
    [
      'kube-apiserver down',
      [
        accepted,
        joined,
        available(
          'False',
          'ManagedClusterKubeAPIServerUnavailable',
          'The kube-apiserver is not ok, status code: 503',
        ),
      ],
      {
        availability: 'unavailable',
        reason: 'ManagedClusterKubeAPIServerUnavailable',
        message: 'The kube-apiserver is not ok, status code: 503',
      },
    ],
    [
      'lease not renewed',
      [
        accepted,
        joined,
        available(
          'Unknown',
          'ManagedClusterLeaseUpdateStopped',
          'Registration agent stopped updating its lease.',
        ),
      ],
      {
        availability: 'unreachable',
        reason: 'ManagedClusterLeaseUpdateStopped',
        message: 'Registration agent stopped updating its lease.',
      },
    ],
    [
      'no availability condition yet',
      [accepted, joined],
      {
        availability: 'unreachable',
        message:
          'The hub has no availability report from this cluster (its agent stopped updating its lease).',
      },
    ],
    [
      'accepted but not joined',
      [accepted],
      {
        availability: 'not-joined',
        message: 'The cluster has not joined the hub yet.',
      },
    ],
    [
      'joined False',
      [
        accepted,
        {
          ...joined,
          status: 'False',
          reason: 'ManagedClusterNotJoined',
          message: 'waiting for the agent',
        },
      ],
      {
        availability: 'not-joined',
        reason: 'ManagedClusterNotJoined',
        message: 'waiting for the agent',
      },
    ],
    [
      'waiting for a hub administrator',
      [],
      {
        availability: 'awaiting-acceptance',
        message:
          'A hub administrator has not accepted this cluster yet (hubAcceptsClient).',
      },
    ],
    [
      'no conditions at all',
      undefined,
      {
        availability: 'awaiting-acceptance',
        message:
          'A hub administrator has not accepted this cluster yet (hubAcceptsClient).',
      },
    ],
    [
      'denied by the hub administrator',
      [
        {
          ...accepted,
          status: 'False',
          reason: 'HubClusterAdminDenied',
          message: 'Denied by hub cluster admin',
        },
      ],
      {
        availability: 'not-joined',
        reason: 'HubClusterAdminDenied',
        message: 'Denied by hub cluster admin',
      },
    ],
    [
      'HubDeniedManagedCluster True, even with an old Available True',
      [
        accepted,
        joined,
        available('True'),
        {
          type: 'HubDeniedManagedCluster',
          status: 'True',
          reason: 'HubClusterAdminDenied',
        },
      ],
      {
        availability: 'not-joined',
        reason: 'HubClusterAdminDenied',
        message: 'The hub denied this cluster.',
      },
    ],
    [
      'an old Available True on a cluster no longer accepted',
      [
        { ...accepted, status: 'False', reason: 'Error' },
        joined,
        available('True'),
      ],
      {
        availability: 'awaiting-acceptance',
        reason: 'Error',
        message: 'Accepted by hub cluster admin',
      },
    ],
  ])('%s', (_case, conditions, expected) => {
    expect(deriveClusterAvailability(conditions)).toEqual(expected);
  });
});

/*
 * Whole ManagedCluster objects of our own, shaped like the ones OCM hubs
 * return (conditions with timestamps beside capacity, claims and version).
 * The contract tier (clusterAvailability.contract.test.ts) runs recorded
 * ManagedClusters of real hubs through the same path.
 */
function managedCluster(conditions: unknown[]): unknown {
  return {
    apiVersion: 'cluster.open-cluster-management.io/v1',
    kind: 'ManagedCluster',
    metadata: { name: 'edge-7', labels: { env: 'prod' } },
    spec: { hubAcceptsClient: true, leaseDurationSeconds: 60 },
    status: {
      allocatable: { cpu: '15500m', memory: '62Gi' },
      capacity: { cpu: '16', memory: '64Gi' },
      clusterClaims: [{ name: 'id.k8s.io', value: 'edge-7' }],
      version: { kubernetes: 'v1.30.4' },
      conditions,
    },
  };
}
const at = (condition: StatusCondition, time: string) => ({
  ...condition,
  lastTransitionTime: time,
});

describe('deriveClusterAvailability on whole ManagedCluster objects', () => {
  it.each<[string, unknown, string, string]>([
    [
      'an available cluster',
      managedCluster([
        at(accepted, '2024-05-02T09:00:00Z'),
        at(
          available(
            'True',
            'ManagedClusterAvailable',
            'Managed cluster is available',
          ),
          '2024-05-02T09:02:00Z',
        ),
        at(joined, '2024-05-02T09:01:00Z'),
      ]),
      'available',
      'ManagedClusterAvailable',
    ],
    [
      'an offline cluster',
      managedCluster([
        at(accepted, '2024-05-02T09:00:00Z'),
        at(
          available(
            'False',
            'ManagedClusterUnavailable',
            'Managed cluster is unavailable',
          ),
          '2024-06-11T17:40:00Z',
        ),
        at(joined, '2024-05-02T09:01:00Z'),
      ]),
      'unavailable',
      'ManagedClusterUnavailable',
    ],
    [
      'the hub itself, with an import condition too',
      managedCluster([
        at(accepted, '2024-05-02T09:00:00Z'),
        at(joined, '2024-05-02T09:01:00Z'),
        at(
          available(
            'True',
            'ManagedClusterAvailable',
            'Managed cluster is available',
          ),
          '2024-05-02T09:02:00Z',
        ),
        {
          type: 'ManagedClusterImportSucceeded',
          status: 'True',
          reason: 'ManagedClusterImported',
          message: 'Import succeeded',
          lastTransitionTime: '2024-05-02T09:03:00Z',
        },
      ]),
      'available',
      'ManagedClusterAvailable',
    ],
  ])('%s is %s', (_case, cluster, availability, reason) => {
    const status =
      typeof cluster === 'object' && cluster !== null && 'status' in cluster
        ? cluster.status
        : undefined;
    expect(
      deriveClusterAvailability(readStatusConditions(status)),
    ).toMatchObject({ availability, reason });
  });
});

/*
 * Issue 18 point 6. Condition types and reasons as OCM defines them
 * (open-cluster-management-io/api cluster/v1/types.go:
 * ManagedClusterConditionDeleting = "Deleting", reasons ResourceRemaining |
 * NoResource | DeletingError; spec.hubAcceptsClient in the ManagedCluster
 * CRD); the objects are our own.
 */
describe('deriveClusterAvailability: acceptance in the spec, and deletion', () => {
  it('does not blame the hub administrator for a cluster accepted in its spec whose status is not written yet', () => {
    const derived = deriveClusterAvailability(undefined, {
      hubAcceptsClient: true,
    });
    expect(derived.availability).toBe('not-joined');
    expect(derived.message).toContain('spec.hubAcceptsClient: true');
    expect(derived.message).not.toMatch(/administrator has not accepted/);
    // Not accepted in the spec: an administrator must act.
    expect(
      deriveClusterAvailability(undefined, { hubAcceptsClient: false })
        .availability,
    ).toBe('awaiting-acceptance');
  });

  it("reads OCM's Deleting condition and a deletion timestamp as deleting, even while Available is still True", () => {
    const deleting: StatusCondition = {
      type: 'Deleting',
      status: 'True',
      reason: 'ResourceRemaining',
      message: 'The resource manifestworks is remaining',
    };
    expect(
      deriveClusterAvailability([
        accepted,
        joined,
        available('True', 'ManagedClusterAvailable'),
        deleting,
      ]),
    ).toEqual({
      availability: 'deleting',
      reason: 'ResourceRemaining',
      message: 'The resource manifestworks is remaining',
    });
    expect(
      deriveClusterAvailability(
        [accepted, joined, available('True', 'ManagedClusterAvailable')],
        { deletionRequested: true },
      ).availability,
    ).toBe('deleting');
    // A Deleting condition that is False changes nothing.
    expect(
      deriveClusterAvailability([
        accepted,
        joined,
        available('True', 'ManagedClusterAvailable'),
        { ...deleting, status: 'False' },
      ]).availability,
    ).toBe('available');
  });
});
