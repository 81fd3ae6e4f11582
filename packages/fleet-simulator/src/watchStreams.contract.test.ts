/*
 * Contract tier (make test-contracts): the simulator's change feeds, which
 * the backend's watches follow, against the reference material: ArgoCD's
 * `stream/applications` (its parameters and frames in ArgoCD's
 * swagger.json; its resourceVersion rule as ArgoCD's server applies it) and
 * the hub's watches (events in resourceVersion order, 410 Gone as a
 * meta/v1 Status of the Kubernetes OpenAPI, the bookmark that ends the
 * initial events).
 */
import { readReference } from './__testUtils__/reference';
import {
  schemaErrors,
  swaggerValidators,
} from './argocd/__testUtils__/schemas';
import { openSse } from './argocd/__testUtils__/sse';
import { SINGLE_REPOSITORY_SCENARIO_FILE } from './scenario';
import { startSimulator, type RunningSimulator } from './startSimulator';

jest.setTimeout(60_000);

const CLUSTERS = '/apis/cluster.open-cluster-management.io/v1/managedclusters';

interface WatchEvent {
  type: string;
  object: {
    kind?: string;
    apiVersion?: string;
    code?: number;
    reason?: string;
    status?: string;
    metadata?: {
      name?: string;
      resourceVersion?: string;
      annotations?: Record<string, string>;
    };
  };
}

interface StreamFrame {
  result: {
    type: string;
    application: { metadata: { name: string; resourceVersion: string } };
  };
}

