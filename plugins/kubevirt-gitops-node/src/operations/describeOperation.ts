/*
 * Titles and one-line descriptions of operations, for the pull request,
 * the commit message and the logs.
 */
import {
  resolveVmSize,
  type VmOperationRequest,
} from '@internal/plugin-kubevirt-gitops-common';

function where(environments: readonly string[]): string {
  return environments.length > 0 ? ` in ${environments.join(', ')}` : '';
}

/** The pull request title of an operation. */
export function operationTitle(
  operation: VmOperationRequest,
  environments: readonly string[],
): string {
  switch (operation.operation) {
    case 'create':
      return `Create VM ${operation.request.name}${where(environments)}`;
    case 'set-run-strategy': {
      const verb: Record<string, string> = { Always: 'Start', Halted: 'Stop' };
      const action = verb[operation.runStrategy];
      return action
        ? `${action} VM ${operation.vmName}${where(environments)}`
        : `Set run strategy ${operation.runStrategy} for VM ${
            operation.vmName
          }${where(environments)}`;
    }
    case 'resize':
      return `Resize VM ${operation.vmName} to ${
        resolveVmSize(operation.size)?.label ?? 'a new size'
      }${where(environments)}`;
    default:
      return `Decommission VM ${operation.vmName}`;
  }
}

/** One paragraph saying what the change does and why. */
export function operationDescription(operation: VmOperationRequest): string {
  switch (operation.operation) {
    case 'create':
      return operation.request.purpose;
    case 'set-run-strategy':
      return `Sets spec.runStrategy to ${operation.runStrategy}.`;
    case 'resize':
      return `Changes the size to ${
        resolveVmSize(operation.size)?.label ?? 'a new size'
      }.`;
    default:
      return `Removes the VM's files; ArgoCD prunes it from every cluster. Reason: ${operation.reason}`;
  }
}
