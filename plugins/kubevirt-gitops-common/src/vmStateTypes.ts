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
  'Unknown',
] as const;

/**
 * The state of one VM on one cluster, as users read it.
 *
 * - `Pending`: wanted (in Git, or in an open pull request) but not yet on the cluster.
 * - `Missing`: not on the cluster although nothing is pending (or removed, when Git no longer has it).
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
 * The result of {@link deriveVmState}.
 *
 * @public
 */
export interface DerivedVmState {
  state: VmState;
  /**
   * Why: the error printableStatus (`ErrorUnschedulable`, `ErrImagePull`,
   * `ImagePullBackOff`, `ErrorPvcNotFound`, `DataVolumeError`,
   * `CrashLoopBackOff`), a failure condition's reason, `Terminating`,
   * `WaitingForVolumeBinding`, `WaitingForReceiver`, `RestartRequired`,
   * `OutOfSync`, `PullRequestOpen`, `NotInGit`, `NoStatusYet`,
   * `ClusterUnreachable`, `ClusterUnavailable`, `ClusterNotJoined`,
   * `ClusterAwaitingAcceptance`, or an unrecognised printableStatus.
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
