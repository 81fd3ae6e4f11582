import type { SignalApi } from '@backstage/plugin-signals-react';
import { act } from '@testing-library/react';
import type {
  ObservableSignalApi,
  SignalConnectionState,
} from '../signals/LiveSignalClient';

/**
 * A signal API the test drives: `emit` delivers a signal, `setState` moves
 * the connection. With `observable: false` it is like the stock
 * `SignalClient` (it cannot say whether it is connected).
 */
export function fakeSignals(
  options: { observable?: boolean; state?: SignalConnectionState } = {},
) {
  const listeners = new Map<string, Array<(message: object) => void>>();
  const stateListeners = new Set<(state: SignalConnectionState) => void>();
  let state: SignalConnectionState = options.state ?? 'connecting';
  const subscribe: SignalApi['subscribe'] = (channel, onMessage) => {
    const list = listeners.get(channel) ?? [];
    list.push(onMessage as (message: object) => void);
    listeners.set(channel, list);
    return {
      unsubscribe: () =>
        listeners.set(
          channel,
          (listeners.get(channel) ?? []).filter(l => l !== onMessage),
        ),
    };
  };
  const observable: ObservableSignalApi = {
    subscribe,
    getConnectionState: () => state,
    onConnectionStateChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };
  return {
    api: (options.observable ?? true ? observable : { subscribe }) as SignalApi,
    setState(next: SignalConnectionState) {
      state = next;
      act(() => stateListeners.forEach(l => l(next)));
    },
    emit(channel: string, message: object = { kind: 'vm' }) {
      act(() => (listeners.get(channel) ?? []).forEach(l => l(message)));
    },
  };
}
