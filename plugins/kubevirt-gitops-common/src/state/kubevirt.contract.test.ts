/*
 * Contract tier (make test-contracts): our KubeVirt vocabulary equals the
 * values extracted from kubevirt.io/api
 * (../shared/reference/kubevirt/enums.extracted.json).
 */
import { readReference } from '../__testUtils__/reference';
import {
  kubevirtRunStrategies,
  vmiPhases,
  vmPrintableStatuses,
} from './kubevirt';

function values(enums: Record<string, Array<{ value: string }>>, key: string) {
  const entries = enums[key];
  if (!entries) {
    throw new Error(`enums.extracted.json has no ${key}`);
  }
  return entries.map(entry => entry.value);
}

describe('KubeVirt vocabulary against kubevirt.io/api', () => {
  const enums: Record<string, Array<{ value: string }>> = JSON.parse(
    readReference('kubevirt', 'enums.extracted.json'),
  );

  it('has the printableStatus values', () => {
    expect([...vmPrintableStatuses]).toEqual(
      values(enums, 'VirtualMachine.status.printableStatus'),
    );
  });

  it('has every valid run strategy (the empty placeholder excluded)', () => {
    expect([...kubevirtRunStrategies]).toEqual(
      values(enums, 'VirtualMachine.spec.runStrategy').filter(
        value => value !== '',
      ),
    );
  });

  it('has every VMI phase', () => {
    expect([...vmiPhases]).toEqual(
      values(enums, 'VirtualMachineInstance.status.phase'),
    );
  });
});
