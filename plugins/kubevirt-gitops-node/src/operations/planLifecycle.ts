/*
 * `set-run-strategy` and `resize` on an existing VM: in the base when the
 * change covers every environment of the VM (and the environments' own
 * statements about those fields are dropped), otherwise in each chosen
 * environment's overlay as a strategic-merge patch.
 */
import { InputError } from '@backstage/errors';
import type {
  ResizeVmOperation,
  SetRunStrategyOperation,
} from '@internal/plugin-kubevirt-gitops-common';
import { editEnvironmentKustomizationText } from '../edit/editKustomization';
import { editVirtualMachineText } from '../edit/editVirtualMachine';
import {
  runStrategyAssignments,
  sizeAssignments,
  type FieldAssignment,
  type ManagedFieldGroup,
} from '../edit/vmFields';
import type { VmPaths } from '../layout/layouts';
import type { FileChange, VmRepositoryState } from './types';

function required(state: VmRepositoryState, file: string): string {
  const text = state.files.get(file);
  if (text === undefined) {
    throw new InputError(`${file} is missing from the GitOps repository; the VM's files are not in the expected layout`);
  }
  return text;
}

/** The edits of a run-strategy or size change. */
export function planLifecycleFiles(
  operation: SetRunStrategyOperation | ResizeVmOperation,
  paths: VmPaths,
  state: VmRepositoryState,
  vmEnvironments: readonly string[],
): { files: FileChange[]; changedEnvironments: string[] } {
  const group: ManagedFieldGroup = operation.operation === 'resize' ? 'size' : 'runStrategy';
  const assignments: FieldAssignment[] =
    operation.operation === 'resize'
      ? sizeAssignments(operation.size)
      : runStrategyAssignments(operation.runStrategy);
  const targets = operation.environments ?? vmEnvironments;
  const everyEnvironment = vmEnvironments.every(env => targets.includes(env));
  const files: FileChange[] = [];
  if (everyEnvironment) {
    files.push({
      path: paths.virtualMachineFile,
      content: editVirtualMachineText(required(state, paths.virtualMachineFile), paths.virtualMachineFile, assignments),
    });
  }
  for (const environment of vmEnvironments) {
    const file = paths.environmentKustomizationFile(environment);
    const before = required(state, file);
    const after = editEnvironmentKustomizationText(before, file, {
      vm: operation.vmName,
      group,
      assignments: !everyEnvironment && targets.includes(environment) ? assignments : undefined,
    });
    if (after !== before) {
      files.push({ path: file, content: after });
    }
  }
  return { files, changedEnvironments: [...targets] };
}
