import { CacheManager } from '@backstage/backend-defaults/cache';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import type { CacheService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import {
  ARGO_TOKEN,
  ARGO_URL,
  HUB_TOKEN,
  HUB_URL,
  application,
  argoCluster,
  managedCluster,
  managedClusterSet,
} from '../__testUtils__/fixtures';
import {
  argocdHandlers,
  createFakeArgocd,
  createFakeHub,
  hubHandlers,
  type FakeArgocd,
  type FakeHub,
} from '../__testUtils__/fakeUpstreams';
import { createArgocdClient } from '../argocd/ArgocdClient';
import { createOcmHubClient } from '../ocm/OcmHubClient';
import { createRedactor } from '../upstream/errors';
import { createFleetSnapshotService } from './FleetSnapshotService';
import { createSnapshotStore, type SnapshotSource } from './SnapshotStore';
import { SNAPSHOT_FORMAT } from './snapshotTypes';

const server = setupServer();
registerMswTestHooks(server);

const SOURCES: SnapshotSource[] = [
  { source: 'ocm:hub', type: 'hub' },
  { source: 'argocd:main', type: 'argocd' },
];

function setup(
  cache: CacheService,
  options: {
    argocdTimeoutMs?: number;
    maxPartBytes?: number;
    logger?: ReturnType<typeof mockServices.logger.mock>;
  } = {},
) {
  const store = createSnapshotStore({
    cache,
    sources: SOURCES,
    ttlMs: 60_000,
    ...(options.maxPartBytes ? { maxPartBytes: options.maxPartBytes } : {}),
  });
  const service = createFleetSnapshotService({
    hubs: [
      createOcmHubClient({
        hub: {
          name: 'hub',
          connection: {
            type: 'url',
            url: HUB_URL,
            token: HUB_TOKEN,
            tls: { skipTLSVerify: false },
          },
          clusterSets: [],
          timeoutMs: 1000,
          pageSize: 100,
        },
      }),
    ],
    argocd: [
      createArgocdClient({
        instance: {
          name: 'main',
          url: ARGO_URL,
          auth: { type: 'token', token: ARGO_TOKEN },
          tls: { skipTLSVerify: false },
          uiUrl: ARGO_URL,
          timeoutMs: options.argocdTimeoutMs ?? 1000,
        },
      }),
    ],
    store,
    logger: options.logger ?? mockServices.logger.mock(),
    redact: createRedactor([ARGO_TOKEN, HUB_TOKEN]),
  });
  return { store, service };
}

describe('fleet snapshot', () => {
  let cache: CacheService;
  let hub: FakeHub;
  let argocd: FakeArgocd;

  beforeEach(() => {
    cache = CacheManager.fromConfig(new ConfigReader({})).forPlugin(
      'kubevirt-gitops',
    );
    hub = createFakeHub();
    hub.managedClusters.push(
      managedCluster({ name: 'dev-1', env: 'dev' }),
      managedCluster({ name: 'prod-1', env: 'prod' }),
    );
    hub.managedClusterSets.push(managedClusterSet('managed'));
    argocd = createFakeArgocd();
    argocd.clusters.push(argoCluster('dev-1'), argoCluster('prod-1'));
    argocd.applications.push(
      application({ vm: 'web', cluster: 'dev-1' }),
      application({ vm: 'web', cluster: 'prod-1' }),
    );
    server.use(...hubHandlers(hub), ...argocdHandlers(argocd));
  });

  it('costs one list per kind per upstream per refresh, and shares the result through the cache', async () => {
    const replicaA = setup(cache);
    await replicaA.service.refresh();
    expect(
      hub.requests.map(request => request.path.split('/').pop()).sort(),
    ).toEqual([
      'managedclusters',
      'managedclustersets',
      'placementdecisions',
      'placements',
    ]);
    expect(argocd.requests.map(request => request.path).sort()).toEqual([
      '/api/v1/applications',
      '/api/v1/applicationsets',
      '/api/v1/clusters',
    ]);

    const replicaB = setup(cache);
    const snapshot = await replicaB.service.getSnapshot();
    expect(
      snapshot.hubs[0].part?.clusters.map(cluster => cluster.name),
    ).toEqual(['dev-1', 'prod-1']);
    expect(snapshot.argocd[0].part?.applications).toHaveLength(2);
    expect(hub.requests).toHaveLength(4);
    expect(argocd.requests).toHaveLength(3);
  });

  it('runs one refresh for concurrent cold-start readers', async () => {
    const { service } = setup(cache);
    await Promise.all(Array.from({ length: 20 }, () => service.getSnapshot()));
    expect(hub.requests).toHaveLength(4);
    expect(argocd.requests).toHaveLength(3);
  });

  it('publishes OCM data without waiting for a slow ArgoCD', async () => {
    argocd.fault = async () => {
      await delay(800);
      return undefined;
    };
    const writer = setup(cache);
    const reader = setup(cache);
    const refresh = writer.service.refresh();
    await delay(300);
    const early = await reader.store.read();
    expect(early.hubs[0].part?.clusters).toHaveLength(2);
    expect(early.argocd[0].attemptedAt).toBeUndefined();
    await refresh;
  });

  it('keeps the last data of a failing upstream and records why', async () => {
    const { service, store } = setup(cache, { argocdTimeoutMs: 200 });
    await service.refresh();
    argocd.fault = () =>
      HttpResponse.json({ message: 'internal error' }, { status: 500 });
    hub.fault = async () => {
      await delay(2000);
      return undefined;
    };
    await service.refresh();
    const snapshot = await store.read();
    expect(snapshot.argocd[0].part?.applications).toHaveLength(2);
    expect(snapshot.argocd[0].error).toContain(
      'argocd:main answered 500 when listing Applications',
    );
    expect(snapshot.hubs[0].part?.clusters).toHaveLength(2);
    expect(snapshot.hubs[0].error).toContain('did not answer within 1000 ms');
  }, 10_000);

  it('does not fetch an unchanged part again when a refresh only records an error', async () => {
    const { service } = setup(cache);
    await service.refresh();
    let now = 0;
    const reader = createSnapshotStore({
      cache,
      sources: SOURCES,
      ttlMs: 60_000,
      now: () => now,
    });
    await reader.read();
    argocd.fault = () =>
      HttpResponse.json({ message: 'internal error' }, { status: 500 });
    await service.refresh();
    const gets = jest.spyOn(cache, 'get');
    now = 2000;
    const snapshot = await reader.read();
    expect(snapshot.argocd[0].error).toContain('answered 500');
    expect(snapshot.argocd[0].part?.applications).toHaveLength(2);
    // the metas, and the hub's new part; not the unchanged ArgoCD part
    expect(gets.mock.calls.map(([key]) => key)).not.toContain(
      `fleet/v${SNAPSHOT_FORMAT}/argocd:main/part`,
    );
    expect(gets.mock.calls.map(([key]) => key)).toContain(
      `fleet/v${SNAPSHOT_FORMAT}/argocd:main/meta`,
    );
  });

  it('shares no part over the size bound: the last part that fit stays, on every replica, and the snapshot says why', async () => {
    const { service, store } = setup(cache, { maxPartBytes: 2000 });
    await service.refresh();
    const first = await store.read();
    expect(first.argocd[0].part?.applications).toHaveLength(2);
    expect(first.argocd[0].error).toBeUndefined();
    // 200 more Applications: the ArgoCD part no longer fits in 2000 bytes
    for (let i = 0; i < 200; i += 1) {
      argocd.applications.push(
        application({ vm: `vm-${i}`, cluster: 'dev-1' }),
      );
    }
    await service.refresh();
    const reader = createSnapshotStore({
      cache,
      sources: SOURCES,
      ttlMs: 60_000,
    });
    for (const snapshot of [await store.read(), await reader.read()]) {
      expect(snapshot.argocd[0].part?.applications).toHaveLength(2);
      expect(snapshot.argocd[0].error).toMatch(
        /^the argocd:main snapshot part is [\d.]+ KiB as stored \(gzip, base64\), over the 2\.0 KiB bound \(kubevirtGitops\.refresh\.maxSnapshotPartMegabytes\): not shared; the last part that fit stays$/,
      );
      // the hub's part is small: still shared
      expect(snapshot.hubs[0].part?.clusters).toHaveLength(2);
      expect(snapshot.hubs[0].error).toBeUndefined();
    }
    const stored = (await cache.get(
      `fleet/v${SNAPSHOT_FORMAT}/argocd:main/part`,
    )) as string;
    expect(stored.length).toBeLessThanOrEqual(2000);
  });

  it('logs a routine refresh at debug, a change at info and a failure at warn, once', async () => {
    const logger = mockServices.logger.mock();
    const { service } = setup(cache, { logger, argocdTimeoutMs: 200 });
    const lines = () => ({
      info: logger.info.mock.calls.map(
        ([m, meta]) =>
          `${(meta as { source?: string } | undefined)?.source} ${m}`,
      ),
      warn: logger.warn.mock.calls.map(
        ([m, meta]) =>
          `${(meta as { source?: string } | undefined)?.source} ${m}`,
      ),
      debug: logger.debug.mock.calls.length,
    });
    await service.refresh();
    await service.refresh();
    await service.refresh();
    // three refreshes of two sources: the first says what it saw, the
    // others (nothing changed) only at debug
    expect(lines().info.sort()).toEqual([
      'argocd:main Refreshed fleet snapshot part (changed since the last refresh)',
      'ocm:hub Refreshed fleet snapshot part (changed since the last refresh)',
    ]);
    expect(lines().warn).toEqual([]);
    expect(lines().debug).toBe(4);
    expect(logger.info).toHaveBeenCalledTimes(2);
    argocd.applications.push(application({ vm: 'db', cluster: 'dev-1' }));
    await service.refresh();
    expect(logger.info).toHaveBeenCalledTimes(3);
    expect(logger.info).toHaveBeenLastCalledWith(
      'Refreshed fleet snapshot part (changed since the last refresh)',
      expect.objectContaining({ source: 'argocd:main', applications: 3 }),
    );
    argocd.fault = () =>
      HttpResponse.json({ message: 'internal error' }, { status: 500 });
    await service.refresh();
    await service.refresh();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(lines().warn).toEqual([
      'argocd:main Fleet snapshot refresh failed; keeping the last data',
    ]);
    argocd.fault = undefined;
    await service.refresh();
    // recovered: said once at info
    expect(logger.info).toHaveBeenCalledTimes(4);
  });

  it('reads the shared cache at most once per check interval', async () => {
    const { service } = setup(cache);
    await service.refresh();
    let now = 0;
    const gets = jest.spyOn(cache, 'get');
    const store = createSnapshotStore({
      cache,
      sources: SOURCES,
      ttlMs: 60_000,
      checkIntervalMs: 1000,
      now: () => now,
    });
    await store.read();
    const afterFirst = gets.mock.calls.length;
    for (let i = 0; i < 50; i += 1) await store.read();
    expect(gets.mock.calls.length).toBe(afterFirst);
    now = 1500;
    await store.read();
    expect(gets.mock.calls.length).toBe(afterFirst + SOURCES.length);
  });
});
