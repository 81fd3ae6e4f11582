import {
  ApiException,
  CustomObjectsApi,
  KubeConfig,
  ListWatch,
  Watch,
} from '@kubernetes/client-node';
import type { KubernetesObject } from '@kubernetes/client-node';
import { manyClusters, smallHub } from './testing/fixtures';
import type { TestHub } from './testing/startTestHub';
import { startTestHub } from './testing/startTestHub';

const GROUP = 'cluster.open-cluster-management.io';

/** A kubeconfig for the hub: its CA trusted unless `trustCa` is false. */
function kubeConfig(
  hub: TestHub,
  options: { trustCa?: boolean; token?: string } = {},
): KubeConfig {
  const kc = new KubeConfig();
  const caFile = options.trustCa === false ? undefined : hub.caFile;
  kc.loadFromOptions({
    clusters: [{ name: 'hub', server: hub.url, caFile, skipTLSVerify: false }],
    users: [{ name: 'reader', token: options.token ?? hub.token }],
    contexts: [{ name: 'hub', cluster: 'hub', user: 'reader' }],
    currentContext: 'hub',
  });
  return kc;
}

interface ObjectList {
  items: KubernetesObject[];
  metadata: {
    resourceVersion: string;
    continue?: string;
    remainingItemCount?: number;
  };
}

function names(list: { items: KubernetesObject[] }): string[] {
  return list.items.map(item => item.metadata?.name ?? '');
}

