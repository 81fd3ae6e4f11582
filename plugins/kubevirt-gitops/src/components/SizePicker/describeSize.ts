import type { VmSizeChoice } from '@internal/plugin-kubevirt-gitops-common';
import { plural } from '../shared/format';

/** `u1.medium — 1 vCPU, 4Gi (U Series)`. */
export function describeSize(size: VmSizeChoice): string {
  const vcpus = size.vcpus === 1 ? '1 vCPU' : `${size.vcpus} vCPUs`;
  return `${size.name} — ${vcpus}, ${size.memory} (${size.series})`;
}

/** `on 3 clusters` when the fleet reports the instancetype, else undefined. */
export function describeReportedOn(size: VmSizeChoice): string | undefined {
  return size.reportedOn.length > 0
    ? `on ${plural(size.reportedOn.length, 'cluster')}`
    : undefined;
}

/**
 * The chosen environments whose limits the size exceeds, each with the
 * rules it breaks (in the order the environments were chosen).
 */
export function exceededLimits(
  size: VmSizeChoice,
  environments: string[],
): Array<{ environment: string; reasons: string[] }> {
  return environments.flatMap(environment => {
    const reasons = size.exceeds
      .filter(exceed => exceed.environment === environment)
      .map(exceed => exceed.reason);
    return reasons.length > 0 ? [{ environment, reasons }] : [];
  });
}

/** `u1.2xlarge is too big for prod: vCPUs 8 is over prod's limit of 4.` */
export function tooBigMessage(
  size: string,
  exceeded: { environment: string; reasons: string[] },
): string {
  return `${size} is too big for ${
    exceeded.environment
  }: ${exceeded.reasons.join('; ')}.`;
}
