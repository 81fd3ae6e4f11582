/*
 * The names this product gives its pull requests, written once: the head
 * branch `kubevirt-gitops/<operation>/<vm>` and the labels (`kubevirt-gitops`,
 * `vm/<operation>`, `env/<environment>`). The writer (node) writes them, and
 * the writer's open-PR lookup (node) and the VM tab (backend) read them back
 * with the same functions.
 */
import { vmOperations, type VmOperation } from '../request/vmOperationTypes';

/** The label every pull request of this product carries. */
export const PULL_REQUEST_LABEL = 'kubevirt-gitops';

const BRANCH =
  /^kubevirt-gitops\/([a-z-]+)\/([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)$/;

/**
 * The head branch of a VM's pull request: `kubevirt-gitops/<operation>/<vm>`.
 *
 * @public
 */
export function vmBranchName(operation: VmOperation, vm: string): string {
  return `kubevirt-gitops/${operation}/${vm}`;
}

/**
 * The operation and VM of a branch this product named, or `undefined`.
 *
 * @public
 */
export function parseVmBranchName(
  branch: string,
): { operation: VmOperation; vm: string } | undefined {
  const match = BRANCH.exec(branch);
  const operation = vmOperations.find(candidate => candidate === match?.[1]);
  return match && operation ? { operation, vm: match[2] } : undefined;
}

/**
 * The labels of a VM's pull request.
 *
 * @public
 */
export function vmPullRequestLabels(
  operation: VmOperation,
  environments: readonly string[],
): string[] {
  return [
    PULL_REQUEST_LABEL,
    `vm/${operation}`,
    ...environments.map(environment => `env/${environment}`),
  ];
}

/**
 * The lifecycle operation of a pull request: its `vm/<operation>` label,
 * else its branch as this product names it, else an operation name that is
 * a part of its branch (`start_vm-stop`, `resize/web`: pull requests opened
 * by hand).
 *
 * @public
 */
export function pullRequestOperation(pull: {
  labels: readonly string[];
  branch: string;
}): VmOperation | undefined {
  for (const label of pull.labels) {
    const match = /^vm\/(.+)$/.exec(label);
    const operation = vmOperations.find(candidate => candidate === match?.[1]);
    if (operation) return operation;
  }
  const named = parseVmBranchName(pull.branch);
  if (named) return named.operation;
  const branchParts = pull.branch.split(/[/_]/);
  // Longest names first, so `set-run-strategy` wins over a shorter match.
  return [...vmOperations]
    .sort((a, b) => b.length - a.length)
    .find(operation => branchParts.includes(operation));
}
