import { useEffect, useState } from 'react';
import { useLiveReload } from './useLiveReload';
import { usePolling, type PolledState } from './usePolling';
import { useSignalsLive } from './useSignalsLive';

/**
 * A resource a page shows and keeps current: loaded at once, reloaded on a
 * signal on `channel`, when the browser tab shows again and on the user's
 * reload; polled every `intervalMs` while live signals are not arriving
 * (no signals plugin, a signal API that cannot tell, or the connection
 * down), and while the last answer says a change is pending that the
 * backend's signals do not announce (`settled` returns false, or the last
 * load failed). `live` says whether signals arrive; `pending` whether it
 * polls anyway.
 *
 * `quietReloadMs` reloads a live page after that long without a load: the
 * backend signals a VM only to pages that asked for it recently.
 */
export function useLiveResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  options: {
    intervalMs: number;
    key: string;
    channel: string;
    quietReloadMs?: number;
    /**
     * Whether an answer is at rest: every change to it from here is one the
     * backend signals on `channel`. Default: always.
     */
    settled?: (value: T) => boolean;
  },
): PolledState<T> & { live: boolean; pending: boolean } {
  const live = useSignalsLive();
  const [pending, setPending] = useState(false);
  const polled = usePolling(load, {
    intervalMs: options.intervalMs,
    key: options.key,
    poll: !live || pending,
    quietReloadMs: options.quietReloadMs,
  });
  useLiveReload(options.channel, polled, live);
  const { settled } = options;
  const { value, error, loading } = polled;
  useEffect(() => {
    if (loading) return;
    setPending(
      error !== undefined ||
        (value !== undefined && settled !== undefined && !settled(value)),
    );
  }, [value, error, loading, settled]);
  return { ...polled, live, pending };
}
