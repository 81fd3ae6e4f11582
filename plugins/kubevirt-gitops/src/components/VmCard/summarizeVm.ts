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
  pullRequests: number;
}

/** Whether a row is where Git wants it, healthy: what "as declared" counts. */
export function isAsDeclared(row: VmClusterRow): boolean {
  return row.derived.matchesDesired && row.derived.severity === 'ok';
}

/** Summarizes a VM status answer for the card. Pure. */
export function summarizeVm(status: VmStatusResponse): VmSummary {
  let worst: VmClusterRow | undefined;
  let asDeclared = 0;
  for (const row of status.rows) {
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
    pullRequests: status.pullRequests.length,
  };
}
