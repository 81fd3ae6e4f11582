import { createClock } from '../clock';
import type { Hub } from '../hub';
import { FaultInjector, RequestLog, startUpstreamServer } from '../server';
import type { UpstreamServer } from '../server';
import type { ControlTargets } from './controlHandler';
import { createControlHandler } from './controlHandler';

describe('control API', () => {
  let server: UpstreamServer;
  let targets: ControlTargets;
  const availability: Array<[string, string]> = [];
  const merges: Array<[string, string, number, unknown]> = [];
  let reconciles = 0;
  let dropped: string[] = [];
  let droppedStreams: string[] = [];
  let compactions = 0;

  beforeEach(async () => {
    availability.length = 0;
    merges.length = 0;
    reconciles = 0;
    dropped = [];
    droppedStreams = [];
    compactions = 0;
    const hub: ControlTargets['hub'] = {
      summary: () => ({
        resourceVersion: '7',
        clusters: {
          total: 1,
          available: { True: 1, False: 0, Unknown: 0 },
          byEnv: { dev: 1 },
        },
        clusterSets: [],
        placements: [],
        openWatches: 0,
      }),
      setAvailability: (name, status) => {
        if (name === 'nope')
          throw new Error(
            'managedclusters.cluster.open-cluster-management.io "nope" not found',
          );
        availability.push([name, status]);
      },
      stopLease: () => undefined,
      dropWatches: ((mode = 'end') => {
        dropped.push(mode);
      }) satisfies Hub['dropWatches'],
      compact: () => {
        compactions += 1;
      },
    };
    targets = {
      clock: createClock({ timeScale: 5 }),
      hub,
      github: {
        mergePullRequest: (owner, repo, number, options) => {
          if (number === 404)
            throw new Error(
              `Cannot merge ${owner}/${repo}#404: no such pull request`,
            );
          if (number === 409)
            throw new Error(
              `Cannot merge ${owner}/${repo}#409: Pull Request is not mergeable`,
            );
          merges.push([owner, repo, number, options]);
          return { sha: 'abc123' };
        },
        state: () => ({ repos: ['demo'] }),
      },
      argocd: {
        state: () => ({ applications: 3 }),
        reconcile: async () => {
          reconciles += 1;
          return { applications: 3 };
        },
        dropStreams: (mode = 'end') => {
          droppedStreams.push(mode);
        },
      },
      faults: new FaultInjector(1),
      log: new RequestLog(),
    };
    server = await startUpstreamServer({
      name: 'control',
      port: 0,
      handler: createControlHandler(targets),
    });
  });

  afterEach(async () => {
    await server.close();
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? JSON.parse(text) : undefined,
    };
  };

  it('reports health and state from every part', async () => {
    expect(await call('GET', '/healthz')).toEqual({
      status: 200,
      body: { status: 'ok' },
    });
    const { body } = await call('GET', '/state');
    expect(body).toMatchObject({
      timeScale: 5,
      hub: { resourceVersion: '7' },
      github: { repos: ['demo'] },
      argocd: { applications: 3 },
    });
    expect(Date.parse(body.time)).not.toBeNaN();
  });

  it('merges pull requests and maps failures to 404 and 409', async () => {
    expect(
      await call('POST', '/github/demo-org/gitops-demo/pulls/3/merge', {
        merge_method: 'squash',
      }),
    ).toEqual({
      status: 200,
      body: { merged: true, sha: 'abc123' },
    });
    expect(merges).toEqual([
      ['demo-org', 'gitops-demo', 3, { mergeMethod: 'squash' }],
    ]);
    expect(
      (await call('POST', '/github/demo-org/gitops-demo/pulls/404/merge'))
        .status,
    ).toBe(404);
    const conflict = await call(
      'POST',
      '/github/demo-org/gitops-demo/pulls/409/merge',
    );
    expect(conflict).toEqual({
      status: 409,
      body: {
        error:
          'Cannot merge demo-org/gitops-demo#409: Pull Request is not mergeable',
      },
    });
  });

  it('changes cluster availability and validates the body', async () => {
    expect(
      await call('PUT', '/clusters/dev-1/availability', { status: 'Unknown' }),
    ).toEqual({
      status: 200,
      body: { name: 'dev-1', availability: 'Unknown' },
    });
    expect(availability).toEqual([['dev-1', 'Unknown']]);
    const bad = await call('PUT', '/clusters/dev-1/availability', {
      status: 'Maybe',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^status: Invalid enum value/);
    expect(
      (await call('PUT', '/clusters/nope/availability', { status: 'True' }))
        .status,
    ).toBe(404);
  });

  it('adds, lists and clears faults', async () => {
    const added = await call('POST', '/faults', [
      { upstream: 'hub', pathPattern: '^/apis', status: 503, times: 2 },
    ]);
    expect(added.status).toBe(201);
    expect(added.body.faults).toEqual([
      {
        id: 'fault-1',
        upstream: 'hub',
        pathPattern: '^/apis',
        status: 503,
        times: 2,
        remaining: 2,
      },
    ]);
    expect(
      (
        await call('POST', '/faults', {
          upstream: 'argocd',
          pathPattern: '.*',
          latencyMs: 5,
        })
      ).status,
    ).toBe(201);
    expect((await call('GET', '/faults')).body.faults).toHaveLength(2);
    const invalid = await call('POST', '/faults', {
      upstream: 'gitlab',
      pathPattern: '(',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toContain('pathPattern');
    expect((await call('DELETE', '/faults/fault-1')).status).toBe(204);
    expect((await call('DELETE', '/faults/fault-1')).status).toBe(404);
    expect((await call('DELETE', '/faults')).status).toBe(204);
    expect((await call('GET', '/faults')).body.faults).toEqual([]);
  });

  it('serves and clears the request log, filtered by upstream and time', async () => {
    const now = Date.now();
    targets.log.add({
      upstream: 'hub',
      method: 'GET',
      path: '/apis',
      query: '',
      status: 200,
      durationMs: 1,
      time: new Date(now - 60_000).toISOString(),
    });
    targets.log.add({
      upstream: 'hub',
      method: 'GET',
      path: '/api',
      query: '',
      status: 200,
      durationMs: 1,
      time: new Date(now).toISOString(),
    });
    targets.log.add({
      upstream: 'argocd',
      method: 'GET',
      path: '/x',
      query: '',
      status: 200,
      durationMs: 1,
      time: new Date(now).toISOString(),
    });
    expect((await call('GET', '/log?upstream=hub')).body.count).toBe(2);
    const since = encodeURIComponent(new Date(now - 1000).toISOString());
    expect(
      (await call('GET', `/log?upstream=hub&since=${since}`)).body.entries.map(
        (e: { path: string }) => e.path,
      ),
    ).toEqual(['/api']);
    expect((await call('GET', '/log')).body.count).toBe(3);
    expect((await call('GET', '/log?upstream=gitlab')).status).toBe(400);
    expect((await call('DELETE', '/log')).status).toBe(204);
    expect((await call('GET', '/log')).body.count).toBe(0);
  });

  it('asks ArgoCD to reconcile and drops hub watches', async () => {
    expect(await call('POST', '/reconcile')).toEqual({
      status: 200,
      body: { reconciled: true, applications: 3 },
    });
    expect(reconciles).toBe(1);
    expect((await call('POST', '/hub/watches/drop?mode=destroy')).status).toBe(
      204,
    );
    expect(dropped).toEqual(['destroy']);
  });

  it('drops the ArgoCD Application streams and compacts the hub history on request', async () => {
    expect((await call('POST', '/argocd/streams/drop')).status).toBe(204);
    expect(
      (await call('POST', '/argocd/streams/drop?mode=destroy')).status,
    ).toBe(204);
    expect(droppedStreams).toEqual(['end', 'destroy']);
    expect(dropped).toEqual([]);
    expect(compactions).toBe(0);
    expect((await call('POST', '/hub/compact')).status).toBe(204);
    expect(compactions).toBe(1);
    expect(droppedStreams).toEqual(['end', 'destroy']);
  });

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    expect((await call('GET', '/nope')).status).toBe(404);
    expect((await call('POST', '/state')).status).toBe(405);
    const notJson = await fetch(`${server.url}/faults`, {
      method: 'POST',
      body: '{',
    });
    expect(notJson.status).toBe(400);
  });
});
