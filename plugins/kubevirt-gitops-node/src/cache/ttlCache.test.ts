import { createTtlCache } from './ttlCache';

describe('createTtlCache', () => {
  it('shares concurrent loads, caches until the TTL, and does not cache failures', async () => {
    let now = 0;
    const cache = createTtlCache<number>({ ttlMs: 100, now: () => now });
    let loads = 0;
    const load = async () => {
      loads += 1;
      return loads;
    };
    expect(
      await Promise.all([cache.get('a', load), cache.get('a', load)]),
    ).toEqual([1, 1]);
    expect(await cache.get('a', load)).toBe(1);
    now = 150;
    expect(await cache.get('a', load)).toBe(2);
    await expect(
      cache.get('b', async () => Promise.reject(new Error('down'))),
    ).rejects.toThrow('down');
    expect(await cache.get('b', load)).toBe(3);
  });

  it('evicts the oldest entries beyond maxEntries', async () => {
    const cache = createTtlCache<string>({ ttlMs: 10_000, maxEntries: 2 });
    await cache.get('a', async () => 'a1');
    await cache.get('b', async () => 'b1');
    await cache.get('c', async () => 'c1');
    expect(await cache.get('a', async () => 'a2')).toBe('a2');
    expect(await cache.get('c', async () => 'c2')).toBe('c1');
  });
});
