import { createClock } from './clock';

describe('createClock', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('runs simulated time timeScale times faster from the start date', () => {
    jest.useFakeTimers({ now: new Date('2025-01-01T00:00:00Z') });
    const clock = createClock({
      timeScale: 60,
      start: new Date('2030-06-01T12:00:00Z'),
    });
    expect(clock.now().toISOString()).toBe('2030-06-01T12:00:00.000Z');
    jest.advanceTimersByTime(1000);
    expect(clock.now().toISOString()).toBe('2030-06-01T12:01:00.000Z');
    expect(clock.timeScale).toBe(60);
  });

  it('fires timers after the simulated delay divided by the scale, and cancels them', () => {
    jest.useFakeTimers();
    const clock = createClock({ timeScale: 10 });
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('a'), 10_000);
    const cancel = clock.setTimeout(() => fired.push('b'), 10_000);
    cancel();
    jest.advanceTimersByTime(999);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(fired).toEqual(['a']);
  });

  it('rejects a scale that is not positive', () => {
    expect(() => createClock({ timeScale: 0 })).toThrow(/timeScale/);
  });
});
