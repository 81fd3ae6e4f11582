/*
 * Reconnect delays: exponential with full jitter (a random delay between
 * half and all of the current step), so replicas and watches that lost the
 * same upstream do not come back in lockstep.
 */

/** Delays between reconnect attempts. */
export interface Backoff {
  /** The delay before the next attempt (ms); each call doubles the step up to the cap. */
  next(): number;
  /** Back to the first step (after a connection that worked). */
  reset(): void;
}

/** Options of {@link createBackoff}. */
export interface BackoffOptions {
  /** The first step (default 500 ms). */
  initialMs?: number;
  /** The largest step (default 30 s). */
  maxMs?: number;
  random?: () => number;
}

/** Creates a backoff. */
export function createBackoff(options: BackoffOptions = {}): Backoff {
  const initialMs = options.initialMs ?? 500;
  const maxMs = options.maxMs ?? 30_000;
  const random = options.random ?? Math.random;
  let step = initialMs;
  return {
    next() {
      const delay = Math.round(step / 2 + (random() * step) / 2);
      step = Math.min(maxMs, step * 2);
      return delay;
    },
    reset() {
      step = initialMs;
    },
  };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}
