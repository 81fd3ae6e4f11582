/*
 * Contract tier (make test-contracts): ManagedClusters recorded from real
 * hubs (../shared/reference/recorded/ocm) derive the availability their
 * conditions say.
 */
import { readReference } from '../__testUtils__/reference';
import { deriveClusterAvailability } from './clusterAvailability';
import { readStatusConditions } from './vmObject';

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
    const cluster: unknown = JSON.parse(readReference(...folder, file));
    const status =
      typeof cluster === 'object' && cluster !== null && 'status' in cluster
        ? cluster.status
        : undefined;
    expect(
      deriveClusterAvailability(readStatusConditions(status)),
    ).toMatchObject({ availability, reason });
  });
});