async function eventually(
  check: () => boolean,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

describe('hub API through @kubernetes/client-node', () => {
  let hub: TestHub;
  let api: CustomObjectsApi;

  beforeEach(async () => {
    hub = await startTestHub({ definition: manyClusters(25), tls: true });
    api = kubeConfig(hub).makeApiClient(CustomObjectsApi);
  });

  afterEach(async () => {
    await hub.close();
  });

  it('lists ManagedClusters with a label selector', async () => {
    const list: ObjectList = await api.listClusterCustomObject({
      group: GROUP,
      version: 'v1',
      plural: 'managedclusters',
      labelSelector:
        'env=prod,name in (cluster-0002,cluster-0003,cluster-0004)',
    });
    expect(names(list)).toEqual(['cluster-0002', 'cluster-0004']);
    expect(list.items[0]).toMatchObject({
      apiVersion: `${GROUP}/v1`,
      kind: 'ManagedCluster',
    });
    expect(Number(list.metadata.resourceVersion)).toBeGreaterThan(0);
  });

  it('pages through ManagedClusters with limit and continue', async () => {
    const seen: string[] = [];
    const remaining: Array<number | undefined> = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page: ObjectList = await api.listClusterCustomObject({
        group: GROUP,
        version: 'v1',
        plural: 'managedclusters',
        limit: 10,
        _continue: token,
      });
      seen.push(...names(page));
      remaining.push(page.metadata.remainingItemCount);
      token = page.metadata.continue;
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(remaining).toEqual([15, 5, undefined]);
    expect(seen).toEqual(
      Array.from(
        { length: 25 },
        (_, i) => `cluster-${String(i + 1).padStart(4, '0')}`,
      ),
    );
  });

  it('answers 410 Expired for a continue token older than the kept history', async () => {
    const first: ObjectList = await api.listClusterCustomObject({
      group: GROUP,
      version: 'v1',
      plural: 'managedclusters',
      limit: 5,
    });
    hub.hub.setAvailability('cluster-0001', 'False');
    hub.store.compact();
    await expect(
      api.listClusterCustomObject({
        group: GROUP,
        version: 'v1',
        plural: 'managedclusters',
        limit: 5,
        _continue: first.metadata.continue,
      }),
    ).rejects.toMatchObject({ code: 410 });
  });

  it('gets one object and answers a missing one with a NotFound Status', async () => {
    const cluster: KubernetesObject = await api.getClusterCustomObject({
      group: GROUP,
      version: 'v1',
      plural: 'managedclusters',
      name: 'cluster-0007',
    });
    expect(cluster.metadata?.labels).toMatchObject({
      env: 'dev',
      'cluster.open-cluster-management.io/clusterset': 'managed',
    });

    const error: unknown = await api
      .getClusterCustomObject({
        group: GROUP,
        version: 'v1',
        plural: 'managedclusters',
        name: 'nope',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiException);
    const { code, body } = error as ApiException<string>;
    expect(code).toBe(404);
    expect(JSON.parse(body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'managedclusters.cluster.open-cluster-management.io "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', group: GROUP, kind: 'managedclusters' },
      code: 404,
    });
  });

  it('rejects a wrong token with 401', async () => {
    const stranger = kubeConfig(hub, {
      token: 'wrong-token-wrong-token',
    }).makeApiClient(CustomObjectsApi);
    await expect(
      stranger.listClusterCustomObject({
        group: GROUP,
        version: 'v1',
        plural: 'managedclusters',
      }),
    ).rejects.toMatchObject({ code: 401 });
  });

  it('lists namespaced kinds in one namespace and across all namespaces', async () => {
    const inArgocd: ObjectList = await api.listNamespacedCustomObject({
      group: GROUP,
      version: 'v1beta1',
      namespace: 'argocd',
      plural: 'placements',
    });
    expect(names(inArgocd)).toEqual(['all-managed', 'prod-only']);
    const decisions: ObjectList = await api.listCustomObjectForAllNamespaces({
      group: GROUP,
      version: 'v1beta1',
      plural: 'placementdecisions',
      labelSelector: 'cluster.open-cluster-management.io/placement=prod-only',
    });
    expect(names(decisions)).toEqual(['prod-only-decision-1']);
    const empty: ObjectList = await api.listNamespacedCustomObject({
      group: GROUP,
      version: 'v1beta1',
      namespace: 'other',
      plural: 'placements',
    });
    expect(empty.items).toEqual([]);
  });

  it('streams watch events: the current objects, then changes', async () => {
    const events: string[] = [];
    const controller = await new Watch(kubeConfig(hub)).watch(
      `/apis/${GROUP}/v1/managedclusters`,
      { labelSelector: 'name=cluster-0003' },
      (type, object: KubernetesObject) =>
        events.push(`${type} ${object.metadata?.name}`),
      () => undefined,
    );
    await eventually(() => events.length === 1, 'the initial ADDED event');
    hub.hub.setAvailability('cluster-0003', 'False');
    hub.hub.setAvailability('cluster-0004', 'False');
    await eventually(() => events.length === 2, 'the MODIFIED event');
    controller.abort();
    expect(events).toEqual(['ADDED cluster-0003', 'MODIFIED cluster-0003']);
  });

  it('lets an informer resume from its last resourceVersion after the hub drops the stream', async () => {
    const kc = kubeConfig(hub);
    const path = `/apis/${GROUP}/v1/managedclusters`;
    const informer = new ListWatch<KubernetesObject>(
      path,
      new Watch(kc),
      () =>
        api.listClusterCustomObject({
          group: GROUP,
          version: 'v1',
          plural: 'managedclusters',
        }),
      false,
    );
    const updated: string[] = [];
    informer.on('update', object => updated.push(object.metadata?.name ?? ''));
    await informer.start();
    await eventually(
      () => hub.hub.summary().openWatches === 1,
      'the first watch',
    );

    hub.hub.setAvailability('cluster-0001', 'Unknown');
    await eventually(() => updated.length === 1, 'the first update');
    const versionBeforeDrop = informer.latestResourceVersion();

    hub.hub.dropWatches();
    hub.hub.setAvailability('cluster-0002', 'Unknown');
    await eventually(
      () => updated.length === 2,
      'the update sent while disconnected',
    );
    await informer.stop();

    const watchRequests = () =>
      hub.log
        .list({ upstream: 'hub' })
        .filter(e => e.query.includes('watch=true'));
    await eventually(
      () => watchRequests().length === 2,
      'both watch requests in the log',
    );
    const watches = watchRequests();
    expect(new URLSearchParams(watches[1].query).get('resourceVersion')).toBe(
      versionBeforeDrop,
    );
    expect(updated).toEqual(['cluster-0001', 'cluster-0002']);
    const lists = hub.log
      .list({ upstream: 'hub' })
      .filter(e => !e.query.includes('watch=true'));
    expect(lists).toHaveLength(1);
  });

  it('sends an ERROR 410 event to a watch older than the kept history', async () => {
    hub.store.compact();
    hub.hub.setAvailability('cluster-0005', 'False');
    const events: Array<{ type: string; code?: number }> = [];
    let done = false;
    await new Watch(kubeConfig(hub)).watch(
      `/apis/${GROUP}/v1/managedclusters`,
      { resourceVersion: '1' },
      (type, object: { code?: number }) =>
        events.push({ type, code: object.code }),
      () => {
        done = true;
      },
    );
    await eventually(() => done, 'the watch to end');
    expect(events).toEqual([{ type: 'ERROR', code: 410 }]);
  });
});

describe('hub over HTTPS', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ definition: smallHub(), tls: true });
  });

  afterAll(async () => {
    await hub.close();
  });

  it('is trusted with the generated CA file', async () => {
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const api = kubeConfig(hub).makeApiClient(CustomObjectsApi);
    const list: ObjectList = await api.listClusterCustomObject({
      group: GROUP,
      version: 'v1',
      plural: 'managedclusters',
    });
    expect(names(list)).toEqual(['dev-1', 'dev-2', 'prod-1', 'prod-2']);
  });

  it('is not trusted without the CA', async () => {
    const api = kubeConfig(hub, { trustCa: false }).makeApiClient(
      CustomObjectsApi,
    );
    await expect(
      api.listClusterCustomObject({
        group: GROUP,
        version: 'v1',
        plural: 'managedclusters',
      }),
    ).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
  });
});
