/*
 * The upstream watches against the fleet simulator (hub over HTTPS with its
 * own CA, ArgoCD's Application stream), on free ports: changes reach the
 * store within about a second without a LIST, streams that are cut or
 * expire converge again, a refused stream falls back to polling, a burst
 * gives few publishes, and an older list never overwrites newer watch data.
 */
import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { type RunningSimulator } from '@internal/fleet-simulator';
import { createArgocdClient } from '../../argocd/ArgocdClient';
import type { BackendConfig } from '../../config/types';
import { readBackendConfig } from '../../config/readBackendConfig';
import { createFleetSnapshotService } from '../../fleet/FleetSnapshotService';
import { fetchArgocdPart, fetchHubPart } from '../../fleet/fetchSnapshotParts';
import {
  createSnapshotStore,
  type SnapshotStore,
} from '../../fleet/SnapshotStore';
import type { FleetSnapshot, SnapshotPart } from '../../fleet/snapshotTypes';
import { createOcmHubClient, type OcmHubClient } from '../../ocm/OcmHubClient';
import { createRedactor } from '../../upstream/errors';
import { simulatorConfig } from '../../__testUtils__/simulatorConfig';
import {
  simulatorLog,
  startTestSimulator,
  untilWith,
  type SimulatorLogEntry,
} from '../../__testUtils__/simulatorHarness';
import {
  createUpstreamWatches,
  type UpstreamWatches,
  type UpstreamWatchesOptions,
} from '.';

jest.setTimeout(60_000);

const LIST_PATHS = [
  /\/managedclusters$/,
  /\/managedclustersets$/,
  /\/placements$/,
  /\/placementdecisions$/,
  /^\/api\/v1\/applications$/,
  /^\/api\/v1\/clusters$/,
  /^\/api\/v1\/applicationsets$/,
];

const until = untilWith({ timeoutMs: 10_000, intervalMs: 20 });

