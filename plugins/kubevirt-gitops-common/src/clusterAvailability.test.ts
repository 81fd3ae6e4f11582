import { readReference } from './__testUtils__/reference';
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

describe('deriveClusterAvailability on recorded ManagedClusters', () => {
  const folder = [
    'recorded',
    'ocm',
    'backstage-community-plugins-ocm-backend-fixtures',
    'managedclusters',
  ];
  it.each<[string, string, string]>([
    ['cluster1.json', 'available', 'ManagedClusterAvailable'],
    ['offline-cluster.json', 'unavailable', 'ManagedClusterUnavailable'],
    ['local-cluster.json', 'available', 'ManagedClusterAvailable'],
  ])('%s is %s', (file, availability, reason) => {
    const text = readReference(...folder, file);
    if (text === undefined) {
      return;
    }
    const cluster: unknown = JSON.parse(text);
    const status =
      typeof cluster === 'object' && cluster !== null && 'status' in cluster
        ? cluster.status
        : undefined;
    expect(
      deriveClusterAvailability(readStatusConditions(status)),
    ).toMatchObject({ availability, reason });
  });
});
