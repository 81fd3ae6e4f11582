/*
 * The JSON of `GET /entities/:namespace/:kind/:name/vms` (backend → frontend).
 * Our own shapes: no upstream SDK types leak to the browser.
 */
import type { ClusterAvailability } from '../state/clusterAvailability';
import type { KubevirtRunStrategy } from '../state/kubevirt';
import type { VmOperation } from '../request/vmOperationTypes';
import type { DerivedVmState } from '../state/vmStateTypes';

/**
 * What kind of failure an {@link UpstreamError} is:
 *
 * - `unreachable`: no answer (connection refused, DNS, TLS);
 * - `timeout`: no answer within the configured timeout;
 * - `credentials-rejected`: 401, the configured credentials were refused;
 * - `forbidden`: 403, the credentials may not read this;
 * - `not-found`: 404;
 * - `conflict`: 409 or 410;
 * - `bad-request`: 400;
 * - `rate-limited`: 429;
 * - `unavailable`: 5xx or any other failed status;
 * - `bad-answer`: an answer of the wrong shape (not JSON, truncated, not a list);
 * - `not-answered-yet`: the upstream has not answered since the backend started;
 * - `stale`: the data shown is older than the refresh interval allows;
 * - `not-listed`: an object the entity names is not among those the upstream lists;
 * - `config`: the backend's configuration does not allow the call.
 *
 * @public
 */
export type UpstreamErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'credentials-rejected'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'bad-request'
  | 'rate-limited'
  | 'unavailable'
  | 'bad-answer'
  | 'not-answered-yet'
  | 'stale'
  | 'not-listed'
  | 'config';

/**
 * One upstream that failed while answering (the rest of the answer stands).
 *
 * @public
 */
export interface UpstreamError {
  /** Which upstream, e.g. `argocd:main`, `ocm:hub`, `github`. */
  source: string;
  /** What kind of failure, for code (the message is for people). */
  kind: UpstreamErrorKind;
  /** What went wrong, for people; never contains credentials. */
  message: string;
}

/**
 * A status condition worth showing (VM, VMI or DataVolume).
 *
 * @public
 */
export interface VmConditionSummary {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/**
 * One DataVolume of the VM (disk import or clone).
 *
 * @public
 */
export interface VmDataVolumeSummary {
  name: string;
  /** CDI phase, e.g. `ImportInProgress`, `Succeeded`. */
  phase: string;
  /** Import progress as CDI reports it, e.g. `45.5%`. */
  progress?: string;
  /** ArgoCD's health of the DataVolume (e.g. `Degraded` for a failed import). */
  health?: { status: string; message?: string };
}

/**
 * What the VirtualMachineInstance reports, when one exists.
 *
 * @public
 */
export interface VmInstanceSummary {
  phase?: string;
  node?: string;
  ipAddresses: string[];
  /** Guest OS pretty name, when the guest agent reports it. */
  guestOs?: string;
  /** ArgoCD's health of the VMI, from the resource tree. */
  health?: { status: string; message?: string };
}

/**
 * One VM on one cluster: a row of the entity's "Virtual machines" tab.
 *
 * @public
 */
export interface VmClusterRow {
  /** Managed cluster name. */
  cluster: string;
  /** Environment (`dev`, `prod`), when known. */
  environment?: string;
  /** The VM's name on that cluster (with the environment's prefix). */
  vmName?: string;
  namespace?: string;
  /** OCM availability; `unknown` when the hub did not answer. */
  clusterAvailability: ClusterAvailability | 'unknown';
  clusterAvailabilityReason?: string;
  argocd: {
    /** Configured ArgoCD instance name. */
    instance: string;
    application: string;
    /** Namespace of the Application object. */
    namespace: string;
    /** Link to the Application in the ArgoCD UI. */
    uiUrl?: string;
  };
  sync: {
    /** `Synced`, `OutOfSync` or `Unknown`. */
    status: string;
    /** Synced revision (multi-source: that of the source holding manifests). */
    revision?: string;
    /** Multi-source Applications (`spec.sources`): every source's revision. */
    sources?: Array<{
      repoURL: string;
      path?: string;
      ref?: string;
      revision?: string;
    }>;
  };
  health: {
    /** ArgoCD health of the Application (Healthy, Progressing, ...). */
    status: string;
    message?: string;
  };
  desiredRunStrategy?: KubevirtRunStrategy;
  printableStatus?: string;
  derived: DerivedVmState;
  conditions: VmConditionSummary[];
  vmi: VmInstanceSummary;
  dataVolumes: VmDataVolumeSummary[];
  /** ISO time of the Application's last sync. */
  lastSyncedAt?: string;
  /** Anything else to tell (an upstream error for this row, an ArgoCD operation message). */
  message?: string;
}

/**
 * An open pull request that touches the VM's folder in the GitOps repo.
 *
 * @public
 */
export interface VmPullRequest {
  number: number;
  title: string;
  url: string;
  /** From the `vm/<operation>` label or the branch name. */
  operation?: VmOperation;
  author?: string;
  /** ISO time. */
  createdAt: string;
  labels: string[];
}

/**
 * An ApplicationSet that generates the VM's Applications, with its health
 * and errors (e.g. `ErrorOccurred` when its generator fails: then it may
 * have generated no Application at all).
 *
 * @public
 */
export interface VmApplicationSetSummary {
  /** Configured ArgoCD instance name. */
  instance: string;
  namespace: string;
  name: string;
  /** ArgoCD's ApplicationSet health (Healthy, Progressing, Degraded). */
  health: { status: string; message?: string };
  /** Conditions saying something is wrong (ErrorOccurred True, ...). */
  problems: VmConditionSummary[];
  /** How many Applications it reports. */
  applications: number;
}

/**
 * The answer of the VM status route.
 *
 * @public
 */
export interface VmStatusResponse {
  /** e.g. `resource:default/my-vm`. */
  entityRef: string;
  /** Base name from the entity's `kubevirt-gitops.io/vm-name`. */
  vmName: string;
  rows: VmClusterRow[];
  /** The ApplicationSets behind the rows (or named by the entity). */
  applicationSets: VmApplicationSetSummary[];
  pullRequests: VmPullRequest[];
  errors: UpstreamError[];
  /** ISO time the answer was assembled. */
  generatedAt: string;
  /**
   * ISO time of the fleet snapshot the rows come from (its oldest part):
   * while an upstream fails, the age of the data shown.
   */
  snapshotAt?: string;
  /**
   * Set when GitHub did not answer and `pullRequests` is the last list it
   * gave: the ISO time of that list.
   */
  pullRequestsAsOf?: string;
}

/**
 * The answer of the refresh route.
 *
 * @public
 */
export interface VmRefreshResponse {
  /** Applications ArgoCD was asked to refresh. */
  refreshed: string[];
  errors: UpstreamError[];
}
