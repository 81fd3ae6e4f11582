import { useLiveReload } from './useLiveReload';
import { usePolling, type PolledState } from './usePolling';
import { useSignalsLive } from './useSignalsLive';

/**
 * A resource a page shows and keeps current: loaded at once, reloaded on a
 * signal on `channel`, when the browser tab shows again and on the user's
 * reload; polled every `intervalMs` only while live signals are not
 * arriving (no signals plugin, a signal API that cannot tell, or the
 * connection down). `live` says which of the two it is now.
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
  },
): PolledState<T> & { live: boolean } {
  const live = useSignalsLive();
  const polled = usePolling(load, {
    intervalMs: options.intervalMs,
    key: options.key,
    poll: !live,
    quietReloadMs: options.quietReloadMs,
  });
  useLiveReload(options.channel, polled, live);
  return { ...polled, live };
}
