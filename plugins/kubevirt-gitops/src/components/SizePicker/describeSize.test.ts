import { describeSize } from './describeSize';
import { chosenEnvironments } from './choices';

describe('describeSize', () => {
  it('reads as name — vCPUs, memory (series), with the singular for one vCPU', () => {
    const base = {
      class: 'general.purpose',
      series: 'U Series',
      exceeds: [],
      reportedOn: [],
    };
    expect(
      describeSize({ ...base, name: 'u1.medium', vcpus: 1, memory: '4Gi' }),
    ).toBe('u1.medium — 1 vCPU, 4Gi (U Series)');
    expect(
      describeSize({ ...base, name: 'u1.large', vcpus: 2, memory: '8Gi' }),
    ).toBe('u1.large — 2 vCPUs, 8Gi (U Series)');
  });
});

describe('chosenEnvironments', () => {
  it('takes a list of names or a single name, and nothing else', () => {
    expect(
      chosenEnvironments({ environments: ['dev', 3, ''] }, 'environments'),
    ).toEqual(['dev']);
    expect(chosenEnvironments({ env: 'prod' }, 'env')).toEqual(['prod']);
    expect(
      chosenEnvironments({ environments: { dev: true } }, 'environments'),
    ).toEqual([]);
    expect(chosenEnvironments(undefined, 'environments')).toEqual([]);
  });
});
