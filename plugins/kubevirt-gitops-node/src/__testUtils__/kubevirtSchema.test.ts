import { virtualMachineSchemaErrors } from './kubevirtSchema';

describe('virtualMachineSchemaErrors', () => {
  const vm = {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: 'x' },
    spec: { runStrategy: 'Always', template: { spec: { domain: { devices: {} } } } },
  };

  it('accepts a minimal VM', () => {
    expect(virtualMachineSchemaErrors(vm)).toEqual([]);
  });

  it('rejects a misspelt field and a wrong type', () => {
    expect(virtualMachineSchemaErrors({ ...vm, spec: { ...vm.spec, runStategy: 'Always' } }).join()).toMatch(/additional/);
    expect(virtualMachineSchemaErrors({ ...vm, spec: { ...vm.spec, running: 'yes' } }).join()).toMatch(/boolean/);
  });
});
