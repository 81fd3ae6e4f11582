import type { ClusterAvailability } from './clusterAvailability';
import type { StatusCondition } from './kubevirt';

/**
 * Every {@link VmState}, in the order users read them (filters, counts).
 *
 * @public
 */
export const vmStates = [
  'Running',
  'Stopped',
  'Starting',
  'Stopping',
  'Provisioning',
  'Migrating',
  'Paused',
  'Error',
  'Pending',
  'Missing',
  'Healthy',
  'Progressing',
  'Suspended',
  'Degraded',
  'Unknown',
] as const;

/**
 * The states that are only ever approximate: ArgoCD's health words, used
 * when the VM itself was not read. They claim no more than ArgoCD does
 * (`Healthy` on ArgoCD with PR #29664 is "running" or "stopped as
 * declared"; `Suspended` is "paused" or "stopped"; `Progressing` covers
 * starting, stopping, provisioning and unschedulable alike).
 *
 * @public
 */
export const approximateOnlyVmStates = [
  'Healthy',
  'Progressing',
  'Suspended',
  'Degraded',
] as const;

/**
 * The state of one VM on one cluster, as users read it.
 *
 * - `Pending`: wanted (in Git, or in an open pull request) but not yet on the cluster.
 * - `Missing`: not on the cluster although nothing is pending (or removed, when Git no longer has it).
 * - `Healthy`, `Progressing`, `Suspended`, `Degraded`: ArgoCD's health,
 *   only ever with certainty `approximate` (see {@link approximateOnlyVmStates}).
 *
 * @public
 */
export type VmState = (typeof vmStates)[number];

/**
 * How a state should look: `ok` (green), `progress` (blue), `warning`
 * (amber: drift or attention), `error` (red), `unknown` (grey).
 *
 * @public
 */
export type VmStateSeverity =
  | 'ok'
  | 'progress'
  | 'warning'
  | 'error'
  | 'unknown';

/**
 * Where a state comes from:
 *
 * - `exact`: from the VirtualMachine object, or ArgoCD's health of the VM
 *   resource when its message is KubeVirt's printableStatus (resource tree,
 *   or inline resource health on ArgoCD 2.x);
 * - `approximate`: from ArgoCD's health or sync status of the Application
 *   (or of the VM resource without a printableStatus); never more than
 *   ArgoCD says.
 *
 * @public
 */
export type VmStateCertainty = 'exact' | 'approximate';

/**
 * The result of {@link deriveVmState}.
 *
 * @public
 */
export interface DerivedVmState {
  state: VmState;
  /**
   * `exact` or `approximate` (see {@link VmStateCertainty}). The backend's
   * rows always set it; {@link deriveVmState} leaves it out (what it
   * derives from the VM object is exact).
   */
  certainty?: VmStateCertainty;
  /**
   * Why: the error printableStatus (`ErrorUnschedulable`, `ErrImagePull`,
   * `ImagePullBackOff`, `ErrorPvcNotFound`, `DataVolumeError`,
   * `CrashLoopBackOff`), a failure condition's reason, `Terminating`,
   * `WaitingForVolumeBinding`, `WaitingForReceiver`, `RestartRequired`,
   * `OutOfSync`, `PullRequestOpen`, `NotInGit`, `NoStatusYet`,
   * `ClusterUnreachable`, `ClusterUnavailable`, `ClusterNotJoined`,
   * `ClusterAwaitingAcceptance`, `ClusterDeleting`, `DetailNotLoaded`,
   * `DetailUnavailable`, `ArgoCDHealth` (approximate), or an unrecognised
   * printableStatus.
   */
  reason?: string;
  /** Whether the VM is where Git wants it (or on its way there). */
  matchesDesired: boolean;
  /** Words a user reads, e.g. `Stopped as declared`, `Error: ErrorUnschedulable`. */
  label: string;
  severity: VmStateSeverity;
}

/**
 * What {@link deriveVmState} looks at.
 *
 * @public
 */
export interface VmStateInput {
  /** Whether the VirtualMachine object exists on the cluster. */
  existsOnCluster: boolean;
  /** Desired `spec.runStrategy` (from Git, or the live object). */
  runStrategy?: string;
  /** Deprecated `spec.running`, read when no runStrategy is set. */
  running?: boolean;
  /** The VM's `status.printableStatus`. */
  printableStatus?: string;
  /** The VM's `status.conditions`. */
  conditions?: readonly StatusCondition[];
  /** The VM's `status.created` (a VMI exists). */
  created?: boolean;
  /** The VMI's `status.phase`, when a VMI exists. */
  vmiPhase?: string;
  /** The Application's sync status: `Synced`, `OutOfSync` or `Unknown`. */
  syncStatus?: string;
  /** Whether the VM is in Git at the Application's target revision (undefined: not known). */
  inGit?: boolean;
  /** Whether an open pull request will create or change this VM. */
  pullRequestOpen?: boolean;
  /**
   * The OCM availability of the VM's cluster (undefined: not known). When
   * the cluster is not available, what ArgoCD last saw of the VM may be
   * stale or absent, so the state is Unknown rather than Missing or Running.
   */
  clusterAvailability?: ClusterAvailability;
}
