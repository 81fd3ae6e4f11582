import { LIFE_DURATIONS_MS } from './durations';

export type DataVolumeSourceKind = 'import' | 'clone' | 'blank';

/** How long a DataVolume of a kind takes to succeed. */
export function dataVolumeDuration(kind: DataVolumeSourceKind): number {
  return kind === 'blank'
    ? LIFE_DURATIONS_MS.dataVolumeBlank
    : LIFE_DURATIONS_MS.dataVolumeTransfer;
}

export type DataVolumePhase =
  | 'Pending'
  | 'ImportScheduled'
  | 'ImportInProgress'
  | 'CloneScheduled'
  | 'CloneInProgress'
  | 'Succeeded';

export interface DataVolumeState {
  phase: DataVolumePhase;
  /** CDI's progress string, e.g. "45.3%", or "N/A" before the transfer. */
  progress: string;
  /** When the current phase began (simulated ms). */
  since: number;
  /** When the next phase begins, if any. */
  nextChangeAt?: number;
}

/** A DataVolume's phase and progress at `now`, derived from when it was created. */
export function dataVolumeStateAt(
  kind: DataVolumeSourceKind,
  createdAt: number,
  now: number,
): DataVolumeState {
  const elapsed = now - createdAt;
  const total = dataVolumeDuration(kind);
  if (elapsed >= total) {
    return { phase: 'Succeeded', progress: '100.0%', since: createdAt + total };
  }
  if (kind === 'blank') {
    return {
      phase: 'Pending',
      progress: 'N/A',
      since: createdAt,
      nextChangeAt: createdAt + total,
    };
  }
  const prefix = kind === 'import' ? 'Import' : 'Clone';
  const scheduled = LIFE_DURATIONS_MS.dataVolumeScheduled;
  if (elapsed < scheduled) {
    return {
      phase: `${prefix}Scheduled`,
      progress: 'N/A',
      since: createdAt,
      nextChangeAt: createdAt + scheduled,
    };
  }
  const fraction = (elapsed - scheduled) / (total - scheduled);
  return {
    phase: `${prefix}InProgress`,
    progress: `${(Math.floor(fraction * 1000) / 10).toFixed(1)}%`,
    since: createdAt + scheduled,
    nextChangeAt: createdAt + total,
  };
}
