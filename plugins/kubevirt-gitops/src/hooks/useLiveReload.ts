import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';
import type { PolledState } from './usePolling';

/**
 * Reloads a polled resource when the backend signals on `channel` that
 * what it shows has changed (Backstage signals: the fleet snapshot, or one
 * VM's rows), so a page changes within seconds of the upstream instead of
 * at its next poll. A signal that arrives while the browser tab is hidden
 * reloads when it shows again; none reloads after a final error.
 *
 * `live` is {@link useSignalsLive}: while it is true the page does not poll
 * (`usePolling`'s `poll: !live`), so when the connection comes back after
 * a loss this reloads once (signals sent meanwhile were lost).
 *
 * Returns whether signals are available in this app.
 *
 * @public
 */
export function useLiveReload(
  channel: string,
  polled: Pick<PolledState<unknown>, 'reload' | 'paused' | 'stopped'>,
  live = false,
): boolean {
  const { lastSignal, isSignalsAvailable } = useSignal(channel);
  const reload = useRef(polled.reload);
  reload.current = polled.reload;
  const pending = useRef(false);
  const wasLive = useRef(live);
  const lost = useRef(false);

  useEffect(() => {
    if (!lastSignal) return;
    pending.current = true;
  }, [lastSignal]);

  useEffect(() => {
    if (wasLive.current && !live) lost.current = true;
    if (live && lost.current) {
      lost.current = false;
      pending.current = true;
    }
    wasLive.current = live;
  }, [live]);

  useEffect(() => {
    if (pending.current && !polled.paused && !polled.stopped) {
      pending.current = false;
      reload.current();
    }
  }, [lastSignal, live, polled.paused, polled.stopped]);

  return isSignalsAvailable;
}
