/*
 * Validation of the action's operation input, in two stages: before any
 * GitHub call (everything the configuration can decide), and once the VM's
 * environments are read from the repository.
 */
import { InputError } from '@backstage/errors';
import {
  validateVmOperation,
  vmLifecycleOperationSchema,
  type GitopsConfig,
  type ValidationIssue,
  type VmOperationRequest,
} from '@internal/plugin-kubevirt-gitops-common';

function fail(issues: readonly ValidationIssue[]): never {
  throw new InputError(
    `Invalid VM request: ${issues
      .map(issue => `${issue.field}: ${issue.message}`)
      .join('; ')}`,
  );
}

function hasEnvironments(input: unknown): boolean {
  return (
    typeof input === 'object' &&
    input !== null &&
    'environments' in input &&
    (input as { environments?: unknown }).environments !== undefined
  );
}

/**
 * Checks an operation against the configuration alone. Throws InputError
 * naming every field and rule broken; returns the normalised operation.
 *
 * @public
 */
export function checkVmOperationInput(
  input: unknown,
  config: GitopsConfig,
): VmOperationRequest {
  const result = validateVmOperation(input, config);
  if (result.ok) {
    return result.value;
  }
  // Without `environments`, the environments are the VM's, known once the repository is read.
  const issues = hasEnvironments(input)
    ? result.issues
    : result.issues.filter(issue => issue.field !== 'environments');
  if (issues.length > 0) {
    fail(issues);
  }
  const parsed = vmLifecycleOperationSchema.safeParse(input);
  return parsed.success ? parsed.data : fail(result.issues);
}

/**
 * Checks an operation against the VM's environments in the repository
 * (the environments it changes exist for the VM; limits of each).
 *
 * @public
 */
export function checkVmOperationForVm(
  operation: VmOperationRequest,
  config: GitopsConfig,
  vmEnvironments: readonly string[],
): VmOperationRequest {
  if (
    operation.operation === 'create' ||
    (operation.operation === 'decommission' && !operation.environments)
  ) {
    return operation;
  }
  const result = validateVmOperation(operation, { ...config, vmEnvironments });
  return result.ok ? result.value : fail(result.issues);
}
