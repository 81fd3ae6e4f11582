/*
 * Contract test: our KubeVirt vocabulary equals the values extracted from
 * kubevirt.io/api (../shared/reference/kubevirt/enums.extracted.json).
 */
import { readReference } from './__testUtils__/reference';
import {
  kubevirtRunStrategies,
  requestableRunStrategies,
  vmiPhases,
  vmPrintableStatuses,
} from './kubevirt';

function extracted(): Record<string, Array<{ value: string }>> | undefined {
  const text = readReference('kubevirt', 'enums.extracted.json');
  return text === undefined ? undefined : JSON.parse(text);
}

describe('KubeVirt vocabulary', () => {
  it('has the 17 printableStatus values of kubevirt.io/api', () => {
    expect(vmPrintableStatuses).toHaveLength(17);
    const enums = extracted();
    if (!enums) {
      return;
    }
    expect([...vmPrintableStatuses]).toEqual(
      enums['VirtualMachine.status.printableStatus'].map(entry => entry.value),
    );
  });

  it('has every valid run strategy (the empty placeholder excluded)', () => {
    const enums = extracted();
    if (!enums) {
      return;
    }
    expect([...kubevirtRunStrategies]).toEqual(
      enums['VirtualMachine.spec.runStrategy']
        .map(entry => entry.value)
        .filter(value => value !== ''),
    );
  });

  it('has every VMI phase', () => {
    const enums = extracted();
    if (!enums) {
      return;
    }
    expect([...vmiPhases]).toEqual(
      enums['VirtualMachineInstance.status.phase'].map(entry => entry.value),
    );
  });

  it('lets users request only the strategies the issue names', () => {
    expect([...requestableRunStrategies]).toEqual([
      'Always',
      'Halted',
      'Manual',
      'RerunOnFailure',
    ]);
  });
});
