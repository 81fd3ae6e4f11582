/*
 * The raw media types (`application/vnd.github.raw`, `.v3.raw`, `.raw+json`)
 * that make GitHub answer with a file's bytes instead of JSON.
 */
import type { ApiRequest, ApiResponse } from '../http/route';

export function wantsRaw(request: ApiRequest): boolean {
  const accept = request.headers.accept ?? '';
  return /application\/vnd\.github(?:\.v3)?\.raw/.test(accept);
}

/** Wants the "object" media type: directories as an object with `entries`. */
export function wantsObject(request: ApiRequest): boolean {
  const accept = request.headers.accept ?? '';
  return /application\/vnd\.github(?:\.v3)?\.object/.test(accept);
}

export function rawResponse(content: Buffer, blobSha: string): ApiResponse {
  return {
    status: 200,
    raw: {
      data: content,
      contentType: 'text/plain; charset=utf-8',
      etag: `"${blobSha}"`,
    },
    headers: { 'x-github-media-type': 'github.v3; param=raw' },
  };
}
