/*
 * Contract tier (make test-contracts): the simulated clusters' live VM, VMI
 * and DataVolume objects against every KubeVirt JSON schema of the reference
 * material (../shared/reference/kubevirt/schemas).
 */
import { readReference } from '../__testUtils__/reference';
import type { JsonObject } from './health';
import { jsonSchemaValidator, schemaErrors } from './__testUtils__/schemas';
import {
  LIFE_STEPS,
  lifeStep,
  lifeVm,
  liveObjectsOfVmLives,
} from './__testUtils__/vmLife';

function referenceValidator(file: string) {
  return jsonSchemaValidator(
    JSON.parse(readReference('kubevirt', 'schemas', file)),
  );
}

describe('live KubeVirt objects against the reference KubeVirt JSON schemas', () => {
  const validators: Record<string, ReturnType<typeof referenceValidator>> = {
    VirtualMachine: referenceValidator('kubevirt.io/virtualmachine_v1.json'),
    VirtualMachineInstance: referenceValidator(
      'kubevirt.io/virtualmachineinstance_v1.json',
    ),
    DataVolume: referenceValidator('cdi.kubevirt.io/datavolume_v1beta1.json'),
  };

  it('are valid at every step of a VM life, including unschedulable and stopping', () => {
    expect(
      schemaErrors(validators.VirtualMachine, {
        ...lifeVm,
        status: { printableStatus: 1, surprise: true },
      }),
    ).not.toEqual([]);
    const objects = liveObjectsOfVmLives();
    const checked = new Set<string>();
    for (const object of objects) {
      const validate = validators[String(object.kind)];
      if (!validate) continue;
      checked.add(lifeStep(object));
      expect({
        step: lifeStep(object),
        errors: schemaErrors(validate, object as JsonObject),
      }).toEqual({ step: lifeStep(object), errors: [] });
    }
    expect([...checked].sort()).toEqual(expect.arrayContaining(LIFE_STEPS));
  });
});
