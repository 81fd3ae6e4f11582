import { argoHealthStatuses, worstHealth } from './health';

describe('worstHealth', () => {
  it.each<[string[], string]>([
    [[], 'Healthy'],
    [['Healthy'], 'Healthy'],
    [['Healthy', 'Suspended'], 'Suspended'],
    [['Suspended', 'Progressing', 'Healthy'], 'Progressing'],
    [['Progressing', 'Missing'], 'Missing'],
    [['Missing', 'Degraded', 'Healthy'], 'Degraded'],
    [['Degraded', 'Unknown'], 'Unknown'],
    [['Healthy', 'SomethingNew'], 'Unknown'],
    [['Unknown', 'Healthy', 'Healthy'], 'Unknown'],
  ])('%j → %s', (statuses, expected) => {
    expect(worstHealth(statuses)).toBe(expected);
  });

  it('uses the order Healthy < Suspended < Progressing < Missing < Degraded < Unknown', () => {
    expect(argoHealthStatuses).toEqual([
      'Healthy',
      'Suspended',
      'Progressing',
      'Missing',
      'Degraded',
      'Unknown',
    ]);
    argoHealthStatuses.forEach((better, index) => {
      for (const worse of argoHealthStatuses.slice(index)) {
        expect(worstHealth([better, worse])).toBe(worse);
        expect(worstHealth([worse, better])).toBe(worse);
      }
    });
  });

  it('accepts any iterable', () => {
    expect(worstHealth(new Set(['Healthy', 'Progressing']))).toBe(
      'Progressing',
    );
  });
});
