/*
 * A small in-process cache with a time to live whose loads are coalesced:
 * identical concurrent requests share one upstream call. Failed loads are
 * not cached. Bounded: the oldest entries go first.
 */

/** Options of {@link createTtlCache}. */
export interface TtlCacheOptions {
  ttlMs: number;
  /** Most entries kept (default 10,000). */
  maxEntries?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** A coalescing TTL cache. */
export interface TtlCache<T> {
  /** The cached value, or the result of `load` (shared by concurrent callers). */
  get(key: string, load: () => Promise<T>): Promise<T>;
  delete(key: string): void;
}

/** Creates a {@link TtlCache}. */
export function createTtlCache<T>(options: TtlCacheOptions): TtlCache<T> {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const values = new Map<string, { value: T; expiresAt: number }>();
  const pending = new Map<string, Promise<T>>();

  function remember(key: string, value: T): void {
    values.delete(key);
    values.set(key, { value, expiresAt: now() + options.ttlMs });
    while (values.size > maxEntries) {
      const oldest = values.keys().next();
      if (oldest.done) break;
      values.delete(oldest.value);
    }
  }

  return {
    get(key, load) {
      const cached = values.get(key);
      if (cached && cached.expiresAt > now()) {
        return Promise.resolve(cached.value);
      }
      const running = pending.get(key);
      if (running) {
        return running;
      }
      const promise = load().then(
        value => {
          pending.delete(key);
          remember(key, value);
          return value;
        },
        (error: unknown) => {
          pending.delete(key);
          throw error;
        },
      );
      pending.set(key, promise);
      return promise;
    },
    delete(key) {
      values.delete(key);
    },
  };
}

/** Coalesces concurrent calls of the same key into one (no caching after). */
export function createSingleFlight<T>(): (
  key: string,
  run: () => Promise<T>,
) => Promise<T> {
  const pending = new Map<string, Promise<T>>();
  return (key, run) => {
    const running = pending.get(key);
    if (running) {
      return running;
    }
    const promise = run().finally(() => pending.delete(key));
    pending.set(key, promise);
    return promise;
  };
}
