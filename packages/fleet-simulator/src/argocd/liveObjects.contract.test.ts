import { createClusterRuntimeForTest } from './__testUtils__/clusterRuntime';
import type { JsonObject } from './health';
import { createLiveResource } from '../loop/appSync';
import { liveNodes } from '../loop/liveView';
import { refOf } from '../loop/resourceRef';
import { LIFE_DURATIONS_MS as D } from '../loop/vm/durations';
import { updateVmAnchors } from '../loop/vm/vmTimeline';
import { readVmFacts } from '../loop/vm/vmFacts';
import { referenceDir } from './__testUtils__/reference';
import { kubevirtValidators, schemaErrors } from './__testUtils__/schemas';

const vm: JsonObject = {
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
const dataVolume: JsonObject = {
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: { name: 'golden-fedora', namespace: 'os-images' },
  spec: {
    source: { registry: { url: 'docker://quay.io/containerdisks/fedora:41' } },
    storage: { resources: { requests: { storage: '30Gi' } } },
  },
};

describe('live KubeVirt objects against the KubeVirt JSON schemas', () => {
  const reference = referenceDir(
    'live VM/VMI/DataVolume objects vs KubeVirt schemas',
  );

  it('are valid at every step of a VM life, including unschedulable and stopping', () => {
    if (!reference) return;
    const validators = kubevirtValidators(reference);
    expect(
      schemaErrors(validators.VirtualMachine, {
        ...vm,
        status: { printableStatus: 1, surprise: true },
      }),
    ).not.toEqual([]);
    const roomy = createClusterRuntimeForTest('dev-1', 64);
    const tiny = createClusterRuntimeForTest('dev-2', 1);
    const json = JSON.stringify(vm);
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
    const seen = new Set<string>();
    const check = (objects: JsonObject[]) => {
      for (const object of objects) {
        const validate = validators[object.kind as keyof typeof validators];
        if (!validate) continue;
        seen.add(
          `${String(object.kind)}:${JSON.stringify(
            (object.status as JsonObject).phase ??
              (object.status as JsonObject).printableStatus,
          )}`,
        );
        expect({
          kind: object.kind,
          errors: schemaErrors(validate, object),
        }).toEqual({ kind: object.kind, errors: [] });
      }
    };
    for (const cluster of [roomy, tiny]) {
      const live = createLiveResource(refOf(vm, 'vms'), vm, json, 0);
      for (const now of moments)
        check(
          liveNodes(
            live,
            { now, appName: 'dev-1-web-01', cluster },
            'builtin',
          ).map(n => n.object),
        );
      const halted = {
        ...vm,
        spec: { ...(vm.spec as JsonObject), runStrategy: 'Halted' },
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
        check(
          liveNodes(
            stopping,
            { now, appName: 'dev-1-web-01', cluster },
            'post-pr-29664',
          ).map(n => n.object),
        );
      }
    }
    const standalone = createLiveResource(
      refOf(dataVolume, 'os-images'),
      dataVolume,
      JSON.stringify(dataVolume),
      0,
    );
    for (const now of [0, 5_000, 30_000])
      check(
        liveNodes(
          standalone,
          { now, appName: 'images', cluster: roomy },
          'builtin',
        ).map(n => n.object),
      );
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
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
      ]),
    );
  });
});
