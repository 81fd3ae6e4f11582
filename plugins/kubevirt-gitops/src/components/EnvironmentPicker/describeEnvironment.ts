import type { EnvironmentSummary } from '@internal/plugin-kubevirt-gitops-common';
import { formatBytes, formatCores, plural } from '../shared/format';

/** `2 of 3 clusters available · 48 cores, 192 GiB free · up to 8 vCPUs, 32Gi per VM`. */
export function describeEnvironment(environment: EnvironmentSummary): string {
  const total = environment.clusters.length;
  const unknown = environment.capacityUnknown ?? [];
  const known = environment.availableClusters - unknown.length;
  let capacity = `${formatCores(
    environment.freeCapacity.cpu,
  )} cores, ${formatBytes(environment.freeCapacity.memory)} free`;
  if (unknown.length > 0) {
    capacity =
      known > 0
        ? `${capacity} (capacity of ${unknown.join(', ')} unknown)`
        : 'capacity unknown';
  }
  const parts = [
    `${environment.availableClusters} of ${plural(total, 'cluster')} available`,
    capacity,
    `up to ${environment.limits.maxVcpus} vCPUs, ${environment.limits.maxMemory} per VM`,
  ];
  return parts.join(' · ');
}

/** Why an environment cannot be picked, or undefined when it can. */
export function unavailableReason(
  environment: EnvironmentSummary,
): string | undefined {
  if (environment.clusters.length === 0) {
    return 'No cluster belongs to this environment.';
  }
  if (environment.availableClusters === 0) {
    return 'No cluster of this environment is available right now.';
  }
  return undefined;
}
