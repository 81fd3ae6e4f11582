/*
 * Our KubeVirt vocabulary. The contract tier (kubevirt.contract.test.ts,
 * make test-contracts) checks it equals the values extracted from
 * kubevirt.io/api.
 */
import {
  kubevirtRunStrategies,
  requestableRunStrategies,
  vmiPhases,
  vmPrintableStatuses,
} from './kubevirt';

describe('KubeVirt vocabulary', () => {
  it('has the 17 printableStatus values of kubevirt.io/api, each once', () => {
    expect(vmPrintableStatuses).toHaveLength(17);
    expect(new Set(vmPrintableStatuses).size).toBe(17);
    expect(vmPrintableStatuses).toEqual(
      expect.arrayContaining([
        'Stopped',
        'Running',
        'ErrorUnschedulable',
        'WaitingForReceiver',
      ]),
    );
  });

  it('has every valid run strategy (the empty placeholder excluded)', () => {
    expect(kubevirtRunStrategies).not.toContain('');
    expect(kubevirtRunStrategies).toEqual(
      expect.arrayContaining(['Always', 'Halted', 'Once', 'WaitAsReceiver']),
    );
  });

  it('has every VMI phase, the unset phase first', () => {
    expect(vmiPhases[0]).toBe('');
    expect(vmiPhases).toEqual(
      expect.arrayContaining(['Pending', 'Scheduled', 'Running', 'Failed']),
    );
  });

  it('lets users request only the strategies the issue names', () => {
    expect([...requestableRunStrategies]).toEqual([
      'Always',
      'Halted',
      'Manual',
      'RerunOnFailure',
    ]);
    for (const strategy of requestableRunStrategies) {
      expect(kubevirtRunStrategies).toContain(strategy);
    }
  });
});
