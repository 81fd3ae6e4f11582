import type { Clock } from '../../contracts';

/** A clock that only moves when a test advances it; timers fire in order, synchronously. */
export function createManualClock(start = Date.parse('2025-06-02T09:00:00Z')) {
  let current = start;
  let sequence = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();

  const clock: Clock & { advance(ms: number): void } = {
    timeScale: 1,
    now: () => new Date(current),
    setTimeout(fn, simulatedMs) {
      const id = sequence++;
      timers.set(id, { at: current + Math.max(0, simulatedMs), fn });
      return () => {
        timers.delete(id);
      };
    },
    /** Moves time forward by `ms`, firing every timer due on the way (also ones they set). */
    advance(ms: number) {
      const target = current + ms;
      for (;;) {
        let next: [number, { at: number; fn: () => void }] | undefined;
        for (const entry of timers) {
          if (entry[1].at <= target && (!next || entry[1].at < next[1].at))
            next = entry;
        }
        if (!next) break;
        timers.delete(next[0]);
        current = Math.max(current, next[1].at);
        next[1].fn();
      }
      current = target;
    },
  };
  return clock;
}
