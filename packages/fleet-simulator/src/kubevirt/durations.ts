/** Simulated durations of a VM's life (the clock scales them). */
export const LIFE_DURATIONS_MS = {
  /** A DataVolume waits this long in *Scheduled before its transfer starts. */
  dataVolumeScheduled: 2_000,
  /** Import or clone of a DataVolume, from creation to Succeeded. */
  dataVolumeTransfer: 20_000,
  /** A blank DataVolume, from creation to Succeeded. */
  dataVolumeBlank: 2_000,
  /** Provisioning of a VM that has no DataVolumes. */
  provisioningWithoutVolumes: 5_000,
  /** VMI Pending → Scheduling. */
  vmiScheduling: 1_000,
  /** VMI Scheduling → Scheduled. */
  vmiScheduled: 3_000,
  /** VMI Scheduled → Running. */
  vmiRunning: 6_000,
  /** Starting → Running (guest booted, agent connected). */
  guestReady: 8_000,
  /** Stopping → Stopped. */
  stopping: 5_000,
} as const;
