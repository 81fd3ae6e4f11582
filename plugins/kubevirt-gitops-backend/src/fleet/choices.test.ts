/*
 * `GET /choices`: the template's sizes and images from the config and the
 * fleet, instead of enums in template.yaml. The golden-images Application
 * is shaped after HCO's boot sources as ArgoCD lists them in
 * `status.resources` (kubevirt/hyperconverged-cluster-operator
 * docs/cluster-configuration.md, "Automatic boot source updates": a
 * DataImportCron `<name>-image-cron` filling the DataSource `<name>` in
 * openshift-virtualization-os-images) and a
 * VirtualMachineClusterInstancetype from kubevirt/common-instancetypes.
 */
import {
  commonInstancetypeNames,
  type GitopsConfig,
} from '@internal/plugin-kubevirt-gitops-common';
import {
  application,
  argoCluster,
  managedCluster,
} from '../__testUtils__/fixtures';
import {
  FETCHED_AT,
  argocdPart,
  hubPart,
  indexOf,
  snapshotOf,
  testEnvironment,
} from '../__testUtils__/snapshot';
import { buildChoicesResponse } from './buildChoicesResponse';
import { buildFleetResponse } from './buildFleetResponse';

const OS_IMAGES = 'openshift-virtualization-os-images';

const gitops: GitopsConfig = {
  repoUrl: 'https://github.com/demo-org/gitops-demo',
  baseBranch: 'main',
  adoptedRepositories: [],
  layout: 'per-vm-applicationset',
  environments: [
    testEnvironment('dev'),
    {
      ...testEnvironment('prod'),
      limits: { maxVcpus: 16, maxMemory: '64Gi', maxRootDisk: '500Gi' },
      allowedImages: ['fedora'],
    },
  ],
  images: [
    {
      id: 'fedora',
      title: 'Fedora',
      preference: 'fedora',
      source: { kind: 'dataSource', name: 'fedora', namespace: OS_IMAGES },
    },
    {
      id: 'rhel9',
      title: 'RHEL 9',
      preference: 'rhel.9',
      source: { kind: 'dataSource', name: 'rhel9', namespace: OS_IMAGES },
    },
    {
      id: 'ubuntu',
      title: 'Ubuntu 24.04',
      preference: 'ubuntu',
      source: {
        kind: 'containerDisk',
        image: 'quay.io/containerdisks/ubuntu:24.04',
      },
    },
  ],
};

function goldenImages(cluster: string) {
  const app = application({
    vm: 'golden-images',
    cluster,
    name: `${cluster}-golden-images`,
    labels: false,
    vmInGit: false,
  });
  const resource = (group: string, kind: string, name: string) => ({
    group,
    version: 'v1beta1',
    kind,
    namespace: OS_IMAGES,
    name,
    status: 'Synced',
  });
  app.status.resources = [
    resource('cdi.kubevirt.io', 'DataSource', 'fedora'),
    resource('cdi.kubevirt.io', 'DataImportCron', 'fedora-image-cron'),
    resource('cdi.kubevirt.io', 'DataImportCron', 'centos-stream9-image-cron'),
    {
      ...resource(
        'instancetype.kubevirt.io',
        'VirtualMachineClusterInstancetype',
        'u1.medium',
      ),
      namespace: undefined as unknown as string,
    },
    resource('', 'ConfigMap', 'not-kept'),
  ] as typeof app.status.resources;
  return app;
}

function fleet() {
  const clusters = ['dev-1', 'dev-2', 'prod-1'];
  const snapshot = snapshotOf(
    [
      hubPart({
        clusters: clusters.map(name =>
          managedCluster({ name, env: name.replace(/-\d$/, '') }),
        ),
      }),
    ],
    [
      argocdPart({
        clusters: clusters.map(name => argoCluster(name)),
        applications: [
          goldenImages('dev-1'),
          goldenImages('prod-1'),
          application({ vm: 'web', cluster: 'dev-1' }),
        ],
      }),
    ],
  );
  return indexOf(snapshot, { environments: gitops.environments });
}

