import { smallHub } from './testing/fixtures';
import type { TestHub } from './testing/startTestHub';
import { startTestHub } from './testing/startTestHub';

const CLUSTERS = '/apis/cluster.open-cluster-management.io/v1/managedclusters';

interface WatchEvent {
  type: string;
  object: {
    metadata: {
      name?: string;
      resourceVersion?: string;
      annotations?: Record<string, string>;
    };
  };
}

/** Reads a watch stream until `count` events arrived (or the stream ended). */
async function readEvents(
  response: Response,
  count: number,
  controller: AbortController,
): Promise<WatchEvent[]> {
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  const events: WatchEvent[] = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      events.push(JSON.parse(buffer.slice(0, newline)));
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
    }
  }
  controller.abort();
  return events;
}

describe('hub API wire details', () => {
  let hub: TestHub;
  const get = (path: string, init: RequestInit = {}) =>
    fetch(`${hub.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${hub.token}`, ...init.headers },
    });

  beforeEach(async () => {
    hub = await startTestHub({
      definition: smallHub(),
      watch: { bookmarkIntervalMs: 20 },
    });
  });

  afterEach(async () => {
    await hub.close();
  });

  it('serves discovery for the OCM groups', async () => {
    const groups = await (await get('/apis')).json();
    expect(groups.kind).toBe('APIGroupList');
    expect(groups.groups.map((g: { name: string }) => g.name)).toEqual([
      'cluster.open-cluster-management.io',
      'apps.open-cluster-management.io',
    ]);
    expect(groups.groups[0].preferredVersion).toEqual({
      groupVersion: 'cluster.open-cluster-management.io/v1',
      version: 'v1',
    });
    const resources = await (
      await get('/apis/cluster.open-cluster-management.io/v1beta1')
    ).json();
    expect(resources.resources.map((r: { name: string }) => r.name)).toEqual([
      'placements',
      'placements/status',
      'placementdecisions',
      'placementdecisions/status',
    ]);
    expect((await (await get('/api')).json()).versions).toEqual(['v1']);
    expect(
      (await (await fetch(`${hub.url}/version`)).json()).gitVersion,
    ).toMatch(/^v1\.\d+\.\d+$/);
    expect((await get('/apis/unknown.group/v1')).status).toBe(404);
  });

  it('serves the namespaces a hub has: system ones, those of OCM objects, one per cluster', async () => {
    const list = await (await get('/api/v1/namespaces')).json();
    const names = list.items.map(
      (n: { metadata: { name: string } }) => n.metadata.name,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'argocd',
        'default',
        'dev-1',
        'open-cluster-management',
        'prod-2',
      ]),
    );
    expect((await get('/api/v1/namespaces/argocd')).status).toBe(200);
    const missing = await get('/api/v1/namespaces/nope');
    expect(missing.status).toBe(404);
    expect((await missing.json()).message).toBe('namespaces "nope" not found');
  });

  it('filters by field selector and rejects unsupported ones', async () => {
    const list = await (
      await get(`${CLUSTERS}?fieldSelector=metadata.name%3Dprod-1`)
    ).json();
    expect(
      list.items.map((i: { metadata: { name: string } }) => i.metadata.name),
    ).toEqual(['prod-1']);
    const bad = await get(
      `${CLUSTERS}?fieldSelector=spec.hubAcceptsClient%3Dtrue`,
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      message: 'field label not supported: spec.hubAcceptsClient',
    });
  });

  it('answers a bad label selector with 400 and a write with 405', async () => {
    const bad = await get(`${CLUSTERS}?labelSelector=env%20in%20()`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/^unable to parse requirement/);
    const write = await get(`${CLUSTERS}/dev-1`, { method: 'DELETE' });
    expect(write.status).toBe(405);
    expect((await write.json()).reason).toBe('MethodNotAllowed');
  });

  it('answers 401 without a token, except for /version and health', async () => {
    const response = await fetch(`${hub.url}${CLUSTERS}`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      kind: 'Status',
      reason: 'Unauthorized',
      code: 401,
    });
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
  });

  it('turns label changes into ADDED and DELETED for a selecting watch, and sends bookmarks', async () => {
    const controller = new AbortController();
    const response = await get(
      `${CLUSTERS}?watch=true&labelSelector=cluster.open-cluster-management.io%2Funreachable&allowWatchBookmarks=true&resourceVersion=${hub.store.resourceVersion()}`,
      {
        signal: controller.signal,
      },
    );
    const watchTaintLabel = readEvents(response, 3, controller);
    const cluster = hub.store.get('ManagedCluster', 'dev-1');
    if (!cluster) throw new Error('dev-1 missing');
    const labels = cluster.metadata.labels ?? {};
    hub.store.upsert({
      ...cluster,
      metadata: {
        ...cluster.metadata,
        labels: {
          ...labels,
          'cluster.open-cluster-management.io/unreachable': '',
        },
      },
    });
    hub.store.upsert({ ...cluster, metadata: { ...cluster.metadata, labels } });
    const events = await watchTaintLabel;
    expect(
      events.slice(0, 2).map(e => `${e.type} ${e.object.metadata.name}`),
    ).toEqual(['ADDED dev-1', 'DELETED dev-1']);
    expect(events[2].type).toBe('BOOKMARK');
    expect(
      Number(events[2].object.metadata.resourceVersion),
    ).toBeGreaterThanOrEqual(Number(hub.store.resourceVersion()) - 5);
  });

  it('ends initial events with a bookmark when asked to send them', async () => {
    const controller = new AbortController();
    const response = await get(
      `${CLUSTERS}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true`,
      { signal: controller.signal },
    );
    const events = await readEvents(response, 5, controller);
    expect(events.map(e => e.type)).toEqual([
      'ADDED',
      'ADDED',
      'ADDED',
      'ADDED',
      'BOOKMARK',
    ]);
    expect(events[4].object.metadata.annotations).toEqual({
      'k8s.io/initial-events-end': 'true',
    });
  });

  it('closes a watch after timeoutSeconds', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const response = await get(
      `${CLUSTERS}?watch=true&timeoutSeconds=1&resourceVersion=${hub.store.resourceVersion()}`,
      { signal: controller.signal },
    );
    const events = await readEvents(response, 1, controller);
    expect(events).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(hub.hub.summary().openWatches).toBe(0);
  });
});