describe('upstream watches against the fleet simulator', () => {
  let simulator: RunningSimulator;
  let config: BackendConfig;
  const redact = createRedactor([]);
  const running: UpstreamWatches[] = [];

  const control = (path: string, init: RequestInit = { method: 'POST' }) =>
    fetch(`${simulator.urls.control}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json' },
    });
  /** LIST requests (not watches, not the stream) since `since`. */
  const listsSince = async (since: Date): Promise<SimulatorLogEntry[]> => {
    return (await simulatorLog(simulator, { since })).filter(
      entry =>
        entry.method === 'GET' &&
        !/(^|&)watch=(true|1)/.test(entry.query) &&
        LIST_PATHS.some(pattern => pattern.test(entry.path)),
    );
  };

  function setup(
    options: Partial<UpstreamWatchesOptions> & {
      /** The hub client the scheduled list uses (default: the watches' one). */
      listHub?: (hub: OcmHubClient) => OcmHubClient;
      /** No admitListPart: the list publishes as it did before the watches. */
      unguarded?: boolean;
      store?: SnapshotStore;
    } = {},
  ) {
    const logger = mockServices.logger.mock();
    const hubs = config.hubs.map(hub => createOcmHubClient({ hub }));
    const argocd = config.argocd.map(instance =>
      createArgocdClient({ instance }),
    );
    const store =
      options.store ??
      createSnapshotStore({
        cache: CacheManager.fromConfig(new ConfigReader({})).forPlugin(
          'kubevirt-gitops',
        ),
        sources: [
          ...hubs.map(client => ({
            source: client.source,
            type: 'hub' as const,
          })),
          ...argocd.map(client => ({
            source: client.source,
            type: 'argocd' as const,
          })),
        ],
        ttlMs: 600_000,
      });
    const published: Array<{ source: string; at: number }> = [];
    const holder: { watches?: UpstreamWatches } = {};
    const snapshots = createFleetSnapshotService({
      hubs: options.listHub ? hubs.map(options.listHub) : hubs,
      argocd,
      store,
      logger,
      redact,
      ...(options.unguarded
        ? {}
        : {
            admitListPart: (part, startedAt) =>
              holder.watches
                ? holder.watches.admitListPart(part, startedAt)
                : part,
          }),
    });
    const watches = createUpstreamWatches({
      hubs,
      argocd,
      store,
      logger,
      redact,
      refresh: only => snapshots.refresh(only),
      pollIntervalMs: 60_000,
      safetyNetMs: 600_000,
      backoff: { initialMs: 50, maxMs: 500 },
      onPublished: (source, at) => published.push({ source, at: at.getTime() }),
      ...options,
    });
    holder.watches = watches;
    running.push(watches);
    const hubSource = hubs[0].source;
    const argocdSource = argocd[0].source;
    return {
      hubs,
      argocd,
      watches,
      store,
      snapshots,
      logger,
      published,
      hubSource,
      argocdSource,
      publishesOf: (source: string) =>
        published.filter(entry => entry.source === source).length,
      async started() {
        watches.start();
        expect(await watches.whenSettled(15_000)).toBe(true);
        await until(
          () => published.map(entry => entry.source),
          sources =>
            sources.includes(hubSource) && sources.includes(argocdSource),
        );
      },
    };
  }

  const clusterOf = (snapshot: FleetSnapshot, name: string) =>
    snapshot.hubs[0]?.part?.clusters.find(cluster => cluster.name === name);
  const healthOn = (snapshot: FleetSnapshot, cluster: string) =>
    (snapshot.argocd[0]?.part?.applications ?? [])
      .filter(app => app.cluster === cluster)
      .map(app => `${app.name}:${app.health.status}`)
      .sort()
      .join(',');

  /** A managed cluster (not the hub) that runs Applications. */
  async function pickCluster(store: SnapshotStore): Promise<string> {
    const snapshot = await store.read();
    const names = (snapshot.hubs[0]?.part?.clusters ?? [])
      .filter(cluster => !cluster.hub && cluster.availability === 'available')
      .map(cluster => cluster.name);
    const withApps = names.find(name => healthOn(snapshot, name) !== '');
    if (!withApps) throw new Error('the scenario has no cluster with apps');
    return withApps;
  }

  async function setAvailable(name: string, available: boolean) {
    simulator.setAvailability(name, available ? 'True' : 'False');
  }

  beforeAll(async () => {
    simulator = await startTestSimulator();
    await simulator.reconcile();
    config = readBackendConfig(new ConfigReader(simulatorConfig(simulator)));
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map(watches => watches.stop()));
    await control('/faults', { method: 'DELETE' });
  });

  afterAll(async () => {
    await simulator?.stop();
  });

  it('brings a cluster availability change and the health change of its Applications to the store within about a second, without a LIST', async () => {
    const t = setup();
    await t.started();
    const name = await pickCluster(t.store);
    const before = await t.store.read();
    const healthBefore = healthOn(before, name);
    const listsBefore = t.watches.status().map(status => status.lists);
    const since = new Date();
    const changedAt = Date.now();
    await setAvailable(name, false);
    const after = await until(
      () => t.store.read(),
      snapshot =>
        clusterOf(snapshot, name)?.availability !== 'available' &&
        healthOn(snapshot, name) !== healthBefore,
    );
    const latencyMs = Date.now() - changedAt;
    expect(clusterOf(after, name)?.availability).not.toBe('available');
    expect(healthOn(after, name)).not.toBe(healthBefore);
    expect(latencyMs).toBeLessThan(1500);
    // what did not change: no LIST, no relist, the other clusters as they were
    expect(await listsSince(since)).toEqual([]);
    expect(t.watches.status().map(status => status.lists)).toEqual(listsBefore);
    const others = (snap: FleetSnapshot) =>
      (snap.hubs[0]?.part?.clusters ?? [])
        .filter(cluster => cluster.name !== name)
        .map(cluster => `${cluster.name}:${cluster.availability}`);
    expect(others(after)).toEqual(others(before));
    // eslint-disable-next-line no-console
    console.log(`watch publish latency: ${latencyMs} ms`);

    await setAvailable(name, true);
    const back = await until(
      () => t.store.read(),
      snapshot => clusterOf(snapshot, name)?.availability === 'available',
    );
    expect(clusterOf(back, name)?.availability).toBe('available');
  });

  /** Commits a new ApplicationSet (selecting no cluster) to the repository's default branch. */
  async function commitApplicationSet(name: string): Promise<void> {
    const { owner, repo, defaultBranch } = simulator.repositories[0];
    const api = `${simulator.urls.github}/api/v3/repos/${owner}/${repo}`;
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${api}${path}`, {
        method,
        headers: {
          authorization: `token ${simulator.credentials.github.token}`,
          'content-type': 'application/json',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!res.ok) {
        throw new Error(`GitHub ${method} ${path}: ${res.status}`);
      }
      return (await res.json()) as Record<string, any>;
    };
    const head = await call('GET', `/git/ref/heads/${defaultBranch}`);
    const parent = await call('GET', `/git/commits/${head.object.sha}`);
    const content = [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: ApplicationSet',
      'metadata:',
      `  name: ${name}`,
      '  namespace: argocd',
      'spec:',
      '  generators:',
      '    - clusters:',
      '        selector:',
      '          matchLabels:',
      '            env: no-such-environment',
      '  template:',
      '    metadata:',
      `      name: "{{nameNormalized}}-${name}"`,
      '    spec:',
      '      project: default',
      '      source:',
      `        repoURL: https://github.com/${owner}/${repo}.git`,
      '        targetRevision: HEAD',
      `        path: applicationsets/${name}`,
      '      destination:',
      '        server: "{{server}}"',
      '        namespace: vms',
      '',
    ].join('\n');
    const tree = await call('POST', '/git/trees', {
      base_tree: parent.tree.sha,
      tree: [
        {
          path: `applicationsets/${name}/applicationset.yaml`,
          mode: '100644',
          type: 'blob',
          content,
        },
      ],
    });
    const commit = await call('POST', '/git/commits', {
      message: `add ApplicationSet ${name}`,
      tree: tree.sha,
      parents: [head.object.sha],
    });
    await call('PATCH', `/git/refs/heads/${defaultBranch}`, {
      sha: commit.sha,
    });
    await simulator.reconcile();
  }

  it('lists ArgoCD clusters and ApplicationSets every interval while the stream is open: a failed connection and a new ApplicationSet reach the store within about one interval, with no Application LIST', async () => {
    const intervalMs = 1000;
    const t = setup({ pollIntervalMs: intervalMs });
    await t.started();
    const name = await pickCluster(t.store);
    const argocdStatus = () =>
      t.watches.status().find(status => status.source === t.argocdSource);
    const connectionsBefore = argocdStatus()?.connections;
    const connectionOf = (snapshot: FleetSnapshot) =>
      snapshot.argocd[0]?.part?.clusters.find(cluster => cluster.name === name)
        ?.connection;
    const applicationSetsOf = (snapshot: FleetSnapshot) =>
      (snapshot.argocd[0]?.part?.applicationSets ?? []).map(set => set.name);
    expect(connectionOf(await t.store.read())).toBe('Successful');
    const since = new Date();

    // a cluster whose ArgoCD connection fails (nothing on the stream says so)
    let changedAt = Date.now();
    await setAvailable(name, false);
    const failed = await until(
      () => t.store.read(),
      snapshot => connectionOf(snapshot) === 'Failed',
    );
    const failedMs = Date.now() - changedAt;
    expect(connectionOf(failed)).toBe('Failed');
    // one interval, half a tick of drift, the lists and the 200 ms debounce
    expect(failedMs).toBeLessThan(intervalMs * 2.5);

    // a new ApplicationSet (it generates no Application: no stream event)
    const applicationSet = `watched-set-${Date.now().toString(36)}`;
    expect(applicationSetsOf(await t.store.read())).not.toContain(
      applicationSet,
    );
    await commitApplicationSet(applicationSet);
    changedAt = Date.now();
    const added = await until(
      () => t.store.read(),
      snapshot => applicationSetsOf(snapshot).includes(applicationSet),
    );
    const addedMs = Date.now() - changedAt;
    expect(applicationSetsOf(added)).toContain(applicationSet);
    expect(addedMs).toBeLessThan(intervalMs * 2.5);
    // eslint-disable-next-line no-console
    console.log(
      `unwatched ArgoCD lists every ${intervalMs} ms: connection Failed in ${failedMs} ms, new ApplicationSet in ${addedMs} ms`,
    );

    // the small lists ran, the Applications stayed on the same stream
    const lists = await listsSince(since);
    expect(lists.some(entry => entry.path === '/api/v1/clusters')).toBe(true);
    expect(lists.some(entry => entry.path === '/api/v1/applicationsets')).toBe(
      true,
    );
    expect(
      lists.filter(entry => entry.path === '/api/v1/applications'),
    ).toEqual([]);
    expect(argocdStatus()?.state).toBe('watching');
    expect(argocdStatus()?.connections).toBe(connectionsBefore);
    expect(argocdStatus()?.unwatchedLists).toBeGreaterThanOrEqual(2);

    await setAvailable(name, true);
    const back = await until(
      () => t.store.read(),
      snapshot => connectionOf(snapshot) === 'Successful',
    );
    expect(connectionOf(back)).toBe('Successful');
  });

  it('reports ArgoCD answering 503 to its cluster and ApplicationSet lists for the source while the stream is open, keeping the last part, then recovers', async () => {
    const intervalMs = 1000;
    const t = setup({ pollIntervalMs: intervalMs });
    await t.started();
    const argocdStatus = () =>
      t.watches.status().find(status => status.source === t.argocdSource);
    const before = await t.store.read();
    const lastPart = before.argocd[0]?.part;
    expect(lastPart?.applications.length).toBeGreaterThan(0);
    const faultAt = Date.now();
    await control('/faults', {
      method: 'POST',
      body: JSON.stringify({
        upstream: 'argocd',
        pathPattern: '.*',
        status: 503,
      }),
    });
    const during = await until(
      () => t.store.read(),
      snapshot => snapshot.argocd[0]?.error !== undefined,
    );
    const status = during.argocd[0];
    expect(status.error).toMatch(
      new RegExp(`^${t.argocdSource} answered 503 when listing`),
    );
    expect(status.errorKind).toBe('unavailable');
    // the last good part, as of a list from before the fault
    expect(status.part?.applications.length).toBe(
      lastPart?.applications.length,
    );
    expect(Date.parse(status.part?.fetchedAt ?? '')).toBeLessThanOrEqual(
      faultAt,
    );
    expect(argocdStatus()?.state).toBe('watching');
    // no republish clears it
    await new Promise(resolve => setTimeout(resolve, intervalMs * 2));
    expect((await t.store.read()).argocd[0]?.error).toBe(status.error);
    // one warning for the fault, not one per small list (a loaded machine
    // may add timeouts of the lists before it: not counted)
    expect(
      t.logger.warn.mock.calls.filter(
        ([message, meta]) =>
          message === 'Fleet snapshot refresh failed; keeping the last data' &&
          String((meta as { error?: unknown } | undefined)?.error).includes(
            'answered 503',
          ),
      ),
    ).toHaveLength(1);

    const clearedAt = Date.now();
    await control('/faults', { method: 'DELETE' });
    const after = await until(
      () => t.store.read(),
      snapshot =>
        snapshot.argocd[0]?.error === undefined &&
        Date.parse(snapshot.argocd[0]?.part?.fetchedAt ?? '') >= clearedAt,
    );
    expect(after.argocd[0]?.error).toBeUndefined();
    expect(after.argocd[0]?.part?.problems).toEqual([]);
  });

  it('publishes the same parts as the scheduled list builds', async () => {
    const t = setup();
    await t.started();
    // what a page shows does not depend on which path built the part
    const comparable = (part: SnapshotPart | undefined) => {
      if (!part) return undefined;
      const { fetchedAt, ...rest } = part;
      expect(Date.parse(fetchedAt)).not.toBeNaN();
      return rest.type === 'argocd'
        ? {
            ...rest,
            applications: [...rest.applications].sort((a, b) =>
              a.name.localeCompare(b.name),
            ),
          }
        : rest;
    };
    const snapshot = await t.store.read();
    const listedHub = await fetchHubPart(t.hubs[0], redact);
    const listedArgocd = await fetchArgocdPart(t.argocd[0], redact);
    expect(listedArgocd.applications.length).toBeGreaterThan(0);
    expect(listedHub.clusters.length).toBeGreaterThan(0);
    expect(comparable(snapshot.hubs[0].part)).toEqual(comparable(listedHub));
    expect(comparable(snapshot.argocd[0].part)).toEqual(
      comparable(listedArgocd),
    );
  });

  it('coalesces a burst of changes into one or a few publishes', async () => {
    const t = setup();
    await t.started();
    const name = await pickCluster(t.store);
    await until(
      () => t.publishesOf(t.hubSource),
      count => count >= 1,
    );
    const hubBefore = t.publishesOf(t.hubSource);
    const eventsBefore = t.watches.status()[0].events;
    const changes = 20;
    for (let i = 0; i < changes; i += 1) {
      await setAvailable(name, i % 2 === 1);
    }
    // the last change leaves the cluster available
    await until(
      () => t.watches.status()[0].events,
      events => events >= eventsBefore + changes,
    );
    await new Promise(resolve => setTimeout(resolve, 600));
    const publishes = t.publishesOf(t.hubSource) - hubBefore;
    expect(t.watches.status()[0].events - eventsBefore).toBeGreaterThanOrEqual(
      changes,
    );
    expect(publishes).toBeGreaterThanOrEqual(1);
    expect(publishes).toBeLessThanOrEqual(3);
    expect(clusterOf(await t.store.read(), name)?.availability).toBe(
      'available',
    );
  });

  it('reconnects after the ArgoCD stream is cut and converges', async () => {
    const t = setup();
    await t.started();
    const name = await pickCluster(t.store);
    const healthBefore = healthOn(await t.store.read(), name);
    const connections = () =>
      t.watches.status().find(status => status.source === t.argocdSource)
        ?.connections ?? 0;
    const before = connections();
    await control('/argocd/streams/drop?mode=destroy');
    await setAvailable(name, false);
    const after = await until(
      () => t.store.read(),
      snapshot => healthOn(snapshot, name) !== healthBefore,
    );
    expect(healthOn(after, name)).not.toBe(healthBefore);
    expect(connections()).toBeGreaterThan(before);
    await setAvailable(name, true);
    const back = await until(
      () => t.store.read(),
      snapshot => healthOn(snapshot, name) === healthBefore,
    );
    expect(healthOn(back, name)).toBe(healthBefore);
  });

  it('relists after the hub answers 410 Gone to an expired resourceVersion, and converges', async () => {
    const t = setup();
    await t.started();
    const name = await pickCluster(t.store);
    const hubStatus = () =>
      t.watches.status().find(status => status.source === t.hubSource);
    const listsBefore = hubStatus()?.lists ?? 0;
    const since = new Date();
    // The watches are cut and cannot come back while the cluster changes
    // and the hub compacts its history: they resume from an expired version.
    await control('/faults', {
      method: 'POST',
      body: JSON.stringify({
        upstream: 'hub',
        pathPattern:
          '/(managedclusters|managedclustersets|placements|placementdecisions)$',
        status: 503,
      }),
    });
    await control('/hub/watches/drop?mode=destroy');
    await until(
      () => hubStatus()?.state,
      state => state === 'reconnecting',
    );
    await setAvailable(name, false);
    await control('/hub/compact');
    await control('/faults', { method: 'DELETE' });
    const after = await until(
      () => t.store.read(),
      snapshot => clusterOf(snapshot, name)?.availability !== 'available',
    );
    expect(clusterOf(after, name)?.availability).not.toBe('available');
    await until(
      () => hubStatus()?.lists ?? 0,
      lists => lists >= listsBefore + 4,
    );
    // one relist per kind, each a LIST the simulator saw
    expect(hubStatus()?.lists).toBe(listsBefore + 4);
    const hubLists = (await listsSince(since)).filter(
      entry => entry.path.startsWith('/apis/') && entry.status === 200,
    );
    expect(hubLists.length).toBe(4);
    await until(
      () => t.watches.status(),
      statuses => statuses.every(status => status.state === 'watching'),
    );
    await setAvailable(name, true);
    const back = await until(
      () => t.store.read(),
      snapshot => clusterOf(snapshot, name)?.availability === 'available',
    );
    expect(clusterOf(back, name)?.availability).toBe('available');
  });

  it('falls back to polling when ArgoCD refuses the stream, and says so once', async () => {
    await control('/faults', {
      method: 'POST',
      body: JSON.stringify({
        upstream: 'argocd',
        pathPattern: '^/api/v1/stream/applications$',
        status: 404,
      }),
    });
    const t = setup({ pollIntervalMs: 400 });
    t.watches.start();
    const argocdState = () =>
      t.watches.status().find(status => status.source === t.argocdSource)
        ?.state;
    expect(await until(argocdState, state => state === 'polling')).toBe(
      'polling',
    );
    await until(
      () => t.publishesOf(t.hubSource),
      count => count >= 1,
    );
    const name = await until(
      async () => {
        try {
          return await pickCluster(t.store);
        } catch {
          return undefined;
        }
      },
      value => value !== undefined,
    );
    expect(name).toBeDefined();
    const cluster = String(name);
    const healthBefore = healthOn(await t.store.read(), cluster);
    const since = new Date();
    await setAvailable(cluster, false);
    const after = await until(
      () => t.store.read(),
      snapshot => healthOn(snapshot, cluster) !== healthBefore,
    );
    expect(healthOn(after, cluster)).not.toBe(healthBefore);
    // polled: Application LISTs, no stream
    const lists = await listsSince(since);
    expect(lists.some(entry => entry.path === '/api/v1/applications')).toBe(
      true,
    );
    // the hub stays watched: no hub LIST while ArgoCD is polled
    expect(lists.filter(entry => entry.path.startsWith('/apis/'))).toEqual([]);
    const refusals = t.logger.warn.mock.calls.filter(([message]) =>
      String(message).includes('refused the Application event stream'),
    );
    expect(refusals).toHaveLength(1);
    expect(String(refusals[0][0])).toContain('HTTP 404');
    expect(String(refusals[0][0])).toContain('falling back to polling');
    await setAvailable(cluster, true);
    const back = await until(
      () => t.store.read(),
      snapshot => healthOn(snapshot, cluster) === healthBefore,
    );
    expect(healthOn(back, cluster)).toBe(healthBefore);
  });

  it('polls a hub that refuses to watch a kind, says so once, and keeps the other kinds watched', async () => {
    const t = setup({ pollIntervalMs: 400 });
    await t.started();
    const name = await pickCluster(t.store);
    // from now on the hub refuses every request for ManagedClusterSets
    // (as RBAC without the watch verb answers the watch)
    await control('/faults', {
      method: 'POST',
      body: JSON.stringify({
        upstream: 'hub',
        pathPattern: '/managedclustersets$',
        status: 403,
      }),
    });
    await control('/hub/watches/drop');
    const hubState = () =>
      t.watches.status().find(status => status.source === t.hubSource)?.state;
    expect(await until(hubState, state => state === 'polling')).toBe('polling');
    const since = new Date();
    await setAvailable(name, false);
    const after = await until(
      () => t.store.read(),
      snapshot => clusterOf(snapshot, name)?.availability !== 'available',
    );
    expect(clusterOf(after, name)?.availability).not.toBe('available');
    // polled: hub LISTs every interval while a kind is refused
    await until(
      async () => (await listsSince(since)).length,
      count => count >= 4,
    );
    expect(
      (await listsSince(since)).some(entry =>
        entry.path.endsWith('/managedclusters'),
      ),
    ).toBe(true);
    const refusals = t.logger.warn.mock.calls.filter(([message]) =>
      String(message).includes('refused to watch'),
    );
    expect(refusals).toHaveLength(1);
    expect(String(refusals[0][0])).toBe(
      `${t.hubSource} refused to watch ManagedClusterSet objects (HTTP 403); falling back to polling`,
    );
    // the ArgoCD stream is not affected
    expect(
      t.watches.status().find(status => status.source === t.argocdSource)
        ?.state,
    ).toBe('watching');
    await setAvailable(name, true);
    const back = await until(
      () => t.store.read(),
      snapshot => clusterOf(snapshot, name)?.availability === 'available',
    );
    expect(clusterOf(back, name)?.availability).toBe('available');
  });

  it('converges after a restart (a new watches instance on the same store)', async () => {
    const first = setup();
    await first.started();
    const name = await pickCluster(first.store);
    await first.watches.stop();
    expect(first.watches.status().every(s => s.state === 'stopped')).toBe(true);
    await setAvailable(name, false);
    // stopped: the store keeps the last part
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(clusterOf(await first.store.read(), name)?.availability).toBe(
      'available',
    );
    const second = setup({ store: first.store });
    await second.started();
    const after = await until(
      () => second.store.read(),
      snapshot => clusterOf(snapshot, name)?.availability !== 'available',
    );
    expect(clusterOf(after, name)?.availability).not.toBe('available');
    await setAvailable(name, true);
    const back = await until(
      () => second.store.read(),
      snapshot => clusterOf(snapshot, name)?.availability === 'available',
    );
    expect(clusterOf(back, name)?.availability).toBe('available');
  });

  /**
   * The race: the scheduled list's answer is held back (in this process,
   * after the hub answered) until a watch event newer than it has been
   * published; then the list is published.
   */
  async function raceList(unguarded: boolean) {
    let release: () => void = () => undefined;
    const held = new Promise<void>(resolve => {
      release = resolve;
    });
    let answered = 0;
    const t = setup({
      unguarded,
      listHub: hub => ({
        ...hub,
        async listAll(kind) {
          const items = await hub.listAll(kind);
          answered += 1;
          await held;
          return items;
        },
      }),
    });
    await t.started();
    const name = await pickCluster(t.store);
    const refresh = t.snapshots.refresh(new Set([t.hubSource]));
    await until(
      () => answered,
      count => count === 4,
    );
    const before = t.publishesOf(t.hubSource);
    await setAvailable(name, false);
    await until(
      () => t.publishesOf(t.hubSource),
      count => count > before,
    );
    expect(clusterOf(await t.store.read(), name)?.availability).not.toBe(
      'available',
    );
    release();
    await refresh;
    const availability = clusterOf(await t.store.read(), name)?.availability;
    await setAvailable(name, true);
    await until(
      () => t.store.read(),
      snapshot => clusterOf(snapshot, name)?.availability === 'available',
    );
    return availability;
  }

  it('does not let an older list overwrite a newer watch event', async () => {
    expect(await raceList(false)).not.toBe('available');
    // the same race without the guard: the old list wins (what the guard prevents)
    expect(await raceList(true)).toBe('available');
  });
});
