/*
 * Plans one operation against the VM's files on the base branch: the file
 * change set of its pull request and the rendered preview of every
 * environment.
 */
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { VmOperationRequest } from '@internal/plugin-kubevirt-gitops-common';
import { vmEnvironmentsIn, vmPaths } from '../layout/layouts';
import { catalogTombstoneText, vmEntityRef } from '../manifests/catalogInfo';
import { renderEnvironmentPreviews } from '../preview/renderPreviews';
import { operationDescription, operationTitle } from './describeOperation';
import { planCreateFiles } from './planCreate';
import { planLifecycleFiles } from './planLifecycle';
import type { FileChange, PlanContext, VmChangeSet, VmRepositoryState } from './types';

/** The branch of an operation's pull request (github/openPulls.ts parses it back). */
export function vmBranchName(operation: VmOperationRequest['operation'], vm: string): string {
  return `kubevirt-gitops/${operation}/${vm}`;
}

/** The VM an operation is about. */
export function operationVmName(operation: VmOperationRequest): string {
  return operation.operation === 'create' ? operation.request.name : operation.vmName;
}

function applyChanges(state: VmRepositoryState, files: readonly FileChange[]): Map<string, string> {
  const result = new Map(state.files);
  for (const change of files) {
    if ('deleted' in change) result.delete(change.path);
    else result.set(change.path, change.content);
  }
  return result;
}

function planFiles(
  operation: VmOperationRequest,
  state: VmRepositoryState,
  context: PlanContext,
  vmEnvironments: string[],
): { files: FileChange[]; environments: string[]; changedEnvironments: string[] } {
  const vm = operationVmName(operation);
  const paths = vmPaths(context.config.layout, vm);
  // A decommissioned VM leaves only its emptied catalog-info.yaml behind.
  const vmFiles = state.paths.filter(path => path !== paths.catalogInfoFile);
  if (operation.operation === 'create') {
    if (vmFiles.length > 0) {
      throw new ConflictError(
        `VM "${vm}" already exists in the GitOps repository (${paths.vmDir} holds ${vmFiles.length} files on the base branch). Choose another name, or change the existing VM with the power, resize or decommission templates.`,
      );
    }
    const { files } = planCreateFiles(operation, context);
    return { files, environments: operation.request.environments, changedEnvironments: operation.request.environments };
  }
  if (vmFiles.length === 0) {
    throw new NotFoundError(
      `VM "${vm}" is not in the GitOps repository: ${paths.vmDir} does not exist on the base branch (was it decommissioned, or is its creation pull request still open?)`,
    );
  }
  if (operation.operation === 'decommission') {
    const files: FileChange[] = [
      ...[...vmFiles].sort().map(path => ({ path, deleted: true as const })),
      { path: paths.catalogInfoFile, content: catalogTombstoneText(vm, operation.reason) },
    ];
    return { files, environments: [], changedEnvironments: vmEnvironments };
  }
  const { files, changedEnvironments } = planLifecycleFiles(operation, paths, state, vmEnvironments);
  return { files, environments: vmEnvironments, changedEnvironments };
}

/**
 * Plans a validated operation. Throws ConflictError for a `create` of a VM
 * that exists, NotFoundError for a change to a VM that does not.
 */
export function planVmChange(
  operation: VmOperationRequest,
  state: VmRepositoryState,
  context: PlanContext,
): VmChangeSet {
  const vm = operationVmName(operation);
  const paths = vmPaths(context.config.layout, vm);
  const vmEnvironments = vmEnvironmentsIn(paths, state.paths);
  const planned = planFiles(operation, state, context, vmEnvironments);
  const { environments, changedEnvironments } = planned;
  const files = planned.files.filter(file => 'deleted' in file || state.files.get(file.path) !== file.content);
  if (files.length === 0) {
    throw new InputError(
      `Nothing to change: VM "${vm}" already has that ${operation.operation === 'resize' ? 'size' : 'run strategy'} in ${changedEnvironments.join(', ')}.`,
    );
  }
  const after = applyChanges(state, files);
  return {
    operation: operation.operation,
    vm,
    paths,
    branch: vmBranchName(operation.operation, vm),
    title: operationTitle(operation, changedEnvironments),
    description: operationDescription(operation),
    files,
    environments,
    changedEnvironments,
    previews: renderEnvironmentPreviews(after, paths, environments, context.config),
    entityRef: vmEntityRef(vm),
  };
}