async function readWatch(
  response: Response,
  until: (events: WatchEvent[]) => boolean,
  timeoutMs = 5000,
): Promise<WatchEvent[]> {
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  const events: WatchEvent[] = [];
  let buffer = '';
  const deadline = setTimeout(() => {
    reader.cancel().catch(() => undefined);
  }, timeoutMs);
  try {
    while (!until(events)) {
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
  } finally {
    clearTimeout(deadline);
    reader.cancel().catch(() => undefined);
  }
  return events;
}

describe('change feeds against the reference material', () => {
  const argocdSwagger = JSON.parse(
    readReference('argocd', 'assets', 'swagger.json'),
  );
  const kubernetesOpenApi = JSON.parse(
    readReference('kubevirt', 'openapi', 'swagger.json'),
  );
  let simulator: RunningSimulator;
  let argocdToken: string;
  const hubGet = (path: string) =>
    fetch(`${simulator.urls.hub}${path}`, {
      headers: { authorization: `Bearer ${simulator.credentials.hub.token}` },
    });

  beforeAll(async () => {
    simulator = await startSimulator({
      scenario: SINGLE_REPOSITORY_SCENARIO_FILE,
      ports: { control: 0, argocd: 0, hub: 0, github: 0 },
      timeScale: 50,
      hubTls: false,
      quiet: true,
    });
    await simulator.reconcile();
    const { username, password } = simulator.credentials.argocd;
    const session = await fetch(`${simulator.urls.argocd}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    argocdToken = ((await session.json()) as { token: string }).token;
  });

  afterAll(async () => {
    await simulator?.stop();
  });

  it('reads only stream/applications parameters that ArgoCD’s swagger.json declares', () => {
    const declared = (
      argocdSwagger.paths['/api/v1/stream/applications'].get
        .parameters as Array<{
        name: string;
      }>
    ).map(parameter => parameter.name);
    // what the simulator's stream route reads (applicationFilters.ts, streamRoute.ts)
    const read = [
      'name',
      'selector',
      'projects',
      'project',
      'appNamespace',
      'repo',
      'resourceVersion',
    ];
    expect(declared).toEqual(expect.arrayContaining(read));
  });

  it('streams frames of the swagger’s shape; with a resourceVersion, no initial events and nothing older', async () => {
    const validate = swaggerValidators(argocdSwagger)(
      'v1alpha1ApplicationWatchEvent',
    );
    const count = simulator.argocd.applications().length;
    expect(count).toBeGreaterThan(1);
    const all = await openSse(
      `${simulator.urls.argocd}/api/v1/stream/applications`,
      argocdToken,
    );
    let initial: StreamFrame[];
    try {
      initial = (await all.waitFor(count)) as StreamFrame[];
    } finally {
      all.close();
    }
    for (const frame of initial) {
      expect(Object.keys(frame)).toEqual(['result']);
      expect(schemaErrors(validate, frame.result)).toEqual([]);
      expect(frame.result.type).toBe('ADDED');
    }
    const newest = Math.max(
      ...initial.map(frame =>
        Number(frame.result.application.metadata.resourceVersion),
      ),
    );
    // ArgoCD sends no headers before the first event (grpc-gateway): open,
    // then change something.
    const resumed = openSse(
      `${simulator.urls.argocd}/api/v1/stream/applications?resourceVersion=${newest}`,
      argocdToken,
    );
    const cluster = 'dev-cluster-1';
    simulator.setAvailability(cluster, 'False');
    const stream = await resumed;
    try {
      const frames = (await stream.waitFor(1)) as StreamFrame[];
      expect(frames[0].result.type).toBe('MODIFIED');
      for (const frame of frames) {
        expect(schemaErrors(validate, frame.result)).toEqual([]);
        expect(
          Number(frame.result.application.metadata.resourceVersion),
        ).toBeGreaterThan(newest);
      }
    } finally {
      stream.close();
      simulator.setAvailability(cluster, 'True');
    }
  });

  it('sends one named application’s current state even with a resourceVersion (as ArgoCD does for single-app watches)', async () => {
    const [application] = simulator.argocd.applications();
    const version = application.metadata.resourceVersion;
    const stream = await openSse(
      `${
        simulator.urls.argocd
      }/api/v1/stream/applications?name=${encodeURIComponent(
        application.metadata.name,
      )}&resourceVersion=${version}`,
      argocdToken,
    );
    try {
      const frames = (await stream.waitFor(1)) as StreamFrame[];
      expect(frames[0].result.type).toBe('ADDED');
      expect(frames[0].result.application.metadata.name).toBe(
        application.metadata.name,
      );
      expect(
        Number(frames[0].result.application.metadata.resourceVersion),
      ).toBeGreaterThanOrEqual(Number(version));
    } finally {
      stream.close();
    }
  });

  it('orders hub watch events by resourceVersion', async () => {
    const from = simulator.store.resourceVersion();
    const response = await hubGet(
      `${CLUSTERS}?watch=true&resourceVersion=${from}`,
    );
    const reading = readWatch(response, events => events.length >= 4);
    simulator.setAvailability('dev-cluster-1', 'False');
    simulator.setAvailability('dev-cluster-2', 'False');
    simulator.setAvailability('dev-cluster-1', 'True');
    simulator.setAvailability('dev-cluster-2', 'True');
    const events = await reading;
    expect(events.map(event => event.type)).toEqual([
      'MODIFIED',
      'MODIFIED',
      'MODIFIED',
      'MODIFIED',
    ]);
    const versions = events.map(event =>
      Number(event.object.metadata?.resourceVersion),
    );
    expect(versions[0]).toBeGreaterThan(Number(from));
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('answers a watch from an expired resourceVersion with an ERROR event holding a meta/v1 Status 410 Expired', async () => {
    const validate = swaggerValidators(kubernetesOpenApi)(
      'k8s.io.apimachinery.pkg.apis.meta.v1.Status',
    );
    const before = simulator.store.resourceVersion();
    simulator.setAvailability('dev-cluster-1', 'False');
    simulator.hub.compact();
    simulator.setAvailability('dev-cluster-1', 'True');
    const response = await hubGet(
      `${CLUSTERS}?watch=true&resourceVersion=${before}`,
    );
    expect(response.status).toBe(200);
    const events = await readWatch(response, found => found.length >= 1);
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe('ERROR');
    expect(schemaErrors(validate, events[0].object)).toEqual([]);
    expect(events[0].object).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'Expired',
      code: 410,
    });
  });

  it('ends the initial events with a bookmark annotated k8s.io/initial-events-end', async () => {
    const response = await hubGet(
      `${CLUSTERS}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan`,
    );
    const events = await readWatch(response, found =>
      found.some(event => event.type === 'BOOKMARK'),
    );
    const bookmark = events.findIndex(event => event.type === 'BOOKMARK');
    expect(bookmark).toBeGreaterThan(0);
    expect(events.slice(0, bookmark).every(e => e.type === 'ADDED')).toBe(true);
    expect(events[bookmark].object.metadata?.annotations).toEqual({
      'k8s.io/initial-events-end': 'true',
    });
    expect(events[bookmark].object.metadata?.resourceVersion).toBe(
      simulator.store.resourceVersion(),
    );
  });
});
