/*
 * One replica watches at a time: two replicas' leaderships over one shared
 * cache (the in-memory cache service, as replicas share Redis), with
 * watches that only record whether they run.
 */
import { CacheManager } from '@backstage/backend-defaults/cache';
import type { CacheService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createWatchLeadership, type UpstreamWatches } from '.';

function recordingWatches(): UpstreamWatches & { starts: number } {
  let running = false;
  const watches = {
    starts: 0,
    get running() {
      return running;
    },
    start() {
      if (running) return;
      running = true;
      watches.starts += 1;
    },
    async stop() {
      running = false;
    },
    status: () => [],
    whenSettled: async () => true,
    admitListPart: (part: Parameters<UpstreamWatches['admitListPart']>[0]) =>
      part,
  };
  return watches;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('watch leadership', () => {
  let cache: CacheService;
  const leaderships: Array<{ release(): Promise<void> }> = [];

  function replica(name: string, leaseTtlMs = 300) {
    const watches = recordingWatches();
    const leadership = createWatchLeadership({
      cache,
      watches,
      logger: mockServices.logger.mock(),
      leaseTtlMs,
      renewMs: 50,
      replicaId: name,
    });
    leaderships.push(leadership);
    return { watches, leadership };
  }

  beforeEach(() => {
    cache = CacheManager.fromConfig(new ConfigReader({})).forPlugin(
      'kubevirt-gitops',
    );
  });

  afterEach(async () => {
    await Promise.all(leaderships.splice(0).map(l => l.release()));
  });

  it('lets the first replica that runs the task watch, and keeps the other out while it renews', async () => {
    const a = replica('a');
    const b = replica('b');
    expect(await a.leadership.watchedAnywhere()).toBe(false);
    await a.leadership.runTask();
    expect(a.watches.running).toBe(true);
    expect(a.leadership.leading).toBe(true);
    // past the lease's lifetime: the renewals keep it
    for (let i = 0; i < 8; i += 1) {
      await sleep(100);
      await b.leadership.runTask();
    }
    expect(b.watches.running).toBe(false);
    expect(b.leadership.leading).toBe(false);
    expect(await b.leadership.watchedAnywhere()).toBe(true);
    // the same replica running the task again does not restart its watches
    await a.leadership.runTask();
    expect(a.watches.starts).toBe(1);
  });

  it('hands over when the holder shuts down, at the next run of the task', async () => {
    const a = replica('a');
    const b = replica('b');
    await a.leadership.runTask();
    await a.leadership.release();
    expect(a.watches.running).toBe(false);
    expect(await b.leadership.watchedAnywhere()).toBe(false);
    await b.leadership.runTask();
    expect(b.watches.running).toBe(true);
    expect(a.watches.running).toBe(false);
  });

  it('takes over from a holder that died (stopped renewing) once its lease expired', async () => {
    const b = replica('b');
    // a replica that took the lease and died: no renewals
    await cache.set(
      'kubevirt-gitops/upstream-watch/lease',
      { owner: 'dead', renewedAt: new Date().toISOString() },
      { ttl: 200 },
    );
    await b.leadership.runTask();
    expect(b.watches.running).toBe(false);
    await sleep(300);
    await b.leadership.runTask();
    expect(b.watches.running).toBe(true);
  });

  it('stops watching when another replica holds the lease', async () => {
    const a = replica('a');
    await a.leadership.runTask();
    expect(a.watches.running).toBe(true);
    // another replica took the lease (e.g. it ran the task while a's
    // renewals could not reach the cache)
    await cache.set(
      'kubevirt-gitops/upstream-watch/lease',
      { owner: 'c', renewedAt: new Date().toISOString() },
      { ttl: 5000 },
    );
    await sleep(200);
    expect(a.watches.running).toBe(false);
    expect(a.leadership.leading).toBe(false);
    expect(await a.leadership.watchedAnywhere()).toBe(true);
  });
  it('says no one watches when the cache cannot be read, so the scheduled lists run', async () => {
    const failing: CacheService = {
      get: async () => {
        throw new Error('cache unreachable');
      },
      set: async () => {
        throw new Error('cache unreachable');
      },
      delete: async () => undefined,
      withOptions: () => failing,
    };
    const watches = recordingWatches();
    const leadership = createWatchLeadership({
      cache: failing,
      watches,
      logger: mockServices.logger.mock(),
    });
    expect(await leadership.watchedAnywhere()).toBe(false);
    await expect(leadership.runTask()).rejects.toThrow('cache unreachable');
    expect(watches.running).toBe(false);
  });

  it('a released replica does not take the lease again when the scheduler runs the task during shutdown', async () => {
    const a = replica('a');
    await a.leadership.runTask();
    expect(a.watches.running).toBe(true);
    await a.leadership.release();
    expect(a.watches.running).toBe(false);
    await a.leadership.runTask(); // the task fires once more while stopping
    expect(a.watches.running).toBe(false);
    expect(a.watches.starts).toBe(1);
    expect(await a.leadership.watchedAnywhere()).toBe(false);
  });
});
