import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  createRedactor,
  errorFromTransport,
  errorFromUpstreamStatus,
  toUpstreamError,
  upstreamDetail,
  upstreamErrorKind,
} from './errors';
import { mapWithConcurrency } from './concurrency';
import { requestJson, requestJsonItems, type FetchLike } from './http';
import { listArray, listItems } from './json';
import { createUpstreamFetch } from './undiciFetch';

describe('errorFromUpstreamStatus', () => {
  it.each([
    [400, 'InputError'],
    [401, 'AuthenticationError'],
    [403, 'NotAllowedError'],
    [404, 'NotFoundError'],
    [409, 'ConflictError'],
    [410, 'ConflictError'],
    [429, 'ServiceUnavailableError'],
    [500, 'ServiceUnavailableError'],
    [502, 'ServiceUnavailableError'],
    [418, 'ServiceUnavailableError'],
  ])('maps %i to %s', (status, name) => {
    const error = errorFromUpstreamStatus(
      'argocd:main',
      'listing Applications',
      { status, body: '{"message":"nope"}' },
    );
    expect(error.name).toBe(name);
    expect(error.message).toContain(
      `argocd:main answered ${status} when listing Applications`,
    );
  });

  it('never repeats the body of a 401 (it may echo credentials)', () => {
    const error = errorFromUpstreamStatus('ocm:hub', 'listing', {
      status: 401,
      body: 'token abc rejected',
    });
    expect(error.message).not.toContain('abc');
  });

  it('reads JSON messages and truncates long text', () => {
    expect(upstreamDetail('{"error":"permission denied","code":7}')).toBe(
      'permission denied',
    );
    expect(upstreamDetail('x'.repeat(400))).toHaveLength(301);
    expect(upstreamDetail('   ')).toBeUndefined();
  });
});

describe('errorFromTransport', () => {
  it('tells a timeout from a refused connection', () => {
    const timeout = Object.assign(new Error('aborted'), {
      name: 'TimeoutError',
    });
    expect(errorFromTransport('github', 'listing', timeout, 250).message).toBe(
      'github did not answer within 250 ms when listing',
    );
    const refused = Object.assign(new Error('fetch failed'), {
      cause: { code: 'ECONNREFUSED' },
    });
    expect(errorFromTransport('github', 'listing', refused, 250).message).toBe(
      'github could not be reached when listing (ECONNREFUSED)',
    );
  });
});

describe('createRedactor', () => {
  it('removes every configured secret', () => {
    const redact = createRedactor(['s3cr3t-token', 'pw-1234', 'ab']);
    expect(redact('Bearer s3cr3t-token and pw-1234; ab stays')).toBe(
      'Bearer [redacted] and [redacted]; ab stays',
    );
    expect(
      toUpstreamError('argocd:x', new Error('echo s3cr3t-token'), redact),
    ).toEqual({
      source: 'argocd:x',
      kind: 'unavailable',
      message: 'echo [redacted]',
    });
  });
});

describe('mapWithConcurrency', () => {
  it('keeps order and the limit', async () => {
    let running = 0;
    let peak = 0;
    const result = await mapWithConcurrency([1, 2, 3, 4, 5], 2, async item => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise(resolve => setTimeout(resolve, 5));
      running -= 1;
      return item * 10;
    });
    expect(result).toEqual([10, 20, 30, 40, 50]);
    expect(peak).toBe(2);
  });
});

