import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The state of a resource loaded now and then again every interval.
 *
 * @public
 */
export interface PolledState<T> {
  /** The last value that loaded; kept while reloading and when a reload fails. */
  value?: T;
  /** The error of the last load, cleared by the next success. */
  error?: Error;
  /** True until the first load settles. */
  loading: boolean;
  /** True while a reload runs (the last value stays on screen). */
  refreshing: boolean;
  /** When the value last loaded. */
  updatedAt?: Date;
  /** True while the browser tab is hidden: no requests are made. */
  paused: boolean;
  /** Loads now (and restarts the interval). */
  reload: () => void;
}

type Loader<T> = (signal: AbortSignal) => Promise<T>;

interface Snapshot<T> {
  value?: T;
  error?: Error;
  loading: boolean;
  refreshing: boolean;
  updatedAt?: Date;
}

const INITIAL = { loading: true, refreshing: false };

function isHidden(): boolean {
  return (
    typeof document !== 'undefined' && document.visibilityState === 'hidden'
  );
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Loads a resource, then again `intervalMs` after each load settles. While
 * the browser tab is hidden nothing is requested; when it shows again, the
 * resource reloads at once if it is older than the interval. A new `key`
 * (e.g. another entity) starts over; an unmount aborts the request in flight.
 *
 * @public
 */
export function usePolling<T>(
  load: Loader<T>,
  options: { intervalMs: number; key: string },
): PolledState<T> {
  const { intervalMs, key } = options;
  const [snapshot, setSnapshot] = useState<Snapshot<T>>(INITIAL);
  const [paused, setPaused] = useState(isHidden);
  const loadRef = useRef(load);
  loadRef.current = load;
  const runRef = useRef<() => void>(() => {});

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    let disposed = false;
    let lastStart = 0;

    const schedule = (delay: number) => {
      clearTimeout(timer);
      timer = isHidden() ? undefined : setTimeout(run, delay);
    };

    async function run() {
      clearTimeout(timer);
      controller?.abort();
      const current = new AbortController();
      controller = current;
      lastStart = Date.now();
      setSnapshot(previous => ({
        ...previous,
        loading: previous.value === undefined && previous.error === undefined,
        refreshing:
          previous.value !== undefined || previous.error !== undefined,
      }));
      try {
        const value = await loadRef.current(current.signal);
        if (!disposed && !current.signal.aborted) {
          setSnapshot({
            value,
            loading: false,
            refreshing: false,
            updatedAt: new Date(),
          });
        }
      } catch (error) {
        if (!disposed && !current.signal.aborted) {
          setSnapshot(previous => ({
            ...previous,
            error: toError(error),
            loading: false,
            refreshing: false,
          }));
        }
      }
      if (!disposed && !current.signal.aborted) {
        schedule(intervalMs);
      }
    }

    const onVisibilityChange = () => {
      if (isHidden()) {
        clearTimeout(timer);
        setPaused(true);
        return;
      }
      setPaused(false);
      const age = Date.now() - lastStart;
      if (age >= intervalMs) {
        run();
      } else {
        schedule(intervalMs - age);
      }
    };

    setSnapshot(INITIAL);
    runRef.current = run;
    document.addEventListener('visibilitychange', onVisibilityChange);
    run();
    return () => {
      disposed = true;
      clearTimeout(timer);
      controller?.abort();
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [key, intervalMs]);

  const reload = useCallback(() => runRef.current(), []);
  return { ...snapshot, paused, reload };
}
