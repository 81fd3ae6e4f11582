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
  /**
   * How many loads the interval timer started (not the first load, a
   * reload, the tab showing again): 0 while live signals replace polling.
   */
  pollTicks: number;
  /** Loads now (and restarts the interval). */
  reload: () => void;
}

/**
 * Options of {@link usePolling}.
 *
 * @public
 */
export interface PollingOptions {
  /** How long after a load settles the next one starts, while polling. */
  intervalMs: number;
  /** A new key starts over (e.g. another entity). */
  key: string;
  /**
   * False while something else says when to reload (live signals): no
   * timer runs at `intervalMs`; the resource loads at once, on `reload`,
   * and when the browser tab shows again with a value older than
   * `intervalMs`. Turning it back on resumes the interval from the last
   * load. Default true.
   */
  poll?: boolean;
  /**
   * While `poll` is false, reload anyway after this long without a load
   * (e.g. to keep the backend's interest in the page alive); default never.
   */
  quietReloadMs?: number;
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
 * aborts the request in flight. With `poll: false` (live signals are up)
 * no timer runs at the interval: see {@link PollingOptions}.
 *
 * @public
 */
export function usePolling<T>(
  load: Loader<T>,
  options: PollingOptions,
): PolledState<T> {
  const { intervalMs, key } = options;
  const poll = options.poll ?? true;
  const [snapshot, setSnapshot] = useState<Snapshot<T>>(INITIAL);
  const [paused, setPaused] = useState(isHidden);
  const [stopped, setStopped] = useState(false);
  const [pollTicks, setPollTicks] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const runRef = useRef<() => void>(() => {});
  const retimeRef = useRef<() => void>(() => {});
  const pollRef = useRef(poll);
  pollRef.current = poll;
  const quietRef = useRef(options.quietReloadMs);
  quietRef.current = options.quietReloadMs;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    let disposed = false;
    let lastStart = 0;
    let halted = false;
    let inFlight = false;

    /** The time between loads now: the interval while polling, else the quiet reload (if any). */
    const period = () => (pollRef.current ? intervalMs : quietRef.current);

    const schedule = (delay: number | undefined) => {
      clearTimeout(timer);
      timer =
        isHidden() || halted || delay === undefined
          ? undefined
          : setTimeout(tick, delay);
    };

    /** A load the timer started. */
    function tick() {
      if (pollRef.current) setPollTicks(n => n + 1);
      run();
    }

    /** Polling turned on or off: time the next load from the last one. */
    const retime = () => {
      if (isHidden() || halted || inFlight) return;
      const delay = period();
      if (delay === undefined) {
        schedule(undefined);
        return;
      }
      const age = Date.now() - lastStart;
      if (age >= delay) tick();
      else schedule(delay - age);
    };

    async function run() {
      clearTimeout(timer);
      inFlight = true;
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
        inFlight = false;
        schedule(period());
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
      const delay = period();
      if (age >= intervalMs) {
        run();
      } else if (delay !== undefined) {
        schedule(delay - age);
      }
    };

    setSnapshot(INITIAL);
    runRef.current = run;
    retimeRef.current = retime;
    document.addEventListener('visibilitychange', onVisibilityChange);
    run();
    return () => {
      disposed = true;
      clearTimeout(timer);
      controller?.abort();
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [key, intervalMs]);

  useEffect(() => {
    retimeRef.current();
  }, [poll]);

  const reload = useCallback(() => runRef.current(), []);
  return { ...snapshot, paused, stopped, pollTicks, reload };
}