describe('buildChoicesResponse', () => {
  const index = fleet();
  const choices = buildChoicesResponse(index, gitops, FETCHED_AT);

  it('offers every common instancetype, with the limits each environment puts on it', () => {
    expect(choices.sizes.map(size => size.name)).toEqual([
      ...commonInstancetypeNames,
    ]);
    expect(choices.sizes.length).toBeGreaterThanOrEqual(65);
    const medium = choices.sizes.find(size => size.name === 'u1.medium');
    expect(medium).toEqual({
      name: 'u1.medium',
      vcpus: 1,
      memory: '4Gi',
      series: 'General Purpose',
      class: 'general.purpose',
      exceeds: [],
      reportedOn: ['dev-1', 'prod-1'],
    });
    const big = choices.sizes.find(size => size.name === 'u1.4xlarge');
    expect(big?.exceeds).toEqual([
      { environment: 'dev', reason: "vCPUs 16 is over dev's limit of 8" },
      {
        environment: 'dev',
        reason: "memory 64Gi is over dev's limit of 32Gi",
      },
    ]);
    expect(
      choices.sizes.find(size => size.name === 'u1.8xlarge')?.exceeds,
    ).toContainEqual({
      environment: 'prod',
      reason: "vCPUs 32 is over prod's limit of 16",
    });
    expect(
      choices.sizes.find(size => size.name === 'u1.small')?.reportedOn,
    ).toEqual([]);
  });

  it('offers the catalog images with where they are allowed and where the fleet has them', () => {
    expect(choices.images).toEqual([
      {
        id: 'fedora',
        title: 'Fedora',
        preference: 'fedora',
        source: `DataSource ${OS_IMAGES}/fedora`,
        allowedIn: ['dev', 'prod'],
        reportedOn: ['dev-1', 'prod-1'],
      },
      {
        id: 'rhel9',
        title: 'RHEL 9',
        preference: 'rhel.9',
        source: `DataSource ${OS_IMAGES}/rhel9`,
        allowedIn: ['dev'],
        reportedOn: [],
      },
      {
        id: 'ubuntu',
        title: 'Ubuntu 24.04',
        preference: 'ubuntu',
        source: 'container disk quay.io/containerdisks/ubuntu:24.04',
        allowedIn: ['dev'],
      },
    ]);
  });

  it('lists what the fleet has that the catalog does not offer, and only that', () => {
    expect(choices.uncataloguedImages).toEqual([
      {
        kind: 'DataImportCron',
        namespace: OS_IMAGES,
        name: 'centos-stream9',
        clusters: ['dev-1', 'prod-1'],
      },
    ]);
  });

  it('keeps only the boot-image and size kinds from status.resources, and the fleet page is unchanged by them', () => {
    const golden = index.allApps.find(
      entry => entry.app.name === 'dev-1-golden-images',
    );
    expect(golden?.app.resources.map(r => `${r.kind}/${r.name}`)).toEqual([
      'DataSource/fedora',
      'DataImportCron/fedora-image-cron',
      'DataImportCron/centos-stream9-image-cron',
      'VirtualMachineClusterInstancetype/u1.medium',
    ]);
    const response = buildFleetResponse(index, {
      virtualizationStackPattern: /^kubevirt/,
      generatedAt: FETCHED_AT,
    });
    const dev1 = response.clusters.find(cluster => cluster.name === 'dev-1');
    const counted = Object.values(dev1?.vmCounts ?? {}).reduce(
      (sum, count) => sum + (count ?? 0),
      0,
    );
    expect(counted).toBe(1);
  });

  it('offers nothing to choose without a gitops config, and says why the fleet may be incomplete', () => {
    const empty = buildChoicesResponse(index, undefined, FETCHED_AT);
    expect(empty.images).toEqual([]);
    expect(empty.sizes.every(size => size.exceeds.length === 0)).toBe(true);
    expect(empty.errors).toEqual(index.errors);
  });
});
