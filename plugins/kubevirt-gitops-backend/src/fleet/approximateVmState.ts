/*
 * The VM state the fleet page counts and the VM tab shows before (or
 * without) the per-VM detail, from the snapshot alone: exact when ArgoCD's
 * inline health of the VM resource carries the printableStatus (ArgoCD 2.x,
 * or health persisted), otherwise approximate in ArgoCD's own words
 * (Healthy, Progressing, Suspended, ...), never more than ArgoCD says. The
 * rule is deriveVmStateFromArgo (common).
 */
import {
  APPROXIMATE_NOTE,
  deriveVmStateFromArgo,
  type DerivedVmState,
  type VmStateCertainty,
} from '@internal/plugin-kubevirt-gitops-common';
import type { SnapshotApplication } from './snapshotTypes';

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

/** The VM state from the snapshot, with its certainty (always set). */
export function snapshotVmState(
  app: SnapshotApplication,
  why: string = APPROXIMATE_NOTE,
): DerivedVmState & { certainty: VmStateCertainty } {
  const vm = app.resources.find(resource => resource.kind === 'VirtualMachine');
  const derived = deriveVmStateFromArgo(
    {
      appHealth: app.health.status,
      appSync: app.sync.status,
      ...(vm
        ? {
            vmResource: {
              ...(vm.status ? { status: vm.status } : {}),
              ...(vm.health ? { health: vm.health } : {}),
            },
          }
        : {}),
    },
    why,
  );
  return { ...derived, certainty: derived.certainty ?? 'exact' };
}

/**
 * How much the snapshot leaves open about a VM: higher means the detail
 * (resource tree, live VM) would tell more. Exact states are 0; among
 * approximate ones, the ArgoCD words covering the most VM states first.
 */
export function uncertainty(derived: DerivedVmState): number {
  if (derived.certainty !== 'approximate') return 0;
  const ranks: Partial<Record<DerivedVmState['state'], number>> = {
    Unknown: 7,
    Progressing: 6,
    Suspended: 5,
    Degraded: 4,
    Pending: 3,
    Missing: 2,
    Healthy: 1,
  };
  return ranks[derived.state] ?? 1;
}
