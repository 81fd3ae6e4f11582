/*
 * Every printableStatus (17) against every run strategy (the six KubeVirt
 * knows, plus the deprecated running: true / false), with the expected
 * derived state written out row by row.
 */
import { kubevirtRunStrategies, vmPrintableStatuses } from './kubevirt';
import { deriveVmState } from './vmState';
import type { VmStateInput, VmStateSeverity, VmState } from './vmStateTypes';

type Strategy =
  | (typeof kubevirtRunStrategies)[number]
  | 'running: true'
  | 'running: false';

function desired(
  strategy: Strategy,
): Pick<VmStateInput, 'runStrategy' | 'running'> {
  if (strategy === 'running: true') {
    return { running: true };
  }
  if (strategy === 'running: false') {
    return { running: false };
  }
  return { runStrategy: strategy };
}

type Row = [
  printableStatus: string,
  strategy: Strategy,
  state: VmState,
  reason: string | undefined,
  matchesDesired: boolean,
  severity: VmStateSeverity,
  label: string,
];

// printableStatus, desired, state, reason, matchesDesired, severity, label
// prettier-ignore
const TABLE: Row[] = [
  ['Running', 'Always', 'Running', undefined, true, 'ok', 'Running'],
  ['Running', 'RerunOnFailure', 'Running', undefined, true, 'ok', 'Running'],
  ['Running', 'Halted', 'Running', undefined, false, 'warning', 'Drift: running but Git says Halted'],
  ['Running', 'Manual', 'Running', undefined, true, 'ok', 'Running'],
  ['Running', 'Once', 'Running', undefined, true, 'ok', 'Running'],
  ['Running', 'WaitAsReceiver', 'Running', undefined, true, 'ok', 'Running'],
  ['Running', 'running: true', 'Running', undefined, true, 'ok', 'Running'],
  ['Running', 'running: false', 'Running', undefined, false, 'warning', 'Drift: running but Git says running: false'],

  ['Stopped', 'Always', 'Stopped', undefined, false, 'warning', 'Drift: stopped but Git says Always'],
  ['Stopped', 'RerunOnFailure', 'Stopped', undefined, true, 'ok', 'Stopped (guest shut down)'],
  ['Stopped', 'Halted', 'Stopped', undefined, true, 'ok', 'Stopped as declared'],
  ['Stopped', 'Manual', 'Stopped', undefined, true, 'ok', 'Stopped'],
  ['Stopped', 'Once', 'Stopped', undefined, true, 'ok', 'Stopped'],
  ['Stopped', 'WaitAsReceiver', 'Stopped', undefined, true, 'ok', 'Stopped'],
  ['Stopped', 'running: true', 'Stopped', undefined, false, 'warning', 'Drift: stopped but Git says running: true'],
  ['Stopped', 'running: false', 'Stopped', undefined, true, 'ok', 'Stopped as declared'],

  ['Starting', 'Always', 'Starting', undefined, true, 'progress', 'Starting'],
  ['Starting', 'RerunOnFailure', 'Starting', undefined, true, 'progress', 'Starting'],
  ['Starting', 'Halted', 'Starting', undefined, false, 'warning', 'Drift: starting but Git says Halted'],
  ['Starting', 'Manual', 'Starting', undefined, true, 'progress', 'Starting'],
  ['Starting', 'Once', 'Starting', undefined, true, 'progress', 'Starting'],
  ['Starting', 'WaitAsReceiver', 'Starting', undefined, true, 'progress', 'Starting'],
  ['Starting', 'running: true', 'Starting', undefined, true, 'progress', 'Starting'],
  ['Starting', 'running: false', 'Starting', undefined, false, 'warning', 'Drift: starting but Git says running: false'],

  ['Stopping', 'Always', 'Stopping', undefined, false, 'progress', 'Stopping; Git says Always'],
  ['Stopping', 'RerunOnFailure', 'Stopping', undefined, true, 'progress', 'Stopping'],
  ['Stopping', 'Halted', 'Stopping', undefined, true, 'progress', 'Stopping'],
  ['Stopping', 'Manual', 'Stopping', undefined, true, 'progress', 'Stopping'],
  ['Stopping', 'Once', 'Stopping', undefined, true, 'progress', 'Stopping'],
  ['Stopping', 'WaitAsReceiver', 'Stopping', undefined, true, 'progress', 'Stopping'],
  ['Stopping', 'running: true', 'Stopping', undefined, false, 'progress', 'Stopping; Git says running: true'],
  ['Stopping', 'running: false', 'Stopping', undefined, true, 'progress', 'Stopping'],

  ['Terminating', 'Always', 'Stopping', 'Terminating', false, 'progress', 'Terminating'],
  ['Terminating', 'RerunOnFailure', 'Stopping', 'Terminating', false, 'progress', 'Terminating'],
  ['Terminating', 'Halted', 'Stopping', 'Terminating', false, 'progress', 'Terminating'],
  ['Terminating', 'Manual', 'Stopping', 'Terminating', false, 'progress', 'Terminating'],
  ['Terminating', 'Once', 'Stopping', 'Terminating', false, 'progress', 'Terminating'],
  ['Terminating', 'WaitAsReceiver', 'Stopping', 'Terminating', false, 'progress', 'Terminating'],
  ['Terminating', 'running: true', 'Stopping', 'Terminating', false, 'progress', 'Terminating'],
  ['Terminating', 'running: false', 'Stopping', 'Terminating', false, 'progress', 'Terminating'],

  ['Provisioning', 'Always', 'Provisioning', undefined, true, 'progress', 'Provisioning'],
  ['Provisioning', 'RerunOnFailure', 'Provisioning', undefined, true, 'progress', 'Provisioning'],
  ['Provisioning', 'Halted', 'Provisioning', undefined, true, 'progress', 'Provisioning'],
  ['Provisioning', 'Manual', 'Provisioning', undefined, true, 'progress', 'Provisioning'],
  ['Provisioning', 'Once', 'Provisioning', undefined, true, 'progress', 'Provisioning'],
  ['Provisioning', 'WaitAsReceiver', 'Provisioning', undefined, true, 'progress', 'Provisioning'],
  ['Provisioning', 'running: true', 'Provisioning', undefined, true, 'progress', 'Provisioning'],
  ['Provisioning', 'running: false', 'Provisioning', undefined, true, 'progress', 'Provisioning'],

  ['WaitingForVolumeBinding', 'Always', 'Provisioning', 'WaitingForVolumeBinding', true, 'progress', 'Provisioning: WaitingForVolumeBinding'],
  ['WaitingForVolumeBinding', 'RerunOnFailure', 'Provisioning', 'WaitingForVolumeBinding', true, 'progress', 'Provisioning: WaitingForVolumeBinding'],
  ['WaitingForVolumeBinding', 'Halted', 'Provisioning', 'WaitingForVolumeBinding', true, 'progress', 'Provisioning: WaitingForVolumeBinding'],
  ['WaitingForVolumeBinding', 'Manual', 'Provisioning', 'WaitingForVolumeBinding', true, 'progress', 'Provisioning: WaitingForVolumeBinding'],
  ['WaitingForVolumeBinding', 'Once', 'Provisioning', 'WaitingForVolumeBinding', true, 'progress', 'Provisioning: WaitingForVolumeBinding'],
  ['WaitingForVolumeBinding', 'WaitAsReceiver', 'Provisioning', 'WaitingForVolumeBinding', true, 'progress', 'Provisioning: WaitingForVolumeBinding'],
  ['WaitingForVolumeBinding', 'running: true', 'Provisioning', 'WaitingForVolumeBinding', true, 'progress', 'Provisioning: WaitingForVolumeBinding'],
  ['WaitingForVolumeBinding', 'running: false', 'Provisioning', 'WaitingForVolumeBinding', true, 'progress', 'Provisioning: WaitingForVolumeBinding'],

  ['Paused', 'Always', 'Paused', undefined, false, 'warning', 'Paused; Git says Always'],
  ['Paused', 'RerunOnFailure', 'Paused', undefined, false, 'warning', 'Paused; Git says RerunOnFailure'],
  ['Paused', 'Halted', 'Paused', undefined, false, 'warning', 'Paused; Git says Halted'],
  ['Paused', 'Manual', 'Paused', undefined, true, 'warning', 'Paused'],
  ['Paused', 'Once', 'Paused', undefined, true, 'warning', 'Paused'],
  ['Paused', 'WaitAsReceiver', 'Paused', undefined, true, 'warning', 'Paused'],
  ['Paused', 'running: true', 'Paused', undefined, false, 'warning', 'Paused; Git says running: true'],
  ['Paused', 'running: false', 'Paused', undefined, false, 'warning', 'Paused; Git says running: false'],

  ['Migrating', 'Always', 'Migrating', undefined, true, 'progress', 'Migrating'],
  ['Migrating', 'RerunOnFailure', 'Migrating', undefined, true, 'progress', 'Migrating'],
  ['Migrating', 'Halted', 'Migrating', undefined, false, 'warning', 'Drift: migrating but Git says Halted'],
  ['Migrating', 'Manual', 'Migrating', undefined, true, 'progress', 'Migrating'],
  ['Migrating', 'Once', 'Migrating', undefined, true, 'progress', 'Migrating'],
  ['Migrating', 'WaitAsReceiver', 'Migrating', undefined, true, 'progress', 'Migrating'],
  ['Migrating', 'running: true', 'Migrating', undefined, true, 'progress', 'Migrating'],
  ['Migrating', 'running: false', 'Migrating', undefined, false, 'warning', 'Drift: migrating but Git says running: false'],

  ['WaitingForReceiver', 'Always', 'Migrating', 'WaitingForReceiver', true, 'progress', 'Migrating: WaitingForReceiver'],
  ['WaitingForReceiver', 'RerunOnFailure', 'Migrating', 'WaitingForReceiver', true, 'progress', 'Migrating: WaitingForReceiver'],
  ['WaitingForReceiver', 'Halted', 'Migrating', 'WaitingForReceiver', false, 'warning', 'Drift: migrating but Git says Halted'],
  ['WaitingForReceiver', 'Manual', 'Migrating', 'WaitingForReceiver', true, 'progress', 'Migrating: WaitingForReceiver'],
  ['WaitingForReceiver', 'Once', 'Migrating', 'WaitingForReceiver', true, 'progress', 'Migrating: WaitingForReceiver'],
  ['WaitingForReceiver', 'WaitAsReceiver', 'Migrating', 'WaitingForReceiver', true, 'progress', 'Migrating: WaitingForReceiver'],
  ['WaitingForReceiver', 'running: true', 'Migrating', 'WaitingForReceiver', true, 'progress', 'Migrating: WaitingForReceiver'],
  ['WaitingForReceiver', 'running: false', 'Migrating', 'WaitingForReceiver', false, 'warning', 'Drift: migrating but Git says running: false'],

  ['Unknown', 'Always', 'Unknown', undefined, false, 'unknown', 'Unknown'],
  ['Unknown', 'RerunOnFailure', 'Unknown', undefined, false, 'unknown', 'Unknown'],
  ['Unknown', 'Halted', 'Unknown', undefined, false, 'unknown', 'Unknown'],
  ['Unknown', 'Manual', 'Unknown', undefined, false, 'unknown', 'Unknown'],
  ['Unknown', 'Once', 'Unknown', undefined, false, 'unknown', 'Unknown'],
  ['Unknown', 'WaitAsReceiver', 'Unknown', undefined, false, 'unknown', 'Unknown'],
  ['Unknown', 'running: true', 'Unknown', undefined, false, 'unknown', 'Unknown'],
  ['Unknown', 'running: false', 'Unknown', undefined, false, 'unknown', 'Unknown'],

  ['CrashLoopBackOff', 'Always', 'Error', 'CrashLoopBackOff', false, 'error', 'Error: CrashLoopBackOff'],
  ['CrashLoopBackOff', 'RerunOnFailure', 'Error', 'CrashLoopBackOff', false, 'error', 'Error: CrashLoopBackOff'],
  ['CrashLoopBackOff', 'Halted', 'Error', 'CrashLoopBackOff', false, 'error', 'Error: CrashLoopBackOff'],
  ['CrashLoopBackOff', 'Manual', 'Error', 'CrashLoopBackOff', false, 'error', 'Error: CrashLoopBackOff'],
  ['CrashLoopBackOff', 'Once', 'Error', 'CrashLoopBackOff', false, 'error', 'Error: CrashLoopBackOff'],
  ['CrashLoopBackOff', 'WaitAsReceiver', 'Error', 'CrashLoopBackOff', false, 'error', 'Error: CrashLoopBackOff'],
  ['CrashLoopBackOff', 'running: true', 'Error', 'CrashLoopBackOff', false, 'error', 'Error: CrashLoopBackOff'],
  ['CrashLoopBackOff', 'running: false', 'Error', 'CrashLoopBackOff', false, 'error', 'Error: CrashLoopBackOff'],

  ['ErrorUnschedulable', 'Always', 'Error', 'ErrorUnschedulable', false, 'error', 'Error: ErrorUnschedulable'],
  ['ErrorUnschedulable', 'RerunOnFailure', 'Error', 'ErrorUnschedulable', false, 'error', 'Error: ErrorUnschedulable'],
  ['ErrorUnschedulable', 'Halted', 'Error', 'ErrorUnschedulable', false, 'error', 'Error: ErrorUnschedulable'],
  ['ErrorUnschedulable', 'Manual', 'Error', 'ErrorUnschedulable', false, 'error', 'Error: ErrorUnschedulable'],
  ['ErrorUnschedulable', 'Once', 'Error', 'ErrorUnschedulable', false, 'error', 'Error: ErrorUnschedulable'],
  ['ErrorUnschedulable', 'WaitAsReceiver', 'Error', 'ErrorUnschedulable', false, 'error', 'Error: ErrorUnschedulable'],
  ['ErrorUnschedulable', 'running: true', 'Error', 'ErrorUnschedulable', false, 'error', 'Error: ErrorUnschedulable'],
  ['ErrorUnschedulable', 'running: false', 'Error', 'ErrorUnschedulable', false, 'error', 'Error: ErrorUnschedulable'],

  ['ErrImagePull', 'Always', 'Error', 'ErrImagePull', false, 'error', 'Error: ErrImagePull'],
  ['ErrImagePull', 'RerunOnFailure', 'Error', 'ErrImagePull', false, 'error', 'Error: ErrImagePull'],
  ['ErrImagePull', 'Halted', 'Error', 'ErrImagePull', false, 'error', 'Error: ErrImagePull'],
  ['ErrImagePull', 'Manual', 'Error', 'ErrImagePull', false, 'error', 'Error: ErrImagePull'],
  ['ErrImagePull', 'Once', 'Error', 'ErrImagePull', false, 'error', 'Error: ErrImagePull'],
  ['ErrImagePull', 'WaitAsReceiver', 'Error', 'ErrImagePull', false, 'error', 'Error: ErrImagePull'],
  ['ErrImagePull', 'running: true', 'Error', 'ErrImagePull', false, 'error', 'Error: ErrImagePull'],
  ['ErrImagePull', 'running: false', 'Error', 'ErrImagePull', false, 'error', 'Error: ErrImagePull'],

  ['ImagePullBackOff', 'Always', 'Error', 'ImagePullBackOff', false, 'error', 'Error: ImagePullBackOff'],
  ['ImagePullBackOff', 'RerunOnFailure', 'Error', 'ImagePullBackOff', false, 'error', 'Error: ImagePullBackOff'],
  ['ImagePullBackOff', 'Halted', 'Error', 'ImagePullBackOff', false, 'error', 'Error: ImagePullBackOff'],
  ['ImagePullBackOff', 'Manual', 'Error', 'ImagePullBackOff', false, 'error', 'Error: ImagePullBackOff'],
  ['ImagePullBackOff', 'Once', 'Error', 'ImagePullBackOff', false, 'error', 'Error: ImagePullBackOff'],
  ['ImagePullBackOff', 'WaitAsReceiver', 'Error', 'ImagePullBackOff', false, 'error', 'Error: ImagePullBackOff'],
  ['ImagePullBackOff', 'running: true', 'Error', 'ImagePullBackOff', false, 'error', 'Error: ImagePullBackOff'],
  ['ImagePullBackOff', 'running: false', 'Error', 'ImagePullBackOff', false, 'error', 'Error: ImagePullBackOff'],

  ['ErrorPvcNotFound', 'Always', 'Error', 'ErrorPvcNotFound', false, 'error', 'Error: ErrorPvcNotFound'],
  ['ErrorPvcNotFound', 'RerunOnFailure', 'Error', 'ErrorPvcNotFound', false, 'error', 'Error: ErrorPvcNotFound'],
  ['ErrorPvcNotFound', 'Halted', 'Error', 'ErrorPvcNotFound', false, 'error', 'Error: ErrorPvcNotFound'],
  ['ErrorPvcNotFound', 'Manual', 'Error', 'ErrorPvcNotFound', false, 'error', 'Error: ErrorPvcNotFound'],
  ['ErrorPvcNotFound', 'Once', 'Error', 'ErrorPvcNotFound', false, 'error', 'Error: ErrorPvcNotFound'],
  ['ErrorPvcNotFound', 'WaitAsReceiver', 'Error', 'ErrorPvcNotFound', false, 'error', 'Error: ErrorPvcNotFound'],
  ['ErrorPvcNotFound', 'running: true', 'Error', 'ErrorPvcNotFound', false, 'error', 'Error: ErrorPvcNotFound'],
  ['ErrorPvcNotFound', 'running: false', 'Error', 'ErrorPvcNotFound', false, 'error', 'Error: ErrorPvcNotFound'],

  ['DataVolumeError', 'Always', 'Error', 'DataVolumeError', false, 'error', 'Error: DataVolumeError'],
  ['DataVolumeError', 'RerunOnFailure', 'Error', 'DataVolumeError', false, 'error', 'Error: DataVolumeError'],
  ['DataVolumeError', 'Halted', 'Error', 'DataVolumeError', false, 'error', 'Error: DataVolumeError'],
  ['DataVolumeError', 'Manual', 'Error', 'DataVolumeError', false, 'error', 'Error: DataVolumeError'],
  ['DataVolumeError', 'Once', 'Error', 'DataVolumeError', false, 'error', 'Error: DataVolumeError'],
  ['DataVolumeError', 'WaitAsReceiver', 'Error', 'DataVolumeError', false, 'error', 'Error: DataVolumeError'],
  ['DataVolumeError', 'running: true', 'Error', 'DataVolumeError', false, 'error', 'Error: DataVolumeError'],
  ['DataVolumeError', 'running: false', 'Error', 'DataVolumeError', false, 'error', 'Error: DataVolumeError'],
];

describe('deriveVmState: printableStatus x run strategy', () => {
  it.each(TABLE)(
    '%s with %s → %s',
    (
      printableStatus,
      strategy,
      state,
      reason,
      matchesDesired,
      severity,
      label,
    ) => {
      const derived = deriveVmState({
        existsOnCluster: true,
        printableStatus,
        ...desired(strategy),
        syncStatus: 'Synced',
        inGit: true,
      });
      expect(derived).toEqual({
        state,
        ...(reason === undefined ? {} : { reason }),
        matchesDesired,
        severity,
        label,
      });
    },
  );

  it('covers all 17 printableStatus values against all 8 desired states', () => {
    const strategies: Strategy[] = [
      ...kubevirtRunStrategies,
      'running: true',
      'running: false',
    ];
    const covered = new Set(
      TABLE.map(([status, strategy]) => `${status}/${strategy}`),
    );
    for (const status of vmPrintableStatuses) {
      for (const strategy of strategies) {
        expect(covered).toContain(`${status}/${strategy}`);
      }
    }
    expect(vmPrintableStatuses).toHaveLength(17);
    expect(TABLE).toHaveLength(17 * 8);
  });
});
