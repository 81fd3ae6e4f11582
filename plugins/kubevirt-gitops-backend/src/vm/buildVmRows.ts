/*
 * One row per cluster for the VM tab (pure): the Application from the
 * snapshot, the cluster's OCM availability, and the derived VM state from
 * the on-demand detail when it was loaded.
 */
import {
  applyClusterAvailability,
  CLUSTER_LABEL,
  deriveVmState,
  ENV_LABEL,
  resolveDesiredRunStrategy,
  APPROXIMATE_NOTE,
  type DerivedVmState,
  type VmClusterRow,
  type UpstreamErrorKind,
  type VmConditionSummary,
} from '@internal/plugin-kubevirt-gitops-common';
import { snapshotVmState } from '../fleet/approximateVmState';
import type { FleetIndex, IndexedApp } from '../fleet/fleetIndex';
import type { VmDetail } from './VmDetailService';

/** What is known about the detail of one row. */
export type RowDetail =
  | { type: 'loaded'; detail: VmDetail }
  | { type: 'failed'; kind: UpstreamErrorKind; message: string }
  | { type: 'skipped' }
  /** Only the fleet snapshot is read (no upstream call), by design. */
  | { type: 'snapshot' };

/** Row inputs besides the Application. */
export interface RowContext {
  index: FleetIndex;
  /** ArgoCD UI base URL per instance. */
  uiUrls: ReadonlyMap<string, string>;
  /** Whether an open pull request touches the VM's folder. */
  pullRequestOpen: boolean;
  /** How many rows had their detail loaded, for the skipped rows' message. */
  detailLimit: number;
  totalRows: number;
}

/**
 * The state of a row whose detail was not loaded: from the snapshot, exact
 * when ArgoCD's inline VM health carries the printableStatus, otherwise
 * ArgoCD's health word, marked approximate. `reason` says why the detail is
 * not there when the state is approximate.
 */
function snapshotDerived(
  entry: IndexedApp,
  reason: 'DetailNotLoaded' | 'DetailUnavailable',
): DerivedVmState {
  const why =
    reason === 'DetailUnavailable'
      ? `detail unavailable; ${APPROXIMATE_NOTE}`
      : APPROXIMATE_NOTE;
  const derived = snapshotVmState(entry.app, why);
  return derived.certainty === 'approximate' ? { ...derived, reason } : derived;
}

/**
 * Conditions KubeVirt sets on every VM without a VMI (`Ready` False,
 * `VMINotExists`; `PodScheduled`/`Ready` of a VMI that is gone): a problem
 * for a VM that should run, the normal case for one stopped as declared.
 */
function expectedWhenStopped(
  condition: VmConditionSummary,
  derived: DerivedVmState,
): boolean {
  return (
    derived.state === 'Stopped' &&
    derived.matchesDesired &&
    condition.status === 'False' &&
    (condition.reason === 'VMINotExists' ||
      condition.reason === 'VMIDoesNotExist')
  );
}

function inGit(entry: IndexedApp): boolean | undefined {
  const vm = entry.app.resources.find(
    resource => resource.kind === 'VirtualMachine',
  );
  if (!vm) return undefined;
  return vm.requiresPruning !== true;
}

