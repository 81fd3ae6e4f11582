import {
  isAsDeclared,
  type VmClusterRow,
  type VmStatusResponse,
} from '@internal/plugin-kubevirt-gitops-common';

// The rule is common's: the backend's live signals use the same one.
export {
  isAsDeclared,
  isVmSettled,
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
