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
  /**
   * True after an answer that asking again cannot change (400, 401, 403,
   * 404): polling stops until `reload` or a new key.
   */
  stopped: boolean;
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

/** Answers that polling again cannot change: a bad request, no sign-in, no permission, not found. */
const FINAL_STATUSES = new Set([400, 401, 403, 404]);

/**
 * Whether an error is final for polling: a `ResponseError` (or any error
 * with a `statusCode`) of 400, 401, 403 or 404.
 *
 * @public
 */
export function isFinalPollingError(error: Error): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && FINAL_STATUSES.has(status);
}

/**
 * Loads a resource, then again `intervalMs` after each load settles. While
 * the browser tab is hidden nothing is requested; when it shows again, the
 * resource reloads at once if it is older than the interval. An answer that
 * asking again cannot change ({@link isFinalPollingError}) stops polling
 * until `reload`. A new `key` (e.g. another entity) starts over; an unmount
 * aborts the request in flight.
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
  const [stopped, setStopped] = useState(false);
  const loadRef = useRef(load);
  loadRef.current = load;
  const runRef = useRef<() => void>(() => {});

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    let disposed = false;
    let lastStart = 0;
    let halted = false;

    const schedule = (delay: number) => {
      clearTimeout(timer);
      timer = isHidden() || halted ? undefined : setTimeout(run, delay);
    };

    async function run() {
      clearTimeout(timer);
      controller?.abort();
      halted = false;
      setStopped(false);
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
          const failure = toError(error);
          halted = isFinalPollingError(failure);
          setStopped(halted);
          setSnapshot(previous => ({
            ...previous,
            error: failure,
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
      if (halted) return;
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
  return { ...snapshot, paused, stopped, reload };
}
