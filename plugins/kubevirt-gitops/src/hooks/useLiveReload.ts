import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';
import type { PolledState } from './usePolling';

/**
 * Reloads a polled resource when the backend signals on `channel` that
 * what it shows has changed (Backstage signals: the fleet snapshot, or one
 * VM's rows), so a page changes within seconds of the upstream instead of
 * at its next poll. Polling goes on as before: signals are a push on top
 * (the app may run without the signals plugin, and pull requests are not
 * signalled yet). A signal that arrives while the browser tab is hidden
 * reloads when it shows again; none reloads after a final error.
 *
 * Returns whether signals are available in this app.
 *
 * @public
 */
export function useLiveReload(
  channel: string,
  polled: Pick<PolledState<unknown>, 'reload' | 'paused' | 'stopped'>,
): boolean {
  const { lastSignal, isSignalsAvailable } = useSignal(channel);
  const reload = useRef(polled.reload);
  reload.current = polled.reload;
  const pending = useRef(false);

  useEffect(() => {
    if (!lastSignal) return;
    pending.current = true;
  }, [lastSignal]);

  useEffect(() => {
    if (pending.current && !polled.paused && !polled.stopped) {
      pending.current = false;
      reload.current();
    }
  }, [lastSignal, polled.paused, polled.stopped]);

  return isSignalsAvailable;
}
