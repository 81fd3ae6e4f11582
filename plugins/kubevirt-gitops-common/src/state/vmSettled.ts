/*
 * Whether a VM answer is at rest: what the pages and the backend's live
 * signals agree on. A VM at rest changes only when an upstream does (the
 * fleet snapshot says so); one that is not (rolling out, a pull request
 * open, an upstream failing) is looked at again by the backend at a
 * bounded rate, and its page is signalled when the answer changed.
 */
import type { VmClusterRow, VmStatusResponse } from '../api/vmStatusTypes';

/**
 * Whether a row is where Git wants it, healthy: what "as declared" counts.
 * An approximate state (ArgoCD's health, not the VM itself) does not count:
 * ArgoCD's Healthy may be a VM stopped as declared as well as a running one.
 *
 * @public
 */
export function isAsDeclared(row: VmClusterRow): boolean {
  return (
    row.derived.certainty !== 'approximate' &&
    row.derived.matchesDesired &&
    row.derived.severity === 'ok'
  );
}

/**
 * Whether a VM answer is at rest: deployed, on every cluster as declared,
 * no open pull request, no upstream error.
 *
 * @public
 */
export function isVmSettled(
  status: Pick<
    VmStatusResponse,
    'rows' | 'pullRequests' | 'errors' | 'pullRequestsAsOf'
  >,
): boolean {
  return (
    status.rows.length > 0 &&
    status.rows.every(isAsDeclared) &&
    status.pullRequests.length === 0 &&
    status.errors.length === 0 &&
    status.pullRequestsAsOf === undefined
  );
}
