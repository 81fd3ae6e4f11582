import { InputError } from '@backstage/errors';
import { vmFolderOf, vmTarget } from './vmTarget';

describe('vmFolderOf', () => {
  it("uses the entity's gitops-path, else the layout's folder", () => {
    expect(
      vmFolderOf(undefined, { vmName: 'web', gitopsPath: 'custom/web' }),
    ).toBe('custom/web');
    expect(vmFolderOf(undefined, { vmName: 'x' })).toBe(
      'applicationsets/vms/x',
    );
    expect(vmFolderOf('shared-applicationset', { vmName: 'x' })).toBe('vms/x');
    expect(vmFolderOf('per-vm-applicationset', { vmName: 'x' })).toBe(
      'applicationsets/vms/x',
    );
  });
});

describe('vmTarget', () => {
  it('computes the VM, its paths and the branch once', () => {
    const target = vmTarget('per-vm-applicationset', {
      operation: 'set-run-strategy',
      vmName: 'web',
      runStrategy: 'Halted',
    });
    expect(target.vm).toBe('web');
    expect(target.branch).toBe('kubevirt-gitops/set-run-strategy/web');
    expect(target.paths.vmDir).toBe('applicationsets/vms/web');
  });

  it('refuses a VM name that is not a DNS label, naming it', () => {
    expect(() =>
      vmTarget('per-vm-applicationset', {
        operation: 'decommission',
        vmName: 'Web_1',
        reason: 'gone',
      }),
    ).toThrow(InputError);
  });
});
