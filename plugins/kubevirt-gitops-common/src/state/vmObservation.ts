/*
 * What a VM is doing on its cluster, read from status.printableStatus, or
 * (when KubeVirt has not set it) from its conditions and the VMI phase, as
 * ArgoCD's health check does.
 */
import {
  isOneOf,
  vmPrintableStatuses,
  type StatusCondition,
  type VmPrintableStatus,
} from './kubevirt';
import type { VmState, VmStateInput } from './vmStateTypes';

/** What the VM is doing, before it is judged against Git. */
export type Activity =
  | 'up'
  | 'down'
  | 'goingUp'
  | 'goingDown'
  | 'provisioning'
  | 'deleting'
  | 'paused'
  | 'migrating'
  | 'error'
  | 'unknown'
  | 'noStatus';

export interface Observed {
  state: VmState;
  activity: Activity;
  reason?: string;
}

const OBSERVED_BY_PRINTABLE_STATUS: Record<VmPrintableStatus, Observed> = {
  Running: { state: 'Running', activity: 'up' },
  Stopped: { state: 'Stopped', activity: 'down' },
  Starting: { state: 'Starting', activity: 'goingUp' },
  Stopping: { state: 'Stopping', activity: 'goingDown' },
  Terminating: {
    state: 'Stopping',
    activity: 'deleting',
    reason: 'Terminating',
  },
  Provisioning: { state: 'Provisioning', activity: 'provisioning' },
  WaitingForVolumeBinding: {
    state: 'Provisioning',
    activity: 'provisioning',
    reason: 'WaitingForVolumeBinding',
  },
  Paused: { state: 'Paused', activity: 'paused' },
  Migrating: { state: 'Migrating', activity: 'migrating' },
  WaitingForReceiver: {
    state: 'Migrating',
    activity: 'migrating',
    reason: 'WaitingForReceiver',
  },
  Unknown: { state: 'Unknown', activity: 'unknown' },
  CrashLoopBackOff: {
    state: 'Error',
    activity: 'error',
    reason: 'CrashLoopBackOff',
  },
  ErrorUnschedulable: {
    state: 'Error',
    activity: 'error',
    reason: 'ErrorUnschedulable',
  },
  ErrImagePull: { state: 'Error', activity: 'error', reason: 'ErrImagePull' },
  ImagePullBackOff: {
    state: 'Error',
    activity: 'error',
    reason: 'ImagePullBackOff',
  },
  ErrorPvcNotFound: {
    state: 'Error',
    activity: 'error',
    reason: 'ErrorPvcNotFound',
  },
  DataVolumeError: {
    state: 'Error',
    activity: 'error',
    reason: 'DataVolumeError',
  },
};

export function findCondition(
  conditions: readonly StatusCondition[] | undefined,
  type: string,
): StatusCondition | undefined {
  return conditions?.find(condition => condition.type === type);
}

export function isTrue(condition: StatusCondition | undefined): boolean {
  return condition?.status === 'True';
}

/** Without a printableStatus: read conditions and the VMI phase, as ArgoCD does. */
function observeWithoutPrintableStatus(input: VmStateInput): Observed {
  const ready = findCondition(input.conditions, 'Ready');
  if (isTrue(findCondition(input.conditions, 'Paused'))) {
    return { state: 'Paused', activity: 'paused' };
  }
  if (ready) {
    if (isTrue(ready)) {
      return { state: 'Running', activity: 'up' };
    }
    return input.created || input.vmiPhase
      ? { state: 'Starting', activity: 'goingUp' }
      : { state: 'Stopped', activity: 'down' };
  }
  switch (input.vmiPhase) {
    case 'Running':
      return { state: 'Running', activity: 'up' };
    case 'Pending':
    case 'Scheduling':
    case 'Scheduled':
    case 'WaitingForSync':
      return { state: 'Starting', activity: 'goingUp' };
    case 'Succeeded':
      return { state: 'Stopped', activity: 'down' };
    case 'Failed':
      return { state: 'Error', activity: 'error', reason: 'VMIFailed' };
    case 'Unknown':
      return { state: 'Unknown', activity: 'unknown' };
    default:
      return { state: 'Pending', activity: 'noStatus', reason: 'NoStatusYet' };
  }
}

export function observe(input: VmStateInput): Observed {
  const { printableStatus } = input;
  if (isOneOf(vmPrintableStatuses, printableStatus)) {
    return OBSERVED_BY_PRINTABLE_STATUS[printableStatus];
  }
  if (printableStatus) {
    return { state: 'Unknown', activity: 'unknown', reason: printableStatus };
  }
  return observeWithoutPrintableStatus(input);
}
