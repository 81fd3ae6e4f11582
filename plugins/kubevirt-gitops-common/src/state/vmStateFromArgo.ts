/*
 * A VM's state from what ArgoCD's Application list says, without reading
 * the VM: exact when ArgoCD's health of the VM resource carries KubeVirt's
 * printableStatus (ArgoCD 2.x persists it inline), otherwise approximate,
 * in ArgoCD's own words.
 *
 * What ArgoCD's VirtualMachine health check says (resource_customizations/
 * kubevirt.io/VirtualMachine/health.lua, before and after PR #29664):
 * - Healthy "Running" (Ready True), and after #29664 also Healthy
 *   "Stopped as declared" (runStrategy Halted or running: false, no VMI);
 * - Suspended "Paused" or "Stopped";
 * - Progressing for everything else, including ErrorUnschedulable,
 *   Stopping, Provisioning and "No status available"; never Degraded.
 * The message is the printableStatus whenever KubeVirt set one.
 *
 * The Application's health is the worst of its resources (Healthy <
 * Suspended < Progressing < Missing < Degraded < Unknown), and a resource
 * without a live object (Missing) does not lower it: a VM not created yet
 * sits in a Healthy Application as an OutOfSync resource.
 */
import { isOneOf, vmPrintableStatuses } from './kubevirt';
import { deriveVmState } from './vmState';
import type { DerivedVmState, VmState, VmStateSeverity } from './vmStateTypes';

/**
 * What the Application list says about one VM Application.
 *
 * @public
 */
export interface ArgoVmView {
  /** The Application's health status. */
  appHealth: string;
  /** The Application's sync status. */
  appSync: string;
  /** The VirtualMachine entry of `status.resources`, when there is one. */
  vmResource?: {
    /** Its sync status (`Synced`, `OutOfSync`). */
    status?: string;
    /** Inline health; ArgoCD ≥ 3.0 leaves it out by default. */
    health?: { status: string; message?: string };
  };
}

/**
 * Words added to every approximate label: the state is ArgoCD's, the VM was
 * not read.
 *
 * @public
 */
export const APPROXIMATE_NOTE = 'from ArgoCD health, not the VM itself';

/** ArgoCD's message for a VM stopped as its spec asks (PR #29664). */
const STOPPED_AS_DECLARED = 'Stopped as declared';
/** ArgoCD's message for a VM without status. */
const NO_STATUS = 'No status available';

const APPROXIMATE: Record<
  string,
  { state: VmState; severity: VmStateSeverity; meaning?: string }
> = {
  Healthy: {
    state: 'Healthy',
    severity: 'ok',
    meaning: 'running, or stopped as declared',
  },
  Suspended: {
    state: 'Suspended',
    severity: 'unknown',
    meaning: 'paused or stopped',
  },
  Progressing: {
    state: 'Progressing',
    severity: 'progress',
    meaning: 'starting, stopping, provisioning or unschedulable',
  },
  Degraded: {
    state: 'Degraded',
    severity: 'error',
    meaning: 'a resource of the Application failed',
  },
  Missing: { state: 'Missing', severity: 'warning' },
  Unknown: { state: 'Unknown', severity: 'unknown' },
};

/**
 * A state from ArgoCD's health word, claiming no more than ArgoCD does.
 *
 * @public
 */
export function approximateFromHealth(
  health: string,
  syncStatus: string,
  why: string = APPROXIMATE_NOTE,
): DerivedVmState {
  const known = APPROXIMATE[health] ?? APPROXIMATE.Unknown;
  const meaning = known.meaning ? `: ${known.meaning}` : '';
  return {
    state: known.state,
    certainty: 'approximate',
    reason: 'ArgoCDHealth',
    matchesDesired: health === 'Healthy' && syncStatus === 'Synced',
    label: `${known.state} (${why}${meaning})`,
    severity: known.severity,
  };
}

function pendingSync(why: string): DerivedVmState {
  return {
    state: 'Pending',
    certainty: 'approximate',
    reason: 'OutOfSync',
    matchesDesired: false,
    severity: 'progress',
    label: `Pending sync (${why}: the VM resource is OutOfSync, it may not exist yet)`,
  };
}

function exact(derived: DerivedVmState): DerivedVmState {
  return { ...derived, certainty: 'exact' };
}

/**
 * The state of the VM an Application deploys, from the Application list
 * alone. Pure.
 *
 * @public
 */
export function deriveVmStateFromArgo(
  view: ArgoVmView,
  why: string = APPROXIMATE_NOTE,
): DerivedVmState {
  const vm = view.vmResource;
  const health = vm?.health;
  if (health) {
    if (health.status === 'Missing') {
      return exact(
        deriveVmState({ existsOnCluster: false, syncStatus: view.appSync }),
      );
    }
    if (health.status === 'Healthy' && health.message === STOPPED_AS_DECLARED) {
      // ArgoCD saw runStrategy Halted (or running: false) and no VMI.
      return exact(
        deriveVmState({
          existsOnCluster: true,
          printableStatus: 'Stopped',
          runStrategy: 'Halted',
          syncStatus: view.appSync,
        }),
      );
    }
    if (isOneOf(vmPrintableStatuses, health.message)) {
      return exact(
        deriveVmState({
          existsOnCluster: true,
          printableStatus: health.message,
          syncStatus: view.appSync,
        }),
      );
    }
    if (health.message === NO_STATUS) {
      return exact(
        deriveVmState({ existsOnCluster: true, syncStatus: view.appSync }),
      );
    }
    return approximateFromHealth(health.status, view.appSync, why);
  }
  if (vm?.status === 'OutOfSync' || (!vm && view.appSync === 'OutOfSync')) {
    return pendingSync(why);
  }
  return approximateFromHealth(view.appHealth, view.appSync, why);
}
