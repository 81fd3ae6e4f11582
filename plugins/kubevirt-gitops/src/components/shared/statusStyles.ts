import type {
  ClusterAvailability,
  VmStateSeverity,
} from '@internal/plugin-kubevirt-gitops-common';

/** How a status reads: a severity picks colour and icon, the words stay. */
export type StatusTone = VmStateSeverity;

/** Worst first: how the card and the fleet page pick the state to show. */
export const TONE_RANK: Record<StatusTone, number> = {
  error: 0,
  warning: 1,
  unknown: 2,
  progress: 3,
  ok: 4,
};

export const AVAILABILITY: Record<
  ClusterAvailability | 'unknown',
  { label: string; tone: StatusTone }
> = {
  available: { label: 'Available', tone: 'ok' },
  unavailable: { label: 'Unavailable', tone: 'error' },
  unreachable: { label: 'Unreachable', tone: 'error' },
  'not-joined': { label: 'Not joined', tone: 'warning' },
  'awaiting-acceptance': { label: 'Awaiting acceptance', tone: 'warning' },
  deleting: { label: 'Being deleted', tone: 'warning' },
  unknown: { label: 'Unknown', tone: 'unknown' },
};

export function syncTone(status: string): StatusTone {
  if (status === 'Synced') {
    return 'ok';
  }
  return status === 'OutOfSync' ? 'warning' : 'unknown';
}

export function healthTone(status: string): StatusTone {
  switch (status) {
    case 'Healthy':
      return 'ok';
    case 'Progressing':
    case 'Suspended':
      return 'progress';
    case 'Degraded':
      return 'error';
    case 'Missing':
      return 'warning';
    default:
      return 'unknown';
  }
}

export function connectionTone(status: string): StatusTone {
  if (status === 'Successful') {
    return 'ok';
  }
  return status === 'Failed' ? 'error' : 'unknown';
}
