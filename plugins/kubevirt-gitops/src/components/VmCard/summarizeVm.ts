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

/** Summarizes a VM status answer for the card. Pure. */
export function summarizeVm(status: VmStatusResponse): VmSummary {
  let worst: VmClusterRow | undefined;
  let asDeclared = 0;
  for (const row of status.rows) {
    if (row.derived.matchesDesired && row.derived.severity === 'ok') {
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
