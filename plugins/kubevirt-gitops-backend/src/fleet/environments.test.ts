/*
 * Issue 18 point 5: taints, the hub cluster and unknown capacity in
 * `/environments`. ManagedCluster fixtures are our own builders, shaped
 * after:
 * - `spec.taints[]` (key, value, effect NoSelect | PreferNoSelect |
 *   NoSelectIfNew): open-cluster-management-io/api cluster/v1
 *   0000_00_clusters.open-cluster-management.io_managedclusters.crd.yaml;
 * - the hub's own ManagedCluster (label `local-cluster: "true"`, allocatable
 *   cpu 94500m and `devices.kubevirt.io/kvm: "0"`): the recorded ACM object
 *   backstage/community-plugins ocm-backend __fixtures__ local-cluster.json.
 */
import type { GitopsConfig } from '@internal/plugin-kubevirt-gitops-common';
import { managedCluster } from '../__testUtils__/fixtures';
import {
  FETCHED_AT,
  hubPart,
  indexOf,
  snapshotOf,
  testEnvironment,
} from '../__testUtils__/snapshot';
import { buildEnvironmentsResponse } from './buildEnvironmentsResponse';
import { buildFleetResponse } from './buildFleetResponse';
import { mapManagedCluster } from './mapHubObjects';

const gitops: GitopsConfig = {
  repoUrl: 'https://github.com/demo-org/gitops-demo',
  baseBranch: 'main',
  adoptedRepositories: [],
  layout: 'per-vm-applicationset',
  environments: [testEnvironment('dev')],
  images: [],
};

function tainted() {
  const cluster = managedCluster({
    name: 'dev-maint',
    env: 'dev',
    cpu: '32',
    memory: '64Gi',
  });
  return {
    ...cluster,
    spec: {
      ...cluster.spec,
      taints: [
        {
          key: 'maintenance',
          value: 'kernel-upgrade',
          effect: 'NoSelect',
          timeAdded: '2025-03-01T08:00:00Z',
        },
      ],
    },
  };
}

function hubItself() {
  const cluster = managedCluster({ name: 'local-cluster', env: 'dev' });
  return {
    ...cluster,
    metadata: {
      ...cluster.metadata,
      labels: { ...cluster.metadata.labels, 'local-cluster': 'true' },
    },
    status: {
      ...cluster.status,
      capacity: {
        cpu: '96',
        memory: '527938680Ki',
        'devices.kubevirt.io/kvm': '0',
      },
      allocatable: {
        cpu: '94500m',
        memory: '524485752Ki',
        'devices.kubevirt.io/kvm': '0',
      },
    },
  };
}

function withoutAllocatable() {
  const cluster = managedCluster({ name: 'dev-new', env: 'dev' });
  const { allocatable: _dropped, ...status } = cluster.status;
  return { ...cluster, status };
}

describe('environments: taints, hub cluster, unknown capacity', () => {
  const hub = hubPart({
    clusters: [
      managedCluster({ name: 'dev-1', env: 'dev', cpu: '8', memory: '16Gi' }),
      tainted(),
      hubItself(),
      withoutAllocatable(),
    ],
  });

  it('reads spec.taints and the hub label', () => {
    expect(mapManagedCluster(tainted())).toMatchObject({
      taints: [
        { key: 'maintenance', value: 'kernel-upgrade', effect: 'NoSelect' },
      ],
      hub: false,
    });
    expect(mapManagedCluster(hubItself())).toMatchObject({
      hub: true,
      allocatable: { cpu: 94.5, kvm: 0 },
    });
  });

  it('does not offer a NoSelect-tainted cluster, adds no hub CPUs with 0 KVM devices, and lists unknown capacity instead of summing 0', () => {
    const [dev] = buildEnvironmentsResponse(
      indexOf(snapshotOf([hub], [])),
      gitops,
      FETCHED_AT,
    ).environments;
    const byName = new Map(dev.clusters.map(c => [c.name, c]));
    expect(byName.get('dev-maint')).toMatchObject({
      availability: 'available',
      selectable: false,
      note: 'tainted maintenance=kernel-upgrade:NoSelect',
    });
    expect(byName.get('local-cluster')).toMatchObject({
      selectable: true,
      hub: true,
      note: 'no KVM devices (devices.kubevirt.io/kvm: 0)',
    });
    expect(byName.get('dev-new')).toMatchObject({
      selectable: true,
      note: expect.stringContaining('capacity unknown'),
    });
    // dev-1, local-cluster, dev-new; not dev-maint
    expect(dev.availableClusters).toBe(3);
    // only dev-1: not the tainted cluster's 32, not the hub's 94.5
    expect(dev.freeCapacity).toEqual({ cpu: 8, memory: 16 * 2 ** 30 });
    expect(dev.capacityUnknown).toEqual(['dev-new']);
  });

  it('shows taints and the hub flag on the fleet page', () => {
    const fleet = buildFleetResponse(indexOf(snapshotOf([hub], [])), {
      virtualizationStackPattern: /kubevirt/,
      generatedAt: FETCHED_AT,
    });
    const byName = new Map(fleet.clusters.map(c => [c.name, c]));
    expect(byName.get('dev-maint')?.taints).toEqual([
      { key: 'maintenance', value: 'kernel-upgrade', effect: 'NoSelect' },
    ]);
    expect(byName.get('local-cluster')?.hub).toBe(true);
    expect(byName.get('dev-1')?.hub).toBeUndefined();
  });
});