function baseRow(entry: IndexedApp, context: RowContext): VmClusterRow {
  const { app, instance } = entry;
  const cluster = app.cluster ?? app.labels[CLUSTER_LABEL] ?? '(unknown)';
  const indexed = context.index.clusters.get(cluster);
  const environment = app.labels[ENV_LABEL] ?? indexed?.environment;
  const uiUrl = context.uiUrls.get(instance);
  const vmResource = app.resources.find(
    resource => resource.kind === 'VirtualMachine',
  );
  const row: VmClusterRow = {
    cluster,
    clusterAvailability: indexed?.cluster.availability ?? 'unknown',
    argocd: {
      instance,
      application: app.name,
      namespace: app.namespace,
      ...(uiUrl
        ? {
            uiUrl: `${uiUrl}/applications/${encodeURIComponent(
              app.namespace,
            )}/${encodeURIComponent(app.name)}`,
          }
        : {}),
    },
    sync: {
      status: app.sync.status,
      ...(app.sync.revision ? { revision: app.sync.revision } : {}),
      ...(app.sync.sources ? { sources: app.sync.sources } : {}),
    },
    health: {
      status: app.health.status,
      ...(app.health.message ? { message: app.health.message } : {}),
    },
    derived: snapshotDerived(entry, 'DetailNotLoaded'),
    conditions: [],
    vmi: { ipAddresses: [] },
    dataVolumes: [],
  };
  if (environment) row.environment = environment;
  if (indexed?.cluster.availabilityReason) {
    row.clusterAvailabilityReason = indexed.cluster.availabilityReason;
  }
  if (vmResource) {
    row.vmName = vmResource.name;
    if (vmResource.namespace) row.namespace = vmResource.namespace;
  }
  if (app.lastSyncedAt) row.lastSyncedAt = app.lastSyncedAt;
  if (app.message) row.message = app.message;
  return row;
}

function appendMessage(row: VmClusterRow, message: string): void {
  row.message = row.message ? `${row.message}; ${message}` : message;
}

/**
 * One row. On a cluster OCM does not report available, the derived state is
 * Unknown ("cluster unreachable"), whatever ArgoCD last saw there.
 */
export function buildVmRow(
  entry: IndexedApp,
  detail: RowDetail,
  context: RowContext,
): VmClusterRow {
  const row = buildRowFromUpstreams(entry, detail, context);
  const indexed = context.index.clusters.get(row.cluster);
  const derived = applyClusterAvailability(
    row.derived,
    indexed?.cluster.availability,
  );
  // What deriveVmState read from the VM object (or the cluster's
  // availability) is exact; the snapshot's stand-ins say they are not.
  row.derived = { ...derived, certainty: derived.certainty ?? 'exact' };
  return row;
}

function buildRowFromUpstreams(
  entry: IndexedApp,
  detail: RowDetail,
  context: RowContext,
): VmClusterRow {
  const row = baseRow(entry, context);
  if (detail.type === 'snapshot') return row;
  if (detail.type === 'skipped') {
    appendMessage(
      row,
      `Detail not loaded: this VM has ${context.totalRows} Applications and detail is loaded for ${context.detailLimit} (problems first)`,
    );
    return row;
  }
  if (detail.type === 'failed') {
    row.derived = snapshotDerived(entry, 'DetailUnavailable');
    appendMessage(row, detail.message);
    return row;
  }
  const loaded = detail.detail;
  if (loaded.type === 'not-deployed') {
    row.derived = deriveVmState({
      existsOnCluster: false,
      syncStatus: entry.app.sync.status,
      pullRequestOpen: context.pullRequestOpen,
    });
    appendMessage(row, loaded.message);
    return row;
  }
  if (loaded.vmName) row.vmName = loaded.vmName;
  if (loaded.namespace) row.namespace = loaded.namespace;
  const desired = resolveDesiredRunStrategy(loaded.state);
  if (desired) row.desiredRunStrategy = desired;
  if (loaded.state.printableStatus)
    row.printableStatus = loaded.state.printableStatus;
  const gitKnown = inGit(entry);
  row.derived = deriveVmState({
    ...loaded.state,
    existsOnCluster: loaded.vmExists,
    syncStatus: entry.app.sync.status,
    pullRequestOpen: context.pullRequestOpen,
    ...(gitKnown === undefined ? {} : { inGit: gitKnown }),
  });
  row.conditions = loaded.conditions.filter(
    condition => !expectedWhenStopped(condition, row.derived),
  );
  row.vmi = loaded.vmi;
  row.dataVolumes = loaded.dataVolumes;
  for (const dataVolume of loaded.dataVolumes) {
    if (dataVolume.health?.status === 'Degraded') {
      appendMessage(
        row,
        `DataVolume ${dataVolume.name} Degraded${
          dataVolume.health.message ? `: ${dataVolume.health.message}` : ''
        }`,
      );
    }
  }
  loaded.problems.forEach(problem => appendMessage(row, problem));
  return row;
}
