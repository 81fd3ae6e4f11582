/*
 * What a merged request has reached on each targeted cluster, from the VM's
 * rows as the VM tab shows them (VmStatusService.getStatus: the same rows
 * and derived state, with the VM's detail; no re-derivation here): `synced` once
 * ArgoCD synced the change, `reached` once the VM is in its declared state,
 * `failed` (with the reason) when it cannot get there.
 */
import type {
  VmClusterRow,
  VmTimelineStepKind,
} from '@internal/plugin-kubevirt-gitops-common';

/** A per-cluster step seen now. */
export interface ClusterStep {
  step: Extract<VmTimelineStepKind, 'synced' | 'reached' | 'failed'>;
  cluster: string;
  detail?: string;
}

/** What the rules need of a request. */
export interface MergedRequest {
  declaredState?: string;
  mergeCommitSha?: string;
  /** The rows' revisions when the merge was seen. */
  baselineRevisions?: Record<string, string>;
}

/** Whether ArgoCD synced the merged change on the row's cluster. */
export function syncedChange(row: VmClusterRow, request: MergedRequest) {
  if (row.sync.status !== 'Synced') return false;
  const revision = row.sync.revision;
  if (!revision || !request.mergeCommitSha) return true;
  if (revision === request.mergeCommitSha) return true;
  // a later commit on the base branch includes the merge
  const baseline = request.baselineRevisions?.[row.cluster];
  return baseline !== undefined && baseline !== revision;
}

/** Why the VM cannot reach its state on the row's cluster, if it cannot. */
export function failureOf(row: VmClusterRow): string | undefined {
  if (row.derived.severity === 'error') {
    return row.derived.reason ?? row.derived.label;
  }
  const failedVolume = row.dataVolumes.find(
    volume => volume.phase === 'Failed' || volume.health?.status === 'Degraded',
  );
  if (failedVolume) {
    const message = failedVolume.health?.message;
    return `DataVolume ${failedVolume.name} failed${
      message ? `: ${message}` : ''
    }`;
  }
  if (row.sync.status === 'OutOfSync' && row.health.status === 'Degraded') {
    return `sync failed${row.message ? `: ${row.message}` : ''}`;
  }
  return undefined;
}

/** Whether the row shows the VM in the state the request declared. */
export function reachedState(
  row: VmClusterRow,
  declaredState: string | undefined,
): string | undefined {
  const state = row.derived.state;
  if (declaredState === 'Running' || declaredState === 'Stopped') {
    return state === declaredState ? state : undefined;
  }
  // no declared state (a resize): what the VM's own run strategy wants
  return row.derived.matchesDesired &&
    row.derived.severity === 'ok' &&
    (state === 'Running' || state === 'Stopped')
    ? state
    : undefined;
}

/**
 * The steps the rows show on the targeted clusters, in order per cluster
 * (`synced` before `reached`). A cluster without a row has nothing yet,
 * except for a decommission, where no row is the goal.
 */
export function clusterSteps(
  request: MergedRequest,
  clusters: readonly string[],
  rows: readonly VmClusterRow[],
): ClusterStep[] {
  const steps: ClusterStep[] = [];
  for (const cluster of clusters) {
    const clusterRows = rows.filter(row => row.cluster === cluster);
    if (request.declaredState === 'Deleted') {
      if (clusterRows.length === 0) {
        steps.push({ step: 'synced', cluster });
        steps.push({ step: 'reached', cluster, detail: 'Deleted' });
      }
      continue;
    }
    const row = clusterRows[0];
    if (!row) continue;
    const failure = failureOf(row);
    if (failure) {
      steps.push({ step: 'failed', cluster, detail: failure });
      continue;
    }
    if (!syncedChange(row, request)) continue;
    steps.push({
      step: 'synced',
      cluster,
      ...(row.sync.revision ? { detail: row.sync.revision } : {}),
    });
    const reached = reachedState(row, request.declaredState);
    if (reached) steps.push({ step: 'reached', cluster, detail: reached });
  }
  return steps;
}
