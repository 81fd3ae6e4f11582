/*
 * GitHub's primary rate limit, per token and hour of simulated time: every
 * response carries x-ratelimit-limit/-remaining/-used/-reset/-resource.
 */
import type { Clock } from '../../contracts';

interface Window {
  used: number;
  resetEpochSeconds: number;
}

export interface RateLimitStatus {
  headers: Record<string, string>;
  exceeded: boolean;
}

const WINDOW_SECONDS = 3600;
const UNAUTHENTICATED_LIMIT = 60;

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly clock: Clock, private readonly limit: number) {}

  /** Counts one request for `key` (a token, or undefined when unauthenticated). */
  consume(key: string | undefined, resource = 'core'): RateLimitStatus {
    const limit = key === undefined ? UNAUTHENTICATED_LIMIT : this.limit;
    const bucket = `${key ?? ''}\0${resource}`;
    const nowSeconds = Math.floor(this.clock.now().getTime() / 1000);
    let window = this.windows.get(bucket);
    if (!window || window.resetEpochSeconds <= nowSeconds) {
      window = { used: 0, resetEpochSeconds: nowSeconds + WINDOW_SECONDS };
      this.windows.set(bucket, window);
    }
    window.used += 1;
    return {
      exceeded: window.used > limit,
      headers: {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(Math.max(0, limit - window.used)),
        'x-ratelimit-reset': String(window.resetEpochSeconds),
        'x-ratelimit-used': String(Math.min(window.used, limit)),
        'x-ratelimit-resource': resource,
      },
    };
  }
}