describe('requestJsonItems', () => {
  /** A loopback server whose handler writes the answer as it likes. */
  async function serve(
    handler: Parameters<typeof createHttpServer>[1],
  ): Promise<{ url: string; close: () => Promise<void> }> {
    const server = createHttpServer(handler);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/list`,
      close: () =>
        new Promise(resolve => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }

  const list = (fetchImpl: FetchLike, url: string, timeoutMs = 2000) => {
    const items: unknown[] = [];
    return {
      items,
      answer: requestJsonItems(
        fetchImpl,
        { source: 'argocd:main', what: 'listing Applications', url, timeoutMs },
        item => items.push(item),
      ),
    };
  };

  it('hands out items while the answer is still arriving', async () => {
    let firstItemSeen: () => void = () => undefined;
    const seen = new Promise<void>(resolve => {
      firstItemSeen = resolve;
    });
    const upstream = await serve(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"metadata":{"resourceVersion":"7"},"items":[{"n":1},');
      await seen; // the rest only once the client has parsed the first item
      res.end('{"n":2}]}');
    });
    try {
      const { items, answer } = list(
        (url, init) => fetch(url, init),
        upstream.url,
      );
      const watcher = setInterval(() => {
        if (items.length > 0) firstItemSeen();
      }, 5);
      const result = await answer.finally(() => clearInterval(watcher));
      expect(items).toEqual([{ n: 1 }, { n: 2 }]);
      expect(result).toEqual({
        status: 200,
        body: { metadata: { resourceVersion: '7' }, items: [] },
      });
    } finally {
      await upstream.close();
    }
  });

  it('times out an answer that stops in the middle', async () => {
    const upstream = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items":[{"n":1},'); // and never more
    });
    try {
      const { items, answer } = list(
        (url, init) => fetch(url, init),
        upstream.url,
        150,
      );
      await expect(answer).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message:
          'argocd:main did not answer within 150 ms when listing Applications',
      });
      expect(items).toEqual([{ n: 1 }]);
    } finally {
      await upstream.close();
    }
  });

  it('maps error statuses and answers that are not JSON', async () => {
    const answering =
      (status: number, text: string): FetchLike =>
      async () => ({
        status,
        ok: status < 300,
        headers: { get: () => null },
        text: async () => text,
      });
    await expect(
      list(answering(403, '{"message":"denied"}'), 'http://upstream/').answer,
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('argocd:main answered 403'),
    });
    await expect(
      list(answering(200, '{"items":[1,}'), 'http://upstream/').answer,
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining('the answer is not JSON'),
    });
    // Without a body stream (a fake fetch), the text is read the same way.
    const fromText = list(answering(200, '{"items":[1,2]}'), 'http://x/');
    await expect(fromText.answer).resolves.toEqual({
      status: 200,
      body: { items: [] },
    });
    expect(fromText.items).toEqual([1, 2]);
  });
});

describe('list answers of the wrong shape (scripts/faults.mjs: wrong-shape)', () => {
  const answering =
    (text: string): FetchLike =>
    async () => ({
      status: 200,
      ok: true,
      headers: { get: () => null },
      text: async () => text,
    });
  const request = {
    source: 'argocd:main',
    what: 'listing Applications',
    url: 'http://upstream/',
    timeoutMs: 1000,
  };

  it('throws naming the upstream instead of reading an empty list', async () => {
    const onItem = jest.fn();
    await expect(
      requestJsonItems(
        answering('{"kind":42,"items":{"unexpected":true}}'),
        request,
        onItem,
      ),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message:
        'argocd:main answered with an unexpected shape when listing Applications: items is an object, not a list',
    });
    await expect(
      requestJsonItems(answering('[1,2]'), request, onItem),
    ).rejects.toThrow('the answer is a list, not an object with items');
    expect(onItem).not.toHaveBeenCalled();
  });

  it("accepts ArgoCD's empty list (items null or absent)", async () => {
    for (const text of ['{"items":null}', '{"metadata":{}}']) {
      await expect(
        requestJsonItems(answering(text), request, () => undefined),
      ).resolves.toMatchObject({ status: 200 });
    }
  });

  it('listItems and listArray keep lists and refuse other shapes', () => {
    expect(listItems({ items: [1] }, 'ocm:hub', 'listing X')).toEqual([1]);
    expect(listItems({ items: null }, 'ocm:hub', 'listing X')).toEqual([]);
    expect(() => listItems('text', 'ocm:hub', 'listing X')).toThrow(
      'ocm:hub answered with an unexpected shape when listing X: the answer is a string, not an object with items',
    );
    expect(listArray([1], 'github', 'listing pulls')).toEqual([1]);
    expect(() => listArray({ items: [] }, 'github', 'listing pulls')).toThrow(
      'github answered with an unexpected shape when listing pulls: the answer is an object, not a list',
    );
  });
});

describe('createUpstreamFetch (TLS per upstream)', () => {
  const tls = join(__dirname, '../__testUtils__/tls');
  const ca = readFileSync(join(tls, 'ca.pem'), 'utf8');
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer(
      {
        key: readFileSync(join(tls, 'server.key')),
        cert: readFileSync(join(tls, 'server.pem')),
      },
      (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end('{"ok":true}');
      },
    );
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  const get = (fetchImpl: ReturnType<typeof createUpstreamFetch>) =>
    requestJson(fetchImpl, {
      source: 'argocd:tls',
      what: 'testing',
      url,
      timeoutMs: 2000,
    });

  it('trusts the configured CA for this upstream only', async () => {
    await expect(
      get(createUpstreamFetch({ ca, skipTLSVerify: false })),
    ).resolves.toEqual({ status: 200, body: { ok: true } });
    await expect(
      get(createUpstreamFetch({ skipTLSVerify: false })),
    ).rejects.toMatchObject({
      message: expect.stringContaining('could not be reached'),
    });
  });

  it('skips verification only where skipTLSVerify is set', async () => {
    await expect(
      get(createUpstreamFetch({ skipTLSVerify: true })),
    ).resolves.toMatchObject({ status: 200 });
    await expect(
      get(createUpstreamFetch({ skipTLSVerify: false })),
    ).rejects.toThrow();
  });
});

describe('upstreamErrorKind', () => {
  const kindOf = (status: number, body?: string) =>
    upstreamErrorKind(
      errorFromUpstreamStatus('github', 'listing open pull requests', {
        status,
        ...(body ? { body } : {}),
      }),
    );

  it('names each failed status for code, whatever the message says', () => {
    expect(kindOf(400)).toBe('bad-request');
    expect(kindOf(401)).toBe('credentials-rejected');
    expect(kindOf(403, '{"message":"Resource not accessible"}')).toBe(
      'forbidden',
    );
    expect(kindOf(403, '{"message":"API rate limit exceeded for x"}')).toBe(
      'rate-limited',
    );
    expect(kindOf(404)).toBe('not-found');
    expect(kindOf(409)).toBe('conflict');
    expect(kindOf(410)).toBe('conflict');
    expect(kindOf(429)).toBe('rate-limited');
    expect(kindOf(500)).toBe('unavailable');
    expect(kindOf(503)).toBe('unavailable');
  });

  it('tells a timeout from an unreachable upstream and a wrong-shape answer', () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(
      upstreamErrorKind(errorFromTransport('argocd:main', 'x', abort, 1000)),
    ).toBe('timeout');
    const refused = Object.assign(new Error('fetch failed'), {
      cause: { code: 'ECONNREFUSED' },
    });
    expect(
      upstreamErrorKind(errorFromTransport('argocd:main', 'x', refused, 1000)),
    ).toBe('unreachable');
    let wrongShape: unknown;
    try {
      listArray({ items: [] }, 'github', 'listing pulls');
    } catch (error) {
      wrongShape = error;
    }
    expect(upstreamErrorKind(wrongShape)).toBe('bad-answer');
    expect(upstreamErrorKind(new Error('anything else'))).toBe('unavailable');
  });
});
