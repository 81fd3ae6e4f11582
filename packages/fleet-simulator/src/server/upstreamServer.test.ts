import type { UpstreamHandler } from '../contracts';
import { FaultInjector } from './faults';
import { RequestLog } from './requestLog';
import type { UpstreamServer } from './upstreamServer';
import { startUpstreamServer } from './upstreamServer';

const hello: UpstreamHandler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"hello":"world"}');
};

describe('upstream listeners with the request log and fault injection', () => {
  let server: UpstreamServer;
  let log: RequestLog;
  let faults: FaultInjector;

  const start = async (
    name: 'hub' | 'argocd' | 'github',
    handler: UpstreamHandler = hello,
  ) => {
    log = new RequestLog();
    faults = new FaultInjector(42);
    server = await startUpstreamServer({
      name,
      port: 0,
      handler,
      log,
      faults,
      secondaryRateLimit: () => ({
        status: 403,
        headers: { 'retry-after': '60' },
        body: { message: 'You have exceeded a secondary rate limit.' },
      }),
    });
  };

  afterEach(async () => {
    await server.close();
  });

  it('listens on loopback and logs method, path, query, status and duration', async () => {
    await start('argocd');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(
      `${server.url}/api/v1/applications?selector=env%3Ddev`,
    );
    expect(await response.json()).toEqual({ hello: 'world' });
    await new Promise(resolve => setTimeout(resolve, 10));
    const [entry] = log.list({ upstream: 'argocd' });
    expect(entry).toMatchObject({
      upstream: 'argocd',
      method: 'GET',
      path: '/api/v1/applications',
      query: 'selector=env%3Ddev',
      status: 200,
    });
    expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(entry.time)).not.toBeNaN();
    expect(log.list({ upstream: 'hub' })).toEqual([]);
    expect(log.list({ since: new Date(Date.now() + 60_000) })).toEqual([]);
  });

  it('injects a status with the upstream error shape, limited by times', async () => {
    await start('hub');
    faults.add([
      {
        upstream: 'hub',
        method: 'GET',
        pathPattern: '^/apis/',
        status: 503,
        times: 1,
      },
    ]);
    const failed = await fetch(`${server.url}/apis/x`);
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({
      kind: 'Status',
      reason: 'ServiceUnavailable',
      code: 503,
    });
    expect((await fetch(`${server.url}/apis/x`)).status).toBe(200);
    expect(faults.list()).toEqual([]);
  });

  it('only touches the matching upstream, method and path', async () => {
    await start('argocd');
    faults.add([
      { upstream: 'hub', pathPattern: '.*', status: 500 },
      { upstream: 'argocd', method: 'POST', pathPattern: '.*', status: 500 },
      { upstream: 'argocd', pathPattern: '^/other', status: 500 },
    ]);
    expect((await fetch(`${server.url}/api/v1/applications`)).status).toBe(200);
    const grpcError = await fetch(`${server.url}/other`);
    expect(await grpcError.json()).toEqual({
      error: 'internal server error',
      code: 13,
      message: 'internal server error',
    });
  });

  it('fails the share of requests given by errorRate, the same way for the same seed', async () => {
    await start('github');
    faults.add([
      {
        upstream: 'github',
        pathPattern: '^/api/v3/',
        status: 502,
        errorRate: 0.5,
      },
    ]);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1)
      statuses.push((await fetch(`${server.url}/api/v3/repos`)).status);
    const failures = statuses.filter(s => s === 502).length;
    expect(failures).toBeGreaterThan(10);
    expect(failures).toBeLessThan(30);

    const again = new FaultInjector(42);
    again.add([
      {
        upstream: 'github',
        pathPattern: '^/api/v3/',
        status: 502,
        errorRate: 0.5,
      },
    ]);
    const replay = statuses.map(() =>
      again.decide('github', 'GET', '/api/v3/repos')?.error ? 502 : 200,
    );
    expect(replay).toEqual(statuses);
  });

  it('adds latency and answers secondary rate limits with the GitHub response', async () => {
    await start('github');
    faults.add([
      { upstream: 'github', pathPattern: '^/slow$', latencyMs: 150 },
      {
        upstream: 'github',
        pathPattern: '^/limited$',
        kind: 'secondary-rate-limit',
      },
    ]);
    const started = Date.now();
    expect((await fetch(`${server.url}/slow`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const limited = await fetch(`${server.url}/limited`);
    expect(limited.status).toBe(403);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect((await limited.json()).message).toMatch(/secondary rate limit/);
  });

  it('answers 500 in the upstream shape when the handler throws', async () => {
    await start('hub', () => {
      throw new Error('boom');
    });
    const stderr = jest
      .spyOn(process.stderr, 'write')
      .mockImplementation(() => true);
    const response = await fetch(`${server.url}/apis`);
    stderr.mockRestore();
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      kind: 'Status',
      reason: 'InternalError',
    });
  });
});
