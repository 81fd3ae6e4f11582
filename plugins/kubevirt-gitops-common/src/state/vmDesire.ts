/*
 * Judges what a VM is doing (vmObservation.ts) against what Git asks for:
 * its runStrategy, or the deprecated running.
 */
import {
  isOneOf,
  kubevirtRunStrategies,
  type KubevirtRunStrategy,
} from './kubevirt';
import type { Activity, Observed } from './vmObservation';
import type { DerivedVmState, VmStateInput } from './vmStateTypes';

/**
 * The run strategy a VM's spec asks for: `spec.runStrategy`, else the
 * deprecated `spec.running` (true → Always, false → Halted).
 *
 * @public
 */
export function resolveDesiredRunStrategy(spec: {
  runStrategy?: string;
  running?: boolean;
}): KubevirtRunStrategy | undefined {
  if (isOneOf(kubevirtRunStrategies, spec.runStrategy)) {
    return spec.runStrategy;
  }
  if (spec.running === true) {
    return 'Always';
  }
  return spec.running === false ? 'Halted' : undefined;
}

export interface Desire {
  intent: 'run' | 'halt' | 'either';
  strategy?: KubevirtRunStrategy;
  /** How Git says it: `Halted`, `running: false`. */
  declared: string;
}

export function desire(input: VmStateInput): Desire {
  const strategy = resolveDesiredRunStrategy(input);
  const declared = isOneOf(kubevirtRunStrategies, input.runStrategy)
    ? input.runStrategy
    : `running: ${String(input.running)}`;
  if (strategy === 'Always' || strategy === 'RerunOnFailure') {
    return { intent: 'run', strategy, declared };
  }
  if (strategy === 'Halted') {
    return { intent: 'halt', strategy, declared };
  }
  return { intent: 'either', strategy, declared };
}

const DRIFT_VERBS: Partial<Record<Activity, string>> = {
  up: 'running',
  down: 'stopped',
  goingUp: 'starting',
  migrating: 'migrating',
};

function withReason(observed: Observed): string {
  return observed.reason
    ? `${observed.state}: ${observed.reason}`
    : observed.state;
}

function stoppedLabel(wanted: Desire): string {
  if (wanted.intent === 'halt') {
    return 'Stopped as declared';
  }
  return wanted.strategy === 'RerunOnFailure'
    ? 'Stopped (guest shut down)'
    : 'Stopped';
}

/** Judges what the VM is doing against what Git asks for. */
export function judge(observed: Observed, wanted: Desire): DerivedVmState {
  const base = { state: observed.state, reason: observed.reason };
  const drift = (): DerivedVmState => ({
    ...base,
    matchesDesired: false,
    severity: 'warning',
    label: `Drift: ${DRIFT_VERBS[observed.activity]} but Git says ${
      wanted.declared
    }`,
  });
  switch (observed.activity) {
    case 'error':
      return {
        ...base,
        matchesDesired: false,
        severity: 'error',
        label: withReason(observed),
      };
    case 'unknown':
      return {
        ...base,
        matchesDesired: false,
        severity: 'unknown',
        label: withReason(observed),
      };
    case 'noStatus':
      return {
        ...base,
        matchesDesired: false,
        severity: 'progress',
        label: 'Waiting for KubeVirt to report a status',
      };
    case 'provisioning':
      return {
        ...base,
        matchesDesired: true,
        severity: 'progress',
        label: withReason(observed),
      };
    case 'deleting':
      return {
        ...base,
        matchesDesired: false,
        severity: 'progress',
        label: 'Terminating',
      };
    case 'up':
    case 'goingUp':
    case 'migrating':
      if (wanted.intent === 'halt') {
        return drift();
      }
      return {
        ...base,
        matchesDesired: true,
        severity: observed.activity === 'up' ? 'ok' : 'progress',
        label: withReason(observed),
      };
    case 'paused':
      // Pausing is a user action Git cannot express: not drift, not as declared either.
      return {
        ...base,
        matchesDesired: wanted.intent === 'either',
        severity: 'warning',
        label:
          wanted.intent === 'either'
            ? 'Paused'
            : `Paused; Git says ${wanted.declared}`,
      };
    case 'goingDown':
      if (wanted.strategy === 'Always') {
        return {
          ...base,
          matchesDesired: false,
          severity: 'progress',
          label: `Stopping; Git says ${wanted.declared}`,
        };
      }
      return {
        ...base,
        matchesDesired: true,
        severity: 'progress',
        label: 'Stopping',
      };
    case 'down':
    default:
      if (wanted.strategy === 'Always') {
        return drift();
      }
      return {
        ...base,
        matchesDesired: true,
        severity: 'ok',
        label: stoppedLabel(wanted),
      };
  }
}
