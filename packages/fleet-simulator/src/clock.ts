import type { Clock } from './contracts';

/** Options of {@link createClock}. */
export interface ClockOptions {
  /** How many times faster simulated time runs than real time (> 0). */
  timeScale: number;
  /** Simulated time at creation; defaults to the real now. */
  start?: Date;
}

/**
 * A clock whose time runs `timeScale` times faster than real time, starting
 * at `start`. Timers are real timers scaled down, and never keep the process
 * alive on their own.
 */
export function createClock(options: ClockOptions): Clock {
  const { timeScale } = options;
  if (!Number.isFinite(timeScale) || timeScale <= 0) {
    throw new Error(`timeScale must be a positive number, got ${timeScale}`);
  }
  const realStart = Date.now();
  const simulatedStart = options.start?.getTime() ?? realStart;

  return {
    timeScale,
    now() {
      return new Date(simulatedStart + (Date.now() - realStart) * timeScale);
    },
    setTimeout(fn, simulatedMs) {
      const realMs = Math.max(0, simulatedMs / timeScale);
      const timer = setTimeout(fn, realMs);
      timer.unref();
      return () => clearTimeout(timer);
    },
  };
}
