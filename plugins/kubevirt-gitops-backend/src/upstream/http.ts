/*
 * The HTTP seam of the clients: a minimal fetch signature that both the
 * global fetch (msw intercepts it in tests) and undici's fetch (with a
 * per-upstream Agent carrying the CA) satisfy, and one JSON request helper
 * that applies the timeout and the status → error mapping.
 */
import { listItems } from './json';
import { withUpstreamErrorKind as withKind } from '@internal/plugin-kubevirt-gitops-common';
import { errorFromTransport, errorFromUpstreamStatus } from './errors';
import { createJsonItemsReader, JsonItemsSyntaxError } from './jsonItems';

/** What {@link requestJsonItems} uses of a response body stream (fetch's ReadableStream). */
export interface ByteStreamLike {
  getReader(): {
    read(): Promise<{ done: boolean; value?: Uint8Array }>;
    cancel(): Promise<void>;
  };
}

/** The response fields the clients read. */
export interface HttpResponseLike {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  /** The body as a stream (fetch's Response has it); read by {@link requestJsonItems}. */
  body?: ByteStreamLike | null;
}

/** What the clients pass to fetch. */
export interface HttpRequestInit {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

/** A fetch function: `globalThis.fetch`, or undici's with a dispatcher bound. */
export type FetchLike = (
  url: string,
  init: HttpRequestInit,
) => Promise<HttpResponseLike>;

/** One JSON request to an upstream. */
export interface JsonRequest {
  /** e.g. `argocd:main`. */
  source: string;
  /** For messages, e.g. `listing Applications`. */
  what: string;
  url: string;
  method?: HttpRequestInit['method'];
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
}

/** The parsed JSON body and the status of a successful answer. */
export interface JsonAnswer {
  status: number;
  body: unknown;
}

function requestInit(request: JsonRequest): HttpRequestInit {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...request.headers,
  };
  const init: HttpRequestInit = {
    method: request.method ?? 'GET',
    headers,
    signal: AbortSignal.timeout(request.timeoutMs),
  };
  if (request.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(request.body);
  }
  return init;
}

/** Runs `step`, mapping a failure (timeout, reset) to the transport error. */
async function transport<T>(
  request: JsonRequest,
  step: () => Promise<T>,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw errorFromTransport(
      request.source,
      request.what,
      error,
      request.timeoutMs,
    );
  }
}

/** The mapped error of a non-2xx answer whose body is `text`. */
function statusError(
  request: JsonRequest,
  response: HttpResponseLike,
  text: string,
): Error {
  return errorFromUpstreamStatus(request.source, request.what, {
    status: response.status,
    body: text,
    retryAfter: response.headers.get('retry-after'),
  });
}

/** The error of a 2xx answer that is not JSON. */
function notJsonError(request: JsonRequest): Error {
  return withKind(
    errorFromUpstreamStatus(request.source, request.what, {
      status: 502,
      body: 'the answer is not JSON',
    }),
    'bad-answer',
  );
}

/**
 * Sends a request and parses its JSON body. Non-2xx answers, timeouts and
 * network errors throw the mapped `@backstage/errors` error.
 */
export async function requestJson(
  fetchImpl: FetchLike,
  request: JsonRequest,
): Promise<JsonAnswer> {
  const init = requestInit(request);
  const { response, text } = await transport(request, async () => {
    const answer = await fetchImpl(request.url, init);
    return { response: answer, text: await answer.text() };
  });
  if (!response.ok) {
    throw statusError(request, response, text);
  }
  if (text === '') {
    return { status: response.status, body: undefined };
  }
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    throw notJsonError(request);
  }
}

async function readItems(
  response: HttpResponseLike,
  onItem: (item: unknown) => void,
): Promise<unknown> {
  const reader = createJsonItemsReader(onItem);
  const stream = response.body;
  if (!stream) {
    reader.push(Buffer.from(await response.text()));
    return reader.end();
  }
  const chunks = stream.getReader();
  try {
    for (;;) {
      const next = await chunks.read();
      if (next.done) return reader.end();
      if (next.value) reader.push(next.value);
    }
  } catch (error) {
    // Stop the download (and free the connection) on a broken item.
    chunks.cancel().catch(() => undefined);
    throw error;
  }
}

/**
 * Like {@link requestJson} for a list answer (`{"items": [...], ...}`): the
 * body is read as a stream and each element of `items` is handed to
 * `onItem` as soon as it has arrived, so a large list is never held as one
 * string or one object graph. The answer's other fields come back as `body`
 * (with `items` empty).
 */
export async function requestJsonItems(
  fetchImpl: FetchLike,
  request: JsonRequest,
  onItem: (item: unknown) => void,
): Promise<JsonAnswer> {
  const init = requestInit(request);
  const response = await transport(request, () => fetchImpl(request.url, init));
  if (!response.ok) {
    const text = await transport(request, () => response.text());
    throw statusError(request, response, text);
  }
  let body: unknown;
  try {
    body = await readItems(response, onItem);
  } catch (error) {
    if (error instanceof JsonItemsSyntaxError) {
      throw notJsonError(request);
    }
    throw errorFromTransport(
      request.source,
      request.what,
      error,
      request.timeoutMs,
    );
  }
  // `items` streamed (left empty), absent or null; anything else is the
  // wrong shape and throws rather than reading as an empty list
  listItems(body, request.source, request.what);
  return { status: response.status, body };
}
