/*
 * The VM state the fleet page counts, from the snapshot alone (no per-VM
 * call): the VM's printableStatus when ArgoCD persists resource health
 * inline (its health message is the printableStatus), otherwise ArgoCD's
 * health of the Application as a coarse stand-in. The entity page derives
 * the exact state from the live objects.
 */
import {
  deriveVmState,
  vmPrintableStatuses,
  type VmState,
} from '@internal/plugin-kubevirt-gitops-common';
import type { SnapshotApplication } from './snapshotTypes';

const BY_ARGO_HEALTH: Record<string, VmState> = {
  Healthy: 'Running',
  Suspended: 'Stopped',
  Progressing: 'Starting',
  Degraded: 'Error',
  Missing: 'Pending',
  Unknown: 'Unknown',
};

function isPrintableStatus(value: string | undefined): value is string {
  return vmPrintableStatuses.some(status => status === value);
}

/** Whether an Application deploys a VM (it manages a VirtualMachine, or carries the VM label). */
export function isVmApplication(
  app: SnapshotApplication,
  vmLabel: string,
): boolean {
  return (
    app.labels[vmLabel] !== undefined ||
    app.resources.some(resource => resource.kind === 'VirtualMachine')
  );
}

/** The approximate state of the VM an Application deploys. */
export function approximateVmState(app: SnapshotApplication): VmState {
  const vm = app.resources.find(resource => resource.kind === 'VirtualMachine');
  const printableStatus = vm?.health?.message;
  if (isPrintableStatus(printableStatus)) {
    return deriveVmState({ existsOnCluster: true, printableStatus }).state;
  }
  if (
    vm?.health?.status === 'Missing' ||
    (!vm && app.sync.status === 'OutOfSync')
  ) {
    return 'Pending';
  }
  return BY_ARGO_HEALTH[vm?.health?.status ?? app.health.status] ?? 'Unknown';
}
