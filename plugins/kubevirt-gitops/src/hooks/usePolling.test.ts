import { act, renderHook } from '@testing-library/react';
import { usePolling } from './usePolling';

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Lets pending promise callbacks run. */
async function flush() {
  await act(async () => {
    await Promise.resolve();
  });
}

describe('usePolling', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    setVisibility('visible');
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('loads at once, then again after each interval', async () => {
    let n = 0;
    const load = jest.fn(async () => ++n);
    const { result } = renderHook(() =>
      usePolling(load, { intervalMs: 1000, key: 'a' }),
    );
    expect(result.current.loading).toBe(true);
    await flush();
    expect(result.current.value).toBe(1);
    expect(result.current.loading).toBe(false);

    await act(async () => {
      jest.advanceTimersByTime(1000);
    });
    await flush();
    expect(result.current.value).toBe(2);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('makes no request while the browser tab is hidden, and reloads when it shows', async () => {
    const load = jest.fn(async () => 'ok');
    const { result } = renderHook(() =>
      usePolling(load, { intervalMs: 1000, key: 'a' }),
    );
    await flush();
    expect(load).toHaveBeenCalledTimes(1);

    act(() => setVisibility('hidden'));
    expect(result.current.paused).toBe(true);
    await act(async () => {
      jest.advanceTimersByTime(10_000);
    });
    expect(load).toHaveBeenCalledTimes(1);

    act(() => setVisibility('visible'));
    await flush();
    expect(result.current.paused).toBe(false);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps the last value when a reload fails, and clears the error on success', async () => {
    let fail = false;
    const load = jest.fn(async () => {
      if (fail) {
        throw new Error('boom');
      }
      return 'v';
    });
    const { result } = renderHook(() =>
      usePolling(load, { intervalMs: 1000, key: 'a' }),
    );
    await flush();
    fail = true;
    await act(async () => {
      result.current.reload();
    });
    await flush();
    expect(result.current.value).toBe('v');
    expect(result.current.error?.message).toBe('boom');

    fail = false;
    await act(async () => {
      jest.advanceTimersByTime(1000);
    });
    await flush();
    expect(result.current.error).toBeUndefined();
  });

  it('aborts the request in flight on unmount and ignores its answer', async () => {
    const signals: AbortSignal[] = [];
    const load = jest.fn(
      (signal: AbortSignal) =>
        new Promise<string>(resolve => {
          signals.push(signal);
          setTimeout(() => resolve('late'), 500);
        }),
    );
    const { unmount } = renderHook(() =>
      usePolling(load, { intervalMs: 1000, key: 'a' }),
    );
    unmount();
    expect(signals[0].aborted).toBe(true);
    await act(async () => {
      jest.advanceTimersByTime(5000);
    });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('starts over for a new key', async () => {
    const load = jest.fn(async () => 'x');
    const { result, rerender } = renderHook(
      ({ key }) => usePolling(load, { intervalMs: 1000, key }),
      { initialProps: { key: 'a' } },
    );
    await flush();
    rerender({ key: 'b' });
    expect(result.current.loading).toBe(true);
    await flush();
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.value).toBe('x');
  });
});

describe('usePolling after a final answer', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    setVisibility('visible');
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  const failing = (statusCode: number) =>
    Object.assign(new Error(`answered ${statusCode}`), { statusCode });

  it.each([400, 401, 403, 404])(
    'stops polling after %i until reload',
    async statusCode => {
      let fail = true;
      const load = jest.fn(async () => {
        if (fail) throw failing(statusCode);
        return 'v';
      });
      const { result } = renderHook(() =>
        usePolling(load, { intervalMs: 1000, key: 'a' }),
      );
      await flush();
      expect(result.current.error?.message).toBe(`answered ${statusCode}`);
      expect(result.current.stopped).toBe(true);
      await act(async () => {
        jest.advanceTimersByTime(10_000);
      });
      act(() => setVisibility('hidden'));
      act(() => setVisibility('visible'));
      await flush();
      expect(load).toHaveBeenCalledTimes(1);

      fail = false;
      await act(async () => {
        result.current.reload();
        await Promise.resolve();
      });
      await flush();
      expect(result.current.value).toBe('v');
      expect(result.current.stopped).toBe(false);
      await act(async () => {
        jest.advanceTimersByTime(1000);
      });
      await flush();
      expect(load).toHaveBeenCalledTimes(3);
    },
  );

  it('keeps polling after a 503 or a network error', async () => {
    let calls = 0;
    const load = jest.fn(async () => {
      calls += 1;
      if (calls === 1) throw failing(503);
      if (calls === 2) throw new TypeError('Failed to fetch');
      return 'v';
    });
    const { result } = renderHook(() =>
      usePolling(load, { intervalMs: 1000, key: 'a' }),
    );
    await flush();
    expect(result.current.stopped).toBe(false);
    for (let i = 0; i < 2; i++) {
      await act(async () => {
        jest.advanceTimersByTime(1000);
      });
      await flush();
    }
    expect(load).toHaveBeenCalledTimes(3);
    expect(result.current.value).toBe('v');
  });
});

describe('usePolling while something else says when to reload (poll: false)', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    setVisibility('visible');
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('loads at once, then not again on its own; reload still loads', async () => {
    const load = jest.fn(async () => 'v');
    const { result } = renderHook(() =>
      usePolling(load, { intervalMs: 1000, key: 'a', poll: false }),
    );
    await flush();
    expect(result.current.value).toBe('v');
    await act(async () => {
      jest.advanceTimersByTime(60_000);
    });
    await flush();
    expect(load).toHaveBeenCalledTimes(1);
    expect(result.current.pollTicks).toBe(0);

    await act(async () => {
      result.current.reload();
    });
    await flush();
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.pollTicks).toBe(0);
  });

  it('reloads when the tab shows again with a value older than the interval, and not when it is younger', async () => {
    const load = jest.fn(async () => 'v');
    renderHook(() =>
      usePolling(load, { intervalMs: 1000, key: 'a', poll: false }),
    );
    await flush();
    act(() => setVisibility('hidden'));
    act(() => setVisibility('visible'));
    await flush();
    expect(load).toHaveBeenCalledTimes(1);

    act(() => setVisibility('hidden'));
    await act(async () => {
      jest.advanceTimersByTime(5000);
    });
    act(() => setVisibility('visible'));
    await flush();
    expect(load).toHaveBeenCalledTimes(2);
    await act(async () => {
      jest.advanceTimersByTime(60_000);
    });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('resumes the interval from the last load when polling turns back on, and stops it when it turns off', async () => {
    const load = jest.fn(async () => 'v');
    const { result, rerender } = renderHook(
      ({ poll }) => usePolling(load, { intervalMs: 1000, key: 'a', poll }),
      { initialProps: { poll: true } },
    );
    await flush();
    rerender({ poll: false });
    await act(async () => {
      jest.advanceTimersByTime(3000);
    });
    expect(load).toHaveBeenCalledTimes(1);

    // the last load is 3 s old: polling again loads at once
    rerender({ poll: true });
    await flush();
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.pollTicks).toBe(1);
    await act(async () => {
      jest.advanceTimersByTime(1000);
    });
    await flush();
    expect(load).toHaveBeenCalledTimes(3);
    expect(result.current.pollTicks).toBe(2);

    // turned on 400 ms after a load: the next tick comes 600 ms later
    rerender({ poll: false });
    await act(async () => {
      jest.advanceTimersByTime(400);
    });
    rerender({ poll: true });
    await act(async () => {
      jest.advanceTimersByTime(599);
    });
    expect(load).toHaveBeenCalledTimes(3);
    await act(async () => {
      jest.advanceTimersByTime(1);
    });
    await flush();
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('reloads after quietReloadMs without a load, not counted as a poll tick', async () => {
    const load = jest.fn(async () => 'v');
    const { result } = renderHook(() =>
      usePolling(load, {
        intervalMs: 1000,
        key: 'a',
        poll: false,
        quietReloadMs: 10_000,
      }),
    );
    await flush();
    await act(async () => {
      jest.advanceTimersByTime(9_999);
    });
    expect(load).toHaveBeenCalledTimes(1);
    await act(async () => {
      jest.advanceTimersByTime(1);
    });
    await flush();
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.pollTicks).toBe(0);
  });
});
