/*
 * The live objects (VM, VMI, virt-launcher Pod, DataVolume) the simulated
 * clusters show for one VM at every step of its life: provisioning, running,
 * unschedulable on a too-small cluster, stopping and stopped; and for a
 * standalone DataVolume import. Shared by the schema tests of the unit tier
 * (VirtualMachine schema from third_party) and the contract tier (all KubeVirt
 * schemas of the reference material).
 */
import type { JsonObject } from '../health';
import { createLiveResource } from '../applicationController/appSync';
import { liveNodes } from '../applicationController/liveView';
import { refOf } from '../applicationController/resourceRef';
import { LIFE_DURATIONS_MS as D } from '../../kubevirt/durations';
import { updateVmAnchors } from '../../kubevirt/vmTimeline';
import { readVmFacts } from '../../kubevirt/vmFacts';
import { createClusterRuntimeForTest } from './clusterRuntime';

/** A VM as the product writes it (instance-type-free, DataVolume template). */
export const lifeVm: JsonObject = {
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: {
    name: 'web-01',
    namespace: 'vms',
    labels: { app: 'web-01' },
    annotations: { 'managed-cluster': 'dev-1' },
  },
  spec: {
    runStrategy: 'Always',
    dataVolumeTemplates: [
      {
        metadata: { name: 'web-01-rootdisk' },
        spec: {
          sourceRef: {
            kind: 'DataSource',
            name: 'fedora',
            namespace: 'os-images',
          },
          storage: { resources: { requests: { storage: '30Gi' } } },
        },
      },
    ],
    template: {
      metadata: { labels: { 'kubevirt.io/domain': 'web-01' } },
      spec: {
        domain: {
          cpu: { cores: 1 },
          memory: { guest: '2Gi' },
          devices: {
            disks: [{ name: 'rootdisk', disk: { bus: 'virtio' } }],
            interfaces: [{ name: 'default', masquerade: {} }],
          },
        },
        networks: [{ name: 'default', pod: {} }],
        volumes: [
          { name: 'rootdisk', dataVolume: { name: 'web-01-rootdisk' } },
        ],
      },
    },
  },
};

const standaloneDataVolume: JsonObject = {
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: { name: 'golden-fedora', namespace: 'os-images' },
  spec: {
    source: { registry: { url: 'docker://quay.io/containerdisks/fedora:41' } },
    storage: { resources: { requests: { storage: '30Gi' } } },
  },
};

/** `Kind:"phase or printableStatus"` of a live object, e.g. `VirtualMachine:"Running"`. */
export function lifeStep(object: JsonObject): string {
  const status = (object.status ?? {}) as JsonObject;
  return `${String(object.kind)}:${JSON.stringify(
    status.phase ?? status.printableStatus,
  )}`;
}

/** Every live object of {@link lifeVm}'s life on a roomy and a tiny cluster, and of a standalone import. */
export function liveObjectsOfVmLives(): JsonObject[] {
  const objects: JsonObject[] = [];
  const roomy = createClusterRuntimeForTest('dev-1', 64);
  const tiny = createClusterRuntimeForTest('dev-2', 1);
  const json = JSON.stringify(lifeVm);
  const start = D.dataVolumeTransfer;
  const moments = [
    0,
    1_000,
    5_000,
    start,
    start + D.vmiScheduling,
    start + D.vmiScheduled,
    start + D.vmiRunning,
    start + D.guestReady,
  ];
  for (const cluster of [roomy, tiny]) {
    const live = createLiveResource(refOf(lifeVm, 'vms'), lifeVm, json, 0);
    for (const now of moments) {
      objects.push(
        ...liveNodes(
          live,
          { now, appName: 'dev-1-web-01', cluster },
          'builtin',
        ).map(n => n.object),
      );
    }
    const halted = {
      ...lifeVm,
      spec: { ...(lifeVm.spec as JsonObject), runStrategy: 'Halted' },
    };
    const stopping = {
      ...live,
      manifest: halted,
      vm:
        live.vm &&
        updateVmAnchors(
          live.vm,
          readVmFacts(halted),
          start + 60_000,
          cluster.allocatableMemoryBytes,
        ),
    };
    for (const now of [start + 60_001, start + 70_000]) {
      objects.push(
        ...liveNodes(
          stopping,
          { now, appName: 'dev-1-web-01', cluster },
          'post-pr-29664',
        ).map(n => n.object),
      );
    }
  }
  const standalone = createLiveResource(
    refOf(standaloneDataVolume, 'os-images'),
    standaloneDataVolume,
    JSON.stringify(standaloneDataVolume),
    0,
  );
  for (const now of [0, 5_000, 30_000]) {
    objects.push(
      ...liveNodes(
        standalone,
        { now, appName: 'images', cluster: roomy },
        'builtin',
      ).map(n => n.object),
    );
  }
  return objects;
}

/** The life steps {@link liveObjectsOfVmLives} must cover. */
export const LIFE_STEPS = [
  'DataVolume:"CloneInProgress"',
  'DataVolume:"ImportScheduled"',
  'DataVolume:"Succeeded"',
  'VirtualMachine:"ErrorUnschedulable"',
  'VirtualMachine:"Provisioning"',
  'VirtualMachine:"Running"',
  'VirtualMachine:"Starting"',
  'VirtualMachine:"Stopped"',
  'VirtualMachine:"Stopping"',
  'VirtualMachineInstance:"Pending"',
  'VirtualMachineInstance:"Running"',
  'VirtualMachineInstance:"Scheduled"',
  'VirtualMachineInstance:"Scheduling"',
];
