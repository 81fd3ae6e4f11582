/*
 * Edits of an existing base virtualmachine.yaml (ours or hand-written, like
 * the seed's): set the run strategy or the size in place, keeping every
 * comment and the formatting of untouched lines.
 */
import { InputError } from '@backstage/errors';
import { isMap } from 'yaml';
import { parseYamlForEdit, yamlText } from '../manifests/yamlDocument';
import { assignInResource, stringIn } from './yamlEdits';
import type { FieldAssignment } from './vmFields';

/** Applies assignments to the VirtualMachine in `text`; returns the new text. */
export function editVirtualMachineText(
  text: string,
  file: string,
  assignments: readonly FieldAssignment[],
): string {
  const document = parseYamlForEdit(text);
  if (document.errors.length > 0) {
    throw new InputError(`${file} is not valid YAML: ${document.errors[0].message}`);
  }
  const root = document.contents;
  if (!isMap(root) || stringIn(root, ['kind']) !== 'VirtualMachine') {
    throw new InputError(
      `${file} does not hold one VirtualMachine; change it by hand or move other objects to their own file`,
    );
  }
  assignInResource(document, assignments);
  return yamlText(document);
}
