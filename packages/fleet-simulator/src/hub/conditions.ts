import { kubeTimestamp } from '../store';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** A metav1.Condition as OCM objects carry them. */
export interface Condition {
  type: string;
  status: ConditionStatus;
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

function isCondition(value: unknown): value is Condition {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    'status' in value
  );
}

/** The conditions array of an object's `status`, if well formed. */
export function readConditions(status: unknown): Condition[] {
  if (
    typeof status !== 'object' ||
    status === null ||
    !('conditions' in status)
  )
    return [];
  const { conditions } = status;
  return Array.isArray(conditions) ? conditions.filter(isCondition) : [];
}

/**
 * Sets a condition, keeping its lastTransitionTime when the status did not
 * change (as meta.SetStatusCondition does). Returns a new array.
 */
export function setCondition(
  conditions: readonly Condition[],
  next: Omit<Condition, 'lastTransitionTime'>,
  now: Date,
): Condition[] {
  const existing = conditions.find(c => c.type === next.type);
  const lastTransitionTime =
    existing && existing.status === next.status
      ? existing.lastTransitionTime
      : kubeTimestamp(now);
  const updated: Condition = { ...next, lastTransitionTime };
  return existing
    ? conditions.map(c => (c.type === next.type ? updated : c))
    : [...conditions, updated];
}
