/*
 * The operations of the `kubevirt:vm:pull-request` action: each one pull
 * request against the GitOps repository.
 */
import type { VmRunStrategy } from '../state/kubevirt';
import type { VmRequest, VmRequestContext, VmSize } from './vmRequestTypes';

/**
 * Every operation, in the order of a VM's life.
 *
 * @public
 */
export const vmOperations = [
  'create',
  'set-run-strategy',
  'resize',
  'decommission',
] as const;

/**
 * One pull-request operation on a VM.
 *
 * @public
 */
export type VmOperation = (typeof vmOperations)[number];

/**
 * Create a VM: the full request.
 *
 * @public
 */
export interface CreateVmOperation {
  operation: 'create';
  request: VmRequest;
}

/**
 * Start or stop a VM (`Always` / `Halted`, or `Manual`, `RerunOnFailure`).
 *
 * @public
 */
export interface SetRunStrategyOperation {
  operation: 'set-run-strategy';
  /** Base name of the VM in the GitOps repository. */
  vmName: string;
  /** The VM's folder, when it is not where the configured layout puts it. */
  gitopsPath?: string;
  runStrategy: VmRunStrategy;
  /** Environments to change; absent means every environment of the VM. */
  environments?: string[];
}

/**
 * Change a VM's size.
 *
 * @public
 */
export interface ResizeVmOperation {
  operation: 'resize';
  vmName: string;
  /** The VM's folder, when it is not where the configured layout puts it. */
  gitopsPath?: string;
  size: VmSize;
  /** Environments to resize; absent means every environment of the VM. */
  environments?: string[];
}

/**
 * Remove a VM's files (ArgoCD prunes it from the clusters).
 *
 * @public
 */
export interface DecommissionVmOperation {
  operation: 'decommission';
  vmName: string;
  /** The VM's folder, when it is not where the configured layout puts it. */
  gitopsPath?: string;
  /** Why, for the pull request body (one line). */
  reason: string;
  /** Environments to remove the VM from; absent means the whole VM. */
  environments?: string[];
}

/**
 * Input of the pull-request action.
 *
 * @public
 */
export type VmOperationRequest =
  | CreateVmOperation
  | SetRunStrategyOperation
  | ResizeVmOperation
  | DecommissionVmOperation;

/**
 * What {@link validateVmOperation} checks an operation against: the
 * configuration and, for operations on an existing VM, the environments the
 * VM has in Git (read by the action from the repository).
 *
 * @public
 */
export interface VmOperationContext extends VmRequestContext {
  vmEnvironments?: readonly string[];
}

/**
 * Output of the pull-request action.
 *
 * @public
 */
export interface VmPullRequestResult {
  url: string;
  number: number;
  branch: string;
  /** Entity ref of the VM's catalog entity, e.g. `resource:default/my-vm`. */
  entityRef: string;
  /** True when an identical pull request already existed and was returned. */
  reused: boolean;
}
