import { readReferenceTree } from '../__testUtils__/referenceFiles';
import { editEnvironmentKustomizationText } from './editKustomization';
import { editVirtualMachineText } from './editVirtualMachine';
import { runStrategyAssignments, sizeAssignments } from './vmFields';

const seed = readReferenceTree('seed-gitops-repo');
const seedVm = seed.get('applicationsets/demo-vm/kustomize/base/virtualmachine.yaml') ?? '';
const seedDev = seed.get('applicationsets/demo-vm/kustomize/dev/kustomization.yaml') ?? '';

describe('editing existing files', () => {
  it('sets runStrategy in a hand-written VM, drops the deprecated running and keeps comments', () => {
    const text = `# owned by team A\n${seedVm.replace('running: false', 'running: false # stopped for now')}`;
    const edited = editVirtualMachineText(text, 'vm.yaml', runStrategyAssignments('Always'));
    expect(edited).toContain('# owned by team A');
    expect(edited).toContain('runStrategy: Always');
    expect(edited).not.toMatch(/running:/);
    // Untouched lines keep their exact formatting, including the cloud-init block.
    expect(edited).toContain('chpasswd: { expire: False }');
    expect(edited).toContain('terminationGracePeriodSeconds: 180');
  });

  it("resizing an environment drops the seed's JSON 6902 memory patch and writes a merge patch", () => {
    const withComment = seedDev.replace('namePrefix: dev-', 'namePrefix: dev- # the dev clusters');
    const edited = editEnvironmentKustomizationText(withComment, 'dev/kustomization.yaml', {
      vm: 'demo-vm',
      group: 'size',
      assignments: sizeAssignments({ instancetype: 'u1.small' }),
    });
    expect(edited).toContain('namePrefix: dev- # the dev clusters');
    expect(edited).toContain('bases:');
    expect(edited).not.toContain('4096M');
    expect(edited).toContain('name: u1.small');
    expect(edited).toContain('kind: VirtualMachine');
  });

  it('a run-strategy change leaves the size patch of the seed alone', () => {
    const edited = editEnvironmentKustomizationText(seedDev, 'dev/kustomization.yaml', {
      vm: 'demo-vm',
      group: 'runStrategy',
      assignments: runStrategyAssignments('Halted'),
    });
    expect(edited).toContain('value: 4096M');
    expect(edited).toContain('runStrategy: Halted');
    expect(edited).toContain('running: null');
  });

  it('refuses a VM file that holds something else', () => {
    expect(() => editVirtualMachineText('kind: ConfigMap\n', 'vm.yaml', runStrategyAssignments('Always'))).toThrow(
      /does not hold one VirtualMachine/,
    );
  });
});
