/*
 * The situations ArgoCD's VirtualMachine health check distinguishes
 * (Healthy / Progressing / Suspended), as VirtualMachine objects of our own
 * shaped like a cluster returns them (the deprecated `running` field,
 * conditions with timestamps, volume snapshot statuses), read with
 * readVmStateFields and derived: we say what a user should read. The
 * contract tier (vmState.argocd.contract.test.ts) does the same with
 * ArgoCD's own testdata files.
 */
import { readVmStateFields } from './vmObject';
import { deriveVmState } from './vmState';
import type { DerivedVmState } from './vmStateTypes';

const snapshots = {
  volumeSnapshotStatuses: [
    { name: 'rootdisk', enabled: false, reason: 'No VolumeSnapshotClass' },
  ],
};

function virtualMachine(running: boolean, status: object): unknown {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: 'build-01', namespace: 'ci' },
    spec: {
      running,
      template: { spec: { domain: { devices: {} } } },
    },
    status,
  };
}

describe('deriveVmState on VMs in the situations ArgoCD health tells apart', () => {
  it.each<[string, unknown, DerivedVmState]>([
    [
      'ready (ArgoCD: Healthy)',
      virtualMachine(true, {
        ...snapshots,
        created: true,
        ready: true,
        printableStatus: 'Running',
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            lastProbeTime: null,
            lastTransitionTime: '2024-03-01T08:00:00Z',
          },
        ],
      }),
      {
        state: 'Running',
        matchesDesired: true,
        severity: 'ok',
        label: 'Running',
      },
    ],
    [
      'no status yet (ArgoCD: Progressing)',
      virtualMachine(true, { ...snapshots }),
      {
        state: 'Pending',
        reason: 'NoStatusYet',
        matchesDesired: false,
        severity: 'progress',
        label: 'Waiting for KubeVirt to report a status',
      },
    ],
    [
      'starting although Git says running: false (ArgoCD: Progressing)',
      virtualMachine(false, {
        ...snapshots,
        created: true,
        printableStatus: 'Starting',
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'GuestNotRunning',
            message: 'Guest VM is not reported as running',
            lastTransitionTime: '2024-03-01T08:00:00Z',
          },
        ],
      }),
      {
        state: 'Starting',
        matchesDesired: false,
        severity: 'warning',
        label: 'Drift: starting but Git says running: false',
      },
    ],
    [
      'paused by a user while Git says running: true (ArgoCD: Suspended)',
      virtualMachine(true, {
        ...snapshots,
        created: true,
        ready: true,
        printableStatus: 'Paused',
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            lastTransitionTime: '2024-03-01T08:00:00Z',
          },
          {
            type: 'Paused',
            status: 'True',
            reason: 'PausedByUser',
            message: 'VMI was paused by user',
            lastTransitionTime: '2024-03-01T09:30:00Z',
          },
        ],
      }),
      {
        state: 'Paused',
        matchesDesired: false,
        severity: 'warning',
        label: 'Paused; Git says running: true',
      },
    ],
    [
      'stopped as declared (ArgoCD: Suspended; for us healthy)',
      virtualMachine(false, {
        ...snapshots,
        printableStatus: 'Stopped',
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'VMINotExists',
            message: 'VMI does not exist',
            lastTransitionTime: '2024-03-01T08:00:00Z',
          },
        ],
      }),
      {
        state: 'Stopped',
        matchesDesired: true,
        severity: 'ok',
        label: 'Stopped as declared',
      },
    ],
  ])('%s', (_situation, vm, expected) => {
    expect(
      deriveVmState({ existsOnCluster: true, ...readVmStateFields(vm) }),
    ).toEqual(expected);
  });

  it('reads the deprecated running field and the conditions of a VM object', () => {
    expect(
      readVmStateFields(
        virtualMachine(true, {
          ...snapshots,
          created: true,
          printableStatus: 'Paused',
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              lastProbeTime: null,
              lastTransitionTime: '2024-03-01T08:00:00Z',
            },
            {
              type: 'Paused',
              status: 'True',
              reason: 'PausedByUser',
              message: 'VMI was paused by user',
              lastTransitionTime: '2024-03-01T09:30:00Z',
            },
          ],
        }),
      ),
    ).toEqual({
      running: true,
      printableStatus: 'Paused',
      created: true,
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          lastTransitionTime: '2024-03-01T08:00:00Z',
        },
        {
          type: 'Paused',
          status: 'True',
          reason: 'PausedByUser',
          message: 'VMI was paused by user',
          lastTransitionTime: '2024-03-01T09:30:00Z',
        },
      ],
    });
  });
});
