/*
 * Writes an `ApiResponse` with GitHub's headers: JSON content type, a weak
 * ETag on successful reads (and 304 when `If-None-Match` matches), Link,
 * Location, rate limits and request id supplied by the caller.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiResponse } from './route';

const JSON_TYPE = 'application/json; charset=utf-8';

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (value: string) => value.trim().replace(/^W\//, '');
  const wanted = strip(etag);
  return header
    .split(',')
    .some(candidate => candidate.trim() === '*' || strip(candidate) === wanted);
}

export function sendApiResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: ApiResponse,
  baseHeaders: Record<string, string>,
): void {
  const isRead = req.method === 'GET' || req.method === 'HEAD';
  let data: Buffer | undefined;
  let contentType = JSON_TYPE;
  let etag: string | undefined;
  if (response.raw) {
    data = response.raw.data;
    contentType = response.raw.contentType;
    etag = response.raw.etag;
  } else if (response.body !== undefined) {
    data = Buffer.from(JSON.stringify(response.body));
  }
  if (isRead && response.status === 200 && data) {
    etag ??= `W/"${createHash('sha1').update(data).digest('hex')}"`;
  }
  const headers: Record<string, string> = {
    ...baseHeaders,
    ...response.headers,
  };
  if (isRead && response.status === 200) {
    headers['cache-control'] = 'private, max-age=60, s-maxage=60';
    headers.vary = 'Accept, Authorization, Cookie, X-GitHub-OTP';
  }
  if (etag) headers.etag = etag;
  if (etag && isRead && etagMatches(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  if (data) {
    headers['content-type'] = contentType;
    headers['content-length'] = String(data.length);
  } else {
    headers['content-length'] = '0';
  }
  res.writeHead(response.status, headers);
  res.end(req.method === 'HEAD' ? undefined : data);
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}
