/*
 * What one operation is about in the repository, computed once per request:
 * the VM, its paths in the configured layout, and the pull request's head
 * branch. The writer computes it before reading the repository and hands
 * the same object to planning.
 */
import type { GitopsLayout } from '../config/configTypes';
import type { VmOperationRequest } from '../request/vmOperationTypes';
import { vmPaths, type VmPaths } from './layouts';
import { vmBranchName } from './pullRequestNaming';

/**
 * The VM, paths and branch of one operation.
 *
 * @public
 */
export interface VmTarget {
  vm: string;
  paths: VmPaths;
  branch: string;
}

/**
 * The VM an operation is about.
 *
 * @public
 */
export function operationVmName(operation: VmOperationRequest): string {
  return operation.operation === 'create'
    ? operation.request.name
    : operation.vmName;
}

/**
 * The VM, paths (in `layout`) and branch of an operation. Throws InputError
 * when the VM name is not a DNS label.
 *
 * @public
 */
export function vmTarget(
  layout: GitopsLayout,
  operation: VmOperationRequest,
): VmTarget {
  const vm = operationVmName(operation);
  return {
    vm,
    paths: vmPaths(layout, vm),
    branch: vmBranchName(operation.operation, vm),
  };
}

/**
 * A VM's folder: the one its entity names (`kubevirt-gitops.io/gitops-path`),
 * else the folder the layout gives it.
 *
 * @public
 */
export function vmFolderOf(
  layout: GitopsLayout | undefined,
  vm: { vmName: string; gitopsPath?: string },
): string {
  if (vm.gitopsPath) return vm.gitopsPath;
  return vmPaths(layout ?? 'per-vm-applicationset', vm.vmName).vmDir;
}
