import { useLiveReload } from './useLiveReload';
import { usePolling, type PolledState } from './usePolling';
import { useSignalsLive } from './useSignalsLive';

/**
 * A resource a page shows and keeps current: loaded at once, reloaded on a
 * signal on `channel`, when the browser tab shows again and on the user's
 * reload; polled every `intervalMs` only while live signals are not
 * arriving (no signals plugin, a signal API that cannot tell, or the
 * connection down). While they arrive it does not poll at all, whatever
 * the answer says: the backend signals a VM's channel whenever the VM
 * route's answer changes, pending changes included. `live` says which of
 * the two it is now.
 *
 * `quietReloadMs` reloads a live page after that long without a load (not
 * a poll tick): the backend signals a VM only to pages that asked for it
 * recently.
 *
 * `settled` is information only (the tab's `data-pending`): whether the
 * answer is at rest. It does not change when the resource loads.
 */
export function useLiveResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  options: {
    intervalMs: number;
    key: string;
    channel: string;
    quietReloadMs?: number;
    /** Whether an answer is at rest (information only). Default: always. */
    settled?: (value: T) => boolean;
  },
): PolledState<T> & { live: boolean; pending: boolean } {
  const live = useSignalsLive();
  const polled = usePolling(load, {
    intervalMs: options.intervalMs,
    key: options.key,
    poll: !live,
    quietReloadMs: options.quietReloadMs,
  });
  useLiveReload(options.channel, polled, live);
  const { settled } = options;
  const { value, error } = polled;
  const pending =
    error !== undefined ||
    (value !== undefined && settled !== undefined && !settled(value));
  return { ...polled, live, pending };
}
