import type {
  VmClusterRow,
  VmStatusResponse,
} from '@internal/plugin-kubevirt-gitops-common';
import { TONE_RANK } from '../shared/statusStyles';

/** What the compact card says about a VM. */
export interface VmSummary {
  clusters: number;
  /** Clusters where the VM is where Git wants it, and healthy. */
  asDeclared: number;
  /** The row in the worst state (errors first), when there are rows. */
  worst?: VmClusterRow;
  /** Rows whose state is approximate (from ArgoCD health, not the VM itself). */
  approximate: number;
  pullRequests: number;
}

/**
 * Whether a row is where Git wants it, healthy: what "as declared" counts.
 * An approximate state (ArgoCD's health, not the VM itself) does not count:
 * ArgoCD's Healthy may be a VM stopped as declared as well as a running one.
 */
export function isAsDeclared(row: VmClusterRow): boolean {
  return (
    row.derived.certainty !== 'approximate' &&
    row.derived.matchesDesired &&
    row.derived.severity === 'ok'
  );
}

/** Summarizes a VM status answer for the card. Pure. */
export function summarizeVm(status: VmStatusResponse): VmSummary {
  let worst: VmClusterRow | undefined;
  let asDeclared = 0;
  let approximate = 0;
  for (const row of status.rows) {
    if (row.derived.certainty === 'approximate') {
      approximate += 1;
    }
    if (isAsDeclared(row)) {
      asDeclared += 1;
    }
    if (
      !worst ||
      TONE_RANK[row.derived.severity] < TONE_RANK[worst.derived.severity]
    ) {
      worst = row;
    }
  }
  return {
    clusters: status.rows.length,
    asDeclared,
    worst,
    approximate,
    pullRequests: status.pullRequests.length,
  };
}

/**
 * Whether a VM answer is at rest, so that live signals alone keep it
 * current: deployed, on every cluster as declared, no open pull request,
 * no upstream error. Anything else polls on: the backend's VM signal
 * compares the fleet snapshot's rows, which carry neither the VM's live
 * object (Provisioning → Starting → Running under an unchanged ArgoCD
 * health) nor the upstream errors of the detail and GitHub reads, and an
 * opened pull request is announced only by a GitHub webhook.
 */
export function isVmSettled(status: VmStatusResponse): boolean {
  return (
    status.rows.length > 0 &&
    status.rows.every(isAsDeclared) &&
    status.pullRequests.length === 0 &&
    status.errors.length === 0 &&
    status.pullRequestsAsOf === undefined
  );
}
