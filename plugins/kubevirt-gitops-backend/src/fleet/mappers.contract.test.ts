/*
 * Contract tier (make test-contracts): objects recorded from a real ACM hub
 * and a real ArgoCD 2.x (../shared/reference/recorded) go through the
 * mappers. The unit tier (mappers.test.ts) covers the same shapes with
 * objects of our own.
 */
import { readReferenceJson } from '../__testUtils__/reference';
import { mapApplication } from './mapArgoObjects';
import { mapManagedCluster } from './mapHubObjects';

describe('mappers on recorded upstream objects', () => {
  it('reads recorded ManagedCluster objects from a real ACM hub', () => {
    const folder = [
      'recorded',
      'ocm',
      'backstage-community-plugins-ocm-backend-fixtures',
      'managedclusters',
    ];
    expect(
      mapManagedCluster(readReferenceJson(...folder, 'cluster1.json')),
    ).toMatchObject({
      name: 'cluster1',
      availability: 'available',
      kubernetesVersion: 'v1.22.3+fdba464',
      capacity: { cpu: 1152, kvm: 25036 },
      allocatable: { cpu: 1136.5, kvm: 21036 },
    });
    expect(
      mapManagedCluster(readReferenceJson(...folder, 'offline-cluster.json')),
    ).toMatchObject({
      availability: 'unavailable',
      availabilityReason: 'ManagedClusterUnavailable',
    });
  });

  it('reads a recorded ArgoCD 2.x Application with inline resource health', () => {
    const app = mapApplication(
      readReferenceJson(
        'recorded',
        'argocd',
        'roadie-backstage-plugins-e2e-fixtures',
        'applications-test-app.json',
      ),
      new Map(),
    );
    expect(app?.name).toBe('test-app');
    expect(app?.sync.status).toMatch(/Synced|OutOfSync/);
    expect(app?.health.status).toMatch(
      /Healthy|Progressing|Degraded|Missing|Suspended|Unknown/,
    );
  });
});
