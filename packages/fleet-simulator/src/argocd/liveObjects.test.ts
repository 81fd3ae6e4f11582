import type { JsonObject } from './health';
import {
  KUBEVIRT_VM_SCHEMA,
  readThirdPartyJson,
} from '../__testUtils__/thirdParty';
import { jsonSchemaValidator, schemaErrors } from './__testUtils__/schemas';
import {
  LIFE_STEPS,
  lifeStep,
  lifeVm,
  liveObjectsOfVmLives,
} from './__testUtils__/vmLife';

/*
 * The VirtualMachine schema is KubeVirt's (datree's JSON schema of the CRD),
 * from the node library's checksum-verified third-party copy. The VMI and
 * DataVolume schemas are checked by the contract tier
 * (liveObjects.contract.test.ts, make test-contracts).
 */
describe('live VirtualMachines against the KubeVirt VirtualMachine schema', () => {
  const validateVm = jsonSchemaValidator(
    readThirdPartyJson(KUBEVIRT_VM_SCHEMA),
  );

  it('rejects a VM status of the wrong type (the schema is really applied)', () => {
    expect(
      schemaErrors(validateVm, {
        ...lifeVm,
        status: { printableStatus: 1 },
      }),
    ).not.toEqual([]);
  });

  it('are valid at every step of a VM life, including unschedulable and stopping', () => {
    const objects = liveObjectsOfVmLives();
    const vms = objects.filter(
      (object: JsonObject) => object.kind === 'VirtualMachine',
    );
    expect(vms.length).toBeGreaterThan(10);
    for (const vm of vms) {
      expect({
        step: lifeStep(vm),
        errors: schemaErrors(validateVm, vm),
      }).toEqual({ step: lifeStep(vm), errors: [] });
    }
    expect([...new Set(objects.map(lifeStep))].sort()).toEqual(
      expect.arrayContaining(LIFE_STEPS),
    );
  });
});
