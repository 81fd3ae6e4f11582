import type { VmFacts } from './vmFacts';
import { LIFE_DURATIONS_MS } from './durations';

/** The moments that decide a VirtualMachine's state; everything else is derived. */
export interface VmAnchors {
  createdAt: number;
  /** When its DataVolumes have all succeeded (or provisioning without volumes ends). */
  provisionedAt: number;
  hasDataVolumes: boolean;
  /** Set while the run strategy wants the VM running: when that started. */
  startRequestedAt?: number;
  /** Memory asked for when it was last started. */
  startMemoryBytes?: number;
  /** When it was last asked to stop. */
  stopRequestedAt?: number;
  /** Whether a VMI existed when it was asked to stop (then it goes through Stopping). */
  activeWhenStopped: boolean;
  /** The VMI as it was when the VM was asked to stop; it lives on while Stopping. */
  stoppingVmi?: VmiState;
  /** A template change the running VMI does not have yet (KubeVirt RestartRequired). */
  restartRequired: boolean;
  templateFingerprint: string;
}

export type VmPrintableStatus =
  | 'Provisioning'
  | 'Starting'
  | 'Running'
  | 'Stopping'
  | 'Stopped'
  | 'ErrorUnschedulable';

export type VmiPhase = 'Pending' | 'Scheduling' | 'Scheduled' | 'Running';

export interface VmiState {
  phase: VmiPhase;
  createdAt: number;
  /** Each phase reached so far with when (simulated ms). */
  phaseTimestamps: Array<{ phase: VmiPhase; at: number }>;
  /** The pod cannot be scheduled: memory above the cluster's allocatable. */
  unschedulable: boolean;
  /** Guest booted and agent connected. */
  ready: boolean;
}

export interface VmState {
  printableStatus: VmPrintableStatus;
  /** When the current printableStatus began. */
  since: number;
  /** Whether a VMI exists (`status.created`). */
  created: boolean;
  vmi?: VmiState;
  /** When the printableStatus changes next, if it will by itself. */
  nextChangeAt?: number;
}

/** Anchors of a VM created at `now` with `facts`, whose DataVolumes take `provisioningMs`. */
export function createVmAnchors(
  facts: VmFacts,
  now: number,
  provisioningMs: number | undefined,
): VmAnchors {
  const hasDataVolumes = provisioningMs !== undefined;
  return {
    createdAt: now,
    provisionedAt:
      now + (provisioningMs ?? LIFE_DURATIONS_MS.provisioningWithoutVolumes),
    hasDataVolumes,
    startRequestedAt: facts.wantsRunning ? now : undefined,
    startMemoryBytes: facts.wantsRunning ? facts.memoryBytes : undefined,
    activeWhenStopped: false,
    restartRequired: false,
    templateFingerprint: facts.templateFingerprint,
  };
}

/** Applies a new desired state of the VM (a later sync) to its anchors. */
export function updateVmAnchors(
  anchors: VmAnchors,
  facts: VmFacts,
  now: number,
  allocatableMemoryBytes: number | undefined,
): VmAnchors {
  const running = anchors.startRequestedAt !== undefined;
  const changedTemplate =
    facts.templateFingerprint !== anchors.templateFingerprint;
  if (!running && facts.wantsRunning) {
    return {
      ...anchors,
      startRequestedAt: now,
      startMemoryBytes: facts.memoryBytes,
      stopRequestedAt: undefined,
      restartRequired: false,
      templateFingerprint: facts.templateFingerprint,
    };
  }
  if (running && !facts.wantsRunning) {
    const current = vmStateAt(anchors, now, allocatableMemoryBytes);
    return {
      ...anchors,
      startRequestedAt: undefined,
      startMemoryBytes: undefined,
      stopRequestedAt: now,
      activeWhenStopped: current.created,
      stoppingVmi: current.vmi,
      restartRequired: false,
      templateFingerprint: facts.templateFingerprint,
    };
  }
  return {
    ...anchors,
    restartRequired: anchors.restartRequired || (running && changedTemplate),
    templateFingerprint: facts.templateFingerprint,
  };
}

