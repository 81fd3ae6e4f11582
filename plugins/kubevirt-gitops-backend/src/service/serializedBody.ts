/*
 * A JSON answer serialized once and sent many times: the body, its entity
 * tag, and (computed on first use, off the event loop) its gzip form, so
 * large answers such as `/fleet` for thousands of clusters cost neither a
 * JSON.stringify nor a compression per request.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { constants, gzip } from 'node:zlib';
import type express from 'express';

const gzipAsync = promisify(gzip);

/** A serialized JSON answer. */
export interface SerializedBody {
  body: Buffer;
  etag: string;
  /** The gzip-compressed body (memoized). */
  gzipped(): Promise<Buffer>;
}

/** Serializes a value once. */
export function serializeJson(value: unknown): SerializedBody {
  const body = Buffer.from(JSON.stringify(value));
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  let compressed: Promise<Buffer> | undefined;
  return {
    body,
    etag,
    gzipped() {
      compressed ??= gzipAsync(body, { level: constants.Z_BEST_SPEED });
      return compressed;
    },
  };
}

/** Sends a serialized answer: 304 when the client has it, gzip when it accepts it. */
export async function sendSerialized(
  req: express.Request,
  res: express.Response,
  serialized: SerializedBody,
): Promise<void> {
  res.setHeader('ETag', serialized.etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('Vary', 'Accept-Encoding');
  if (req.headers['if-none-match'] === serialized.etag) {
    res.status(304).end();
    return;
  }
  res.type('application/json');
  if (
    serialized.body.length > 1024 &&
    req.acceptsEncodings('gzip') === 'gzip'
  ) {
    res.setHeader('Content-Encoding', 'gzip');
    res.send(await serialized.gzipped());
    return;
  }
  res.send(serialized.body);
}
