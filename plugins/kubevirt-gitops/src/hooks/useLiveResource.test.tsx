import { TestApiProvider } from '@backstage/test-utils';
import { signalApiRef, type SignalApi } from '@backstage/plugin-signals-react';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { fakeSignals } from '../__testUtils__/signals';
import { useLiveResource } from './useLiveResource';

const CHANNEL = 'kubevirt-gitops:vm:resource:default/web';

async function flush() {
  await act(async () => {
    await Promise.resolve();
  });
}

async function advance(ms: number) {
  await act(async () => {
    jest.advanceTimersByTime(ms);
  });
  await flush();
}

function render(apis: Array<readonly [typeof signalApiRef, SignalApi]>) {
  const load = jest.fn(async () => 'rows');
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={apis as never}>{children}</TestApiProvider>
  );
  const hook = renderHook(
    () =>
      useLiveResource(load, {
        intervalMs: 1000,
        key: 'resource:default/web',
        channel: CHANNEL,
      }),
    { wrapper },
  );
  return { load, ...hook };
}

describe('useLiveResource', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('polls at the interval in an app without signals', async () => {
    const { load, result } = render([]);
    await flush();
    await advance(1000);
    await advance(1000);
    expect(load).toHaveBeenCalledTimes(3);
    expect(result.current.live).toBe(false);
    expect(result.current.pollTicks).toBe(2);
  });

  it('polls, and reloads on signals too, with a signal API that cannot say whether it is connected', async () => {
    const signals = fakeSignals({ observable: false });
    const { load, result } = render([[signalApiRef, signals.api]]);
    await flush();
    await advance(1000);
    expect(load).toHaveBeenCalledTimes(2);
    signals.emit(CHANNEL);
    await flush();
    expect(load).toHaveBeenCalledTimes(3);
    expect(result.current.live).toBe(false);
  });

  it('does not poll while the connection is open: loads on signals only; polls again once it is lost, and reloads once when it is back', async () => {
    const signals = fakeSignals();
    const { load, result } = render([[signalApiRef, signals.api]]);
    await flush();
    signals.setState('open');
    expect(result.current.live).toBe(true);
    await advance(30_000);
    expect(load).toHaveBeenCalledTimes(1);
    expect(result.current.pollTicks).toBe(0);

    signals.emit(CHANNEL);
    await flush();
    expect(load).toHaveBeenCalledTimes(2);
    signals.emit('kubevirt-gitops:vm:resource:default/other');
    await flush();
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.pollTicks).toBe(0);

    // lost 5 s after the last load: one at once, then every interval
    await advance(5000);
    expect(load).toHaveBeenCalledTimes(2);
    signals.setState('closed');
    await flush();
    expect(result.current.live).toBe(false);
    expect(load).toHaveBeenCalledTimes(3);
    await advance(1000);
    expect(load).toHaveBeenCalledTimes(4);
    expect(result.current.pollTicks).toBe(2);

    // back: one reload (signals sent meanwhile are lost), then no polling
    signals.setState('open');
    await flush();
    expect(load).toHaveBeenCalledTimes(5);
    await advance(30_000);
    expect(load).toHaveBeenCalledTimes(5);
    expect(result.current.pollTicks).toBe(2);
  });
});

describe('useLiveResource with a settled rule', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('says whether the answer is at rest, but does not poll while live either way (a failed load included); polls once the connection is lost', async () => {
    const signals = fakeSignals({ state: 'open' });
    const answers: Array<string | Error> = ['moving'];
    const load = jest.fn(async () => {
      const next = answers.length > 1 ? answers.shift() : answers[0];
      if (next instanceof Error) throw next;
      return next as string;
    });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[signalApiRef, signals.api]]}>
        {children}
      </TestApiProvider>
    );
    const { result } = renderHook(
      () =>
        useLiveResource(load, {
          intervalMs: 1000,
          key: 'k',
          channel: CHANNEL,
          quietReloadMs: 300_000,
          settled: (value: string) => value === 'still',
        }),
      { wrapper },
    );
    await flush();
    await flush();
    expect(result.current.live).toBe(true);
    expect(result.current.value).toBe('moving');
    expect(result.current.pending).toBe(true);
    await advance(30_000);
    expect(load).toHaveBeenCalledTimes(1);
    expect(result.current.pollTicks).toBe(0);

    // the signal brings the next step
    answers.splice(0, answers.length, 'still');
    signals.emit(CHANNEL);
    await flush();
    await flush();
    expect(result.current.value).toBe('still');
    expect(result.current.pending).toBe(false);

    // a failed load is pending too, and still does not poll
    answers.splice(0, answers.length, new Error('503'), 'still');
    signals.emit(CHANNEL);
    await flush();
    await flush();
    expect(result.current.error?.message).toBe('503');
    expect(result.current.pending).toBe(true);
    await advance(30_000);
    expect(load).toHaveBeenCalledTimes(3);

    // five quiet minutes: one reload that is not a poll tick
    await advance(300_000);
    expect(load).toHaveBeenCalledTimes(4);
    expect(result.current.pollTicks).toBe(0);
    expect(result.current.pending).toBe(false);

    // the connection lost: it polls at the interval
    signals.setState('closed');
    await flush();
    await advance(1000);
    await advance(1000);
    expect(load.mock.calls.length).toBeGreaterThanOrEqual(6);
    expect(result.current.pollTicks).toBeGreaterThan(0);
  });
});
