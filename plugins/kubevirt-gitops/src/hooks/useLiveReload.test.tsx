import { TestApiProvider } from '@backstage/test-utils';
import { signalApiRef, type SignalApi } from '@backstage/plugin-signals-react';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { useLiveReload } from './useLiveReload';

function fakeSignals() {
  const listeners = new Map<string, Array<(message: object) => void>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
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
    },
  };
  const emit = (channel: string, message: object) =>
    act(() => (listeners.get(channel) ?? []).forEach(l => l(message)));
  return { api, emit };
}

describe('useLiveReload', () => {
  it('reloads once per signal on its channel, and not for other channels', () => {
    const signals = fakeSignals();
    const reload = jest.fn();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[signalApiRef, signals.api]]}>
        {children}
      </TestApiProvider>
    );
    const { result } = renderHook(
      () =>
        useLiveReload('kubevirt-gitops:vm:resource:default/web', {
          reload,
          paused: false,
          stopped: false,
        }),
      { wrapper },
    );
    expect(result.current).toBe(true);
    expect(reload).not.toHaveBeenCalled();
    signals.emit('kubevirt-gitops:vm:resource:default/web', { kind: 'vm' });
    expect(reload).toHaveBeenCalledTimes(1);
    signals.emit('kubevirt-gitops:vm:resource:default/db', { kind: 'vm' });
    expect(reload).toHaveBeenCalledTimes(1);
    signals.emit('kubevirt-gitops:vm:resource:default/web', { kind: 'vm' });
    expect(reload).toHaveBeenCalledTimes(2);
  });

  it('keeps a signal that came while the tab was hidden for when it shows, and none after a final error', () => {
    const signals = fakeSignals();
    const reload = jest.fn();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[signalApiRef, signals.api]]}>
        {children}
      </TestApiProvider>
    );
    const { rerender } = renderHook(
      (state: { paused: boolean; stopped: boolean }) =>
        useLiveReload('kubevirt-gitops:fleet', { reload, ...state }),
      { wrapper, initialProps: { paused: true, stopped: false } },
    );
    signals.emit('kubevirt-gitops:fleet', { kind: 'fleet' });
    expect(reload).not.toHaveBeenCalled();
    rerender({ paused: false, stopped: false });
    expect(reload).toHaveBeenCalledTimes(1);
    rerender({ paused: false, stopped: true });
    signals.emit('kubevirt-gitops:fleet', { kind: 'fleet' });
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('says when the app has no signals, and reloads nothing', () => {
    const reload = jest.fn();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[]}>{children}</TestApiProvider>
    );
    const { result } = renderHook(
      () =>
        useLiveReload('kubevirt-gitops:fleet', {
          reload,
          paused: false,
          stopped: false,
        }),
      { wrapper },
    );
    expect(result.current).toBe(false);
    expect(reload).not.toHaveBeenCalled();
  });
});
