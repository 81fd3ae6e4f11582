import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import express from 'express';
import request from 'supertest';
import { sendSerialized, serializeJson } from './serializedBody';

const large = {
  clusters: Array.from({ length: 300 }, (_, i) => ({
    name: `cluster-${i}`,
    availability: i % 7 ? 'available' : 'unreachable',
  })),
};

/** A GET over a loopback socket, the body kept as sent (supertest would gunzip it). */
async function rawGet(
  app: express.Express,
  headers: Record<string, string>,
): Promise<{
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise((resolve, reject) => {
      http
        .get(`http://127.0.0.1:${port}/answer`, { headers }, res => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        })
        .on('error', reject);
    });
  } finally {
    await new Promise(resolve => server.close(resolve));
  }
}

function appServing(value: unknown) {
  const serialized = serializeJson(value);
  const app = express();
  app.get('/answer', async (req, res) => {
    await sendSerialized(req, res, serialized);
  });
  return { app, serialized };
}

describe('serializeJson', () => {
  it('serializes once, with a content-derived entity tag', () => {
    const first = serializeJson(large);
    expect(JSON.parse(first.body.toString('utf8'))).toEqual(large);
    expect(serializeJson(large).etag).toBe(first.etag);
    expect(serializeJson({ clusters: [] }).etag).not.toBe(first.etag);
    expect(first.etag).toMatch(/^"[\w-]+"$/);
  });

  it('compresses once: every caller gets the same gzip buffer', async () => {
    const serialized = serializeJson(large);
    const [a, b] = await Promise.all([
      serialized.gzipped(),
      serialized.gzipped(),
    ]);
    expect(b).toBe(a);
    expect(await serialized.gzipped()).toBe(a);
    expect(a.length).toBeLessThan(serialized.body.length / 4);
    expect(JSON.parse(gunzipSync(a).toString('utf8'))).toEqual(large);
  });
});

describe('sendSerialized', () => {
  it('sends the precompressed buffer to a client that accepts gzip', async () => {
    const { app, serialized } = appServing(large);
    const response = await rawGet(app, {
      'Accept-Encoding': 'gzip, deflate, br',
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(response.headers.etag).toBe(serialized.etag);
    const bytes = response.body;
    // The very bytes compressed once, not a new compression per request.
    expect(bytes.equals(await serialized.gzipped())).toBe(true);
    expect(JSON.parse(gunzipSync(bytes).toString('utf8'))).toEqual(large);
  });

  it('answers 304 without a body when the client has this version', async () => {
    const { app, serialized } = appServing(large);
    const response = await rawGet(app, {
      'Accept-Encoding': 'gzip',
      'If-None-Match': serialized.etag,
    });
    expect(response.status).toBe(304);
    expect(response.headers.etag).toBe(serialized.etag);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body.length).toBe(0);
    const stale = await request(app)
      .get('/answer')
      .set('If-None-Match', '"an-older-version"');
    expect(stale.status).toBe(200);
    expect(stale.body).toEqual(large);
  });

  it('sends plain JSON to clients without gzip, and small answers uncompressed', async () => {
    const { app } = appServing(large);
    const plain = await request(app)
      .get('/answer')
      .set('Accept-Encoding', 'gzip;q=0, identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toEqual(large);
    const small = appServing({ clusters: [] });
    const response = await request(small.app)
      .get('/answer')
      .set('Accept-Encoding', 'gzip');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body).toEqual({ clusters: [] });
  });
});
