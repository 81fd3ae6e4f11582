import {
  applyHeapGrowth,
  DEFAULT_HEAP_GROWING_PERCENT,
  heapGrowingPercent,
} from './heapGrowth';

describe('heapGrowingPercent', () => {
  it('defaults to 50 and accepts 0 (V8 default) to 1000', () => {
    expect(heapGrowingPercent({})).toBe(DEFAULT_HEAP_GROWING_PERCENT);
    expect(DEFAULT_HEAP_GROWING_PERCENT).toBe(50);
    expect(heapGrowingPercent({ BACKEND_HEAP_GROWING_PERCENT: '' })).toBe(50);
    expect(heapGrowingPercent({ BACKEND_HEAP_GROWING_PERCENT: '0' })).toBe(0);
    expect(heapGrowingPercent({ BACKEND_HEAP_GROWING_PERCENT: '25' })).toBe(25);
    expect(heapGrowingPercent({ BACKEND_HEAP_GROWING_PERCENT: '1000' })).toBe(
      1000,
    );
  });

  it.each(['-1', '12.5', 'fifty', '1001'])(
    'rejects %s, naming the variable and the rule',
    raw => {
      expect(() =>
        heapGrowingPercent({ BACKEND_HEAP_GROWING_PERCENT: raw }),
      ).toThrow(
        `BACKEND_HEAP_GROWING_PERCENT must be a whole number from 0 (V8's default heuristics) to 1000, got "${raw}"`,
      );
    },
  );
});

describe('applyHeapGrowth', () => {
  it('sets the V8 flag, and nothing for 0', () => {
    const flags: string[] = [];
    const set = (flag: string) => {
      flags.push(flag);
    };
    expect(applyHeapGrowth({}, set)).toBe(50);
    expect(applyHeapGrowth({ BACKEND_HEAP_GROWING_PERCENT: '0' }, set)).toBe(0);
    expect(flags).toEqual(['--heap-growing-percent=50']);
  });
});
