import { request as httpsRequest } from 'node:https';
import type { UpstreamHandler } from '../contracts';
import { generateHubTls } from '../hub/tls';
import { FaultInjector, faultRuleSchema } from './faults';
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

describe('fault kinds a hostile world has (scripts/faults.mjs)', () => {
  let server: UpstreamServer;
  let faults: FaultInjector;

  const start = async (tls?: { cert: string; key: string }) => {
    faults = new FaultInjector(7);
    server = await startUpstreamServer({
      name: tls ? 'hub' : 'argocd',
      port: 0,
      handler: hello,
      faults,
      tls,
      untrustedTls: () => {
        const other = generateHubTls();
        return { cert: other.serverCert, key: other.serverKey };
      },
    });
  };

  afterEach(async () => {
    faults.clear();
    await server.close();
  });

  it('refuses connections while a refuse rule exists, then listens on the same port again', async () => {
    await start();
    expect((await fetch(`${server.url}/x`)).status).toBe(200);
    faults.add([{ upstream: 'argocd', pathPattern: '.*', kind: 'refuse' }]);
    const refused = await fetch(`${server.url}/x`).catch(
      (error: Error & { cause?: { code?: string } }) => error.cause?.code,
    );
    expect(refused).toBe('ECONNREFUSED');
    faults.clear();
    await new Promise(resolve => setTimeout(resolve, 50));
    expect((await fetch(`${server.url}/x`)).status).toBe(200);
  });

  it('holds a hung request until its rule is removed', async () => {
    await start();
    const [rule] = faults.add([
      { upstream: 'argocd', pathPattern: '^/slow$', kind: 'hang' },
    ]);
    let settled = false;
    const hung = fetch(`${server.url}/slow`).then(
      () => 'answered',
      () => 'closed',
    );
    hung.finally(() => {
      settled = true;
    });
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    // other paths still answer
    expect((await fetch(`${server.url}/fast`)).status).toBe(200);
    faults.remove(rule.id);
    expect(await hung).toBe('closed');
  });

  it('sends truncated JSON, JSON of the wrong shape and an oversized body with 200', async () => {
    await start();
    faults.add([
      { upstream: 'argocd', pathPattern: '^/t$', kind: 'truncated' },
      { upstream: 'argocd', pathPattern: '^/w$', kind: 'wrong-shape' },
      {
        upstream: 'argocd',
        pathPattern: '^/o$',
        kind: 'oversized',
        sizeMegabytes: 3,
      },
    ]);
    const truncated = await fetch(`${server.url}/t`);
    expect(truncated.status).toBe(200);
    const text = await truncated.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(text).toMatch(/^\{"kind":"List"/);
    const wrong = await fetch(`${server.url}/w`);
    expect(wrong.status).toBe(200);
    expect(Array.isArray((await wrong.json()).items)).toBe(false);
    const oversized = await fetch(`${server.url}/o`);
    expect(oversized.status).toBe(200);
    const body = await oversized.text();
    expect(body.length).toBeGreaterThan(3 * 1024 * 1024);
    // the handler's own answer, only larger
    expect(JSON.parse(body)).toEqual({ hello: 'world' });
  });

  it('presents a certificate of an unknown CA while a tls-unknown-ca rule exists', async () => {
    const material = generateHubTls();
    await start({ cert: material.serverCert, key: material.serverKey });
    const get = () =>
      new Promise<string>(resolve => {
        const req = httpsRequest(
          `${server.url}/x`,
          { ca: material.caCert, agent: false },
          res => {
            res.resume();
            resolve(String(res.statusCode));
          },
        );
        req.on('error', (error: Error & { code?: string }) =>
          resolve(error.code ?? error.message),
        );
        req.end();
      });
    expect(await get()).toBe('200');
    faults.add([
      { upstream: 'hub', pathPattern: '.*', kind: 'tls-unknown-ca' },
    ]);
    expect(await get()).toMatch(/UNABLE_TO_VERIFY|SELF_SIGNED|UNABLE_TO_GET/);
    faults.clear();
    expect(await get()).toBe('200');
  });

  it('rejects tls-unknown-ca for the plain HTTP upstreams, naming the field', () => {
    const parsed = faultRuleSchema.safeParse({
      upstream: 'github',
      pathPattern: '.*',
      kind: 'tls-unknown-ca',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['kind'],
      message: expect.stringContaining('hub only'),
    });
  });
});
