/*
 * Contract tier (make test-contracts): objects recorded from a real ACM hub
 * and a real ArgoCD 2.x (../shared/reference/recorded) go through the
 * mappers. The unit tier (mappers.test.ts) covers the same shapes with
 * objects of our own.
 */
import { readReferenceJson } from '../__testUtils__/reference';
import {
  FETCHED_AT,
  hubPart,
  indexOf,
  snapshotOf,
  testEnvironment,
} from '../__testUtils__/snapshot';
import { buildEnvironmentsResponse } from './buildEnvironmentsResponse';
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

  // Issue 18 point 5 on the recorded hub cluster (ACM's local-cluster:
  // label local-cluster "true", allocatable devices.kubevirt.io/kvm "0").
  it('reads the recorded hub cluster as the hub, and adds none of its CPUs as VM capacity', () => {
    const folder = [
      'recorded',
      'ocm',
      'backstage-community-plugins-ocm-backend-fixtures',
      'managedclusters',
    ];
    const hubCluster = readReferenceJson(...folder, 'local-cluster.json');
    const other = readReferenceJson(...folder, 'cluster1.json');
    expect(mapManagedCluster(hubCluster)).toMatchObject({
      hub: true,
      availability: 'available',
      allocatable: { cpu: 94.5, kvm: 0 },
    });
    const relabel = (object: unknown, env: string) => {
      const record = object as { metadata: { labels: Record<string, string> } };
      return {
        ...record,
        metadata: {
          ...record.metadata,
          labels: { ...record.metadata.labels, env },
        },
      };
    };
    const index = indexOf(
      snapshotOf(
        [
          hubPart({
            clusters: [relabel(hubCluster, 'dev'), relabel(other, 'dev')],
          }),
        ],
        [],
      ),
    );
    const [dev] = buildEnvironmentsResponse(
      index,
      {
        repoUrl: 'https://github.com/demo-org/gitops-demo',
        baseBranch: 'main',
        adoptedRepositories: [],
        layout: 'per-vm-applicationset',
        environments: [testEnvironment('dev')],
        images: [],
      },
      FETCHED_AT,
    ).environments;
    expect(dev.freeCapacity.cpu).toBe(1136.5);
    expect(dev.clusters.find(c => c.name === 'local-cluster')).toMatchObject({
      hub: true,
      note: 'no KVM devices (devices.kubevirt.io/kvm: 0)',
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