function vmiPhaseAt(elapsed: number): VmiPhase {
  if (elapsed < LIFE_DURATIONS_MS.vmiScheduling) return 'Pending';
  if (elapsed < LIFE_DURATIONS_MS.vmiScheduled) return 'Scheduling';
  if (elapsed < LIFE_DURATIONS_MS.vmiRunning) return 'Scheduled';
  return 'Running';
}

const VMI_PHASE_OFFSETS: Array<[VmiPhase, number]> = [
  ['Pending', 0],
  ['Scheduling', LIFE_DURATIONS_MS.vmiScheduling],
  ['Scheduled', LIFE_DURATIONS_MS.vmiScheduled],
  ['Running', LIFE_DURATIONS_MS.vmiRunning],
];

function startingState(
  start: number,
  now: number,
  unschedulable: boolean,
): VmState {
  const elapsed = now - start;
  const phase =
    unschedulable && elapsed >= LIFE_DURATIONS_MS.vmiScheduling
      ? 'Scheduling'
      : vmiPhaseAt(elapsed);
  const reached = VMI_PHASE_OFFSETS.filter(([, offset]) => offset <= elapsed)
    .filter(
      ([name]) => !unschedulable || name === 'Pending' || name === 'Scheduling',
    )
    .map(([name, offset]) => ({ phase: name, at: start + offset }));
  const ready = !unschedulable && elapsed >= LIFE_DURATIONS_MS.guestReady;
  const vmi: VmiState = {
    phase,
    createdAt: start,
    phaseTimestamps: reached,
    unschedulable,
    ready,
  };
  if (unschedulable) {
    return elapsed < LIFE_DURATIONS_MS.vmiScheduling
      ? {
          printableStatus: 'Starting',
          since: start,
          created: true,
          vmi,
          nextChangeAt: start + LIFE_DURATIONS_MS.vmiScheduling,
        }
      : {
          printableStatus: 'ErrorUnschedulable',
          since: start + LIFE_DURATIONS_MS.vmiScheduling,
          created: true,
          vmi,
        };
  }
  return ready
    ? {
        printableStatus: 'Running',
        since: start + LIFE_DURATIONS_MS.guestReady,
        created: true,
        vmi,
      }
    : {
        printableStatus: 'Starting',
        since: start,
        created: true,
        vmi,
        nextChangeAt: start + LIFE_DURATIONS_MS.guestReady,
      };
}

/** The VM's state at `now`; a VM whose memory exceeds `allocatableMemoryBytes` cannot be scheduled. */
export function vmStateAt(
  anchors: VmAnchors,
  now: number,
  allocatableMemoryBytes: number | undefined,
): VmState {
  const provisioning = now < anchors.provisionedAt;
  if (anchors.startRequestedAt !== undefined) {
    const start = Math.max(anchors.startRequestedAt, anchors.provisionedAt);
    if (now < start) {
      return {
        printableStatus: 'Provisioning',
        since: anchors.startRequestedAt,
        created: false,
        nextChangeAt: start,
      };
    }
    const unschedulable =
      allocatableMemoryBytes !== undefined &&
      anchors.startMemoryBytes !== undefined &&
      anchors.startMemoryBytes > allocatableMemoryBytes;
    return startingState(start, now, unschedulable);
  }
  if (anchors.stopRequestedAt !== undefined && anchors.activeWhenStopped) {
    const stoppedAt = anchors.stopRequestedAt + LIFE_DURATIONS_MS.stopping;
    if (now < stoppedAt) {
      return {
        printableStatus: 'Stopping',
        since: anchors.stopRequestedAt,
        created: true,
        vmi: anchors.stoppingVmi && { ...anchors.stoppingVmi, ready: false },
        nextChangeAt: stoppedAt,
      };
    }
    return { printableStatus: 'Stopped', since: stoppedAt, created: false };
  }
  if (provisioning && anchors.hasDataVolumes) {
    return {
      printableStatus: 'Provisioning',
      since: anchors.createdAt,
      created: false,
      nextChangeAt: anchors.provisionedAt,
    };
  }
  return {
    printableStatus: 'Stopped',
    since:
      anchors.stopRequestedAt ??
      (anchors.hasDataVolumes ? anchors.provisionedAt : anchors.createdAt),
    created: false,
  };
}
