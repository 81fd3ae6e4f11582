/*
 * Maps the action's flat input to the operation shapes of the common
 * package, refusing fields that do not belong to the chosen operation
 * (which fields each takes: common's `vmOperationFields`, read from the
 * schemas that validate them).
 */
import { InputError } from '@backstage/errors';
import {
  vmOperationFields,
  type VmOperation,
} from '@internal/plugin-kubevirt-gitops-common';

/** The action's input as the scaffolder hands it over. */
export interface ActionInput {
  operation: VmOperation;
  request?: unknown;
  vmName?: string;
  gitopsPath?: string;
  /** Read by the action itself (which repository), not by the operation. */
  gitopsRepoUrl?: string;
  runStrategy?: string;
  size?: unknown;
  environments?: string[];
  reason?: string;
}

/**
 * The operation input for validateVmOperation, or InputError naming stray
 * fields. No environment chosen (an empty list from a form) means every
 * environment of the VM.
 */
export function toOperationInput(raw: ActionInput): Record<string, unknown> {
  const input: ActionInput = {
    ...raw,
    // a form sends an empty list for "every environment", a template an empty annotation as ''
    environments:
      Array.isArray(raw.environments) && raw.environments.length === 0
        ? undefined
        : raw.environments,
    gitopsPath: raw.gitopsPath === '' ? undefined : raw.gitopsPath,
    gitopsRepoUrl: undefined,
  };
  const allowed = vmOperationFields[input.operation] as ReadonlyArray<
    keyof ActionInput
  >;
  const given = (Object.keys(input) as Array<keyof ActionInput>).filter(
    key => key !== 'operation' && input[key] !== undefined,
  );
  const stray = given.filter(key => !allowed.includes(key));
  if (stray.length > 0) {
    throw new InputError(
      `Invalid VM request: ${stray.join(', ')}: not used by the ${
        input.operation
      } operation (it takes ${allowed.join(', ')}); remove ${
        stray.length > 1 ? 'them' : 'it'
      }`,
    );
  }
  if (input.operation === 'create' && input.request === undefined) {
    throw new InputError(
      'Invalid VM request: request: required for the create operation',
    );
  }
  return Object.fromEntries([
    ['operation', input.operation],
    ...allowed
      .filter(key => input[key] !== undefined)
      .map(key => [key, input[key]]),
  ]);
}
