/*
 * Reads the fields deriveVmState needs from a VirtualMachine object as
 * returned by the Kubernetes API or ArgoCD (plain JSON, untrusted shape).
 */
import type { StatusCondition } from './kubevirt';
import type { VmStateInput } from './vmStateTypes';

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * Reads status conditions (type, status, reason, message) from an object's
 * `status.conditions`, skipping malformed entries.
 *
 * @public
 */
export function readStatusConditions(status: unknown): StatusCondition[] {
  const conditions = asRecord(status)?.conditions;
  if (!Array.isArray(conditions)) {
    return [];
  }
  return conditions.flatMap((entry: unknown): StatusCondition[] => {
    const condition = asRecord(entry);
    const type = asString(condition?.type);
    const conditionStatus = asString(condition?.status);
    if (!condition || !type || !conditionStatus) {
      return [];
    }
    const result: StatusCondition = { type, status: conditionStatus };
    const reason = asString(condition.reason);
    const message = asString(condition.message);
    const lastTransitionTime = asString(condition.lastTransitionTime);
    if (reason) result.reason = reason;
    if (message) result.message = message;
    if (lastTransitionTime) result.lastTransitionTime = lastTransitionTime;
    return [result];
  });
}

/**
 * Extracts the deriveVmState inputs found on a VirtualMachine object:
 * `spec.runStrategy`, `spec.running`, `status.printableStatus`,
 * `status.conditions`, `status.created`. The caller adds what lives
 * elsewhere (existence, VMI phase, sync status, Git, pull requests).
 *
 * @public
 */
export function readVmStateFields(
  virtualMachine: unknown,
): Omit<VmStateInput, 'existsOnCluster'> {
  const vm = asRecord(virtualMachine);
  const spec = asRecord(vm?.spec);
  const status = asRecord(vm?.status);
  const fields: Omit<VmStateInput, 'existsOnCluster'> = {};
  const runStrategy = asString(spec?.runStrategy);
  const running = asBoolean(spec?.running);
  const printableStatus = asString(status?.printableStatus);
  const created = asBoolean(status?.created);
  if (runStrategy !== undefined) fields.runStrategy = runStrategy;
  if (running !== undefined) fields.running = running;
  if (printableStatus !== undefined) fields.printableStatus = printableStatus;
  if (created !== undefined) fields.created = created;
  const conditions = readStatusConditions(status);
  if (conditions.length > 0) fields.conditions = conditions;
  return fields;
}
