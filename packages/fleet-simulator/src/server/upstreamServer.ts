import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import { setTimeout as delay } from 'node:timers/promises';
import type { UpstreamHandler, UpstreamName } from '../contracts';
import { defaultErrorBody } from './errorBodies';
import type { FaultDecision, FaultInjector } from './faults';
import type { RequestLog } from './requestLog';

/** A canned response, e.g. GitHub's secondary rate limit. */
export interface CannedResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Options of {@link startUpstreamServer}. */
export interface UpstreamServerOptions {
  /** `control` is not logged nor faulted. */
  name: UpstreamName | 'control';
  handler: UpstreamHandler;
  /** 0 picks a free port. */
  port: number;
  tls?: { cert: string; key: string };
  log?: RequestLog;
  faults?: FaultInjector;
  /** Response for rules of kind `secondary-rate-limit`. */
  secondaryRateLimit?: () => CannedResponse;
  /**
   * A certificate signed by a CA nobody trusts, presented while a
   * `tls-unknown-ca` rule exists (HTTPS listeners only; made when first needed).
   */
  untrustedTls?: () => { cert: string; key: string };
}

/** A listening upstream. */
export interface UpstreamServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function sendJson(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: unknown,
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    ...headers,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Valid JSON of a shape no client of these APIs expects. */
const WRONG_SHAPE_BODY = {
  kind: 42,
  items: { unexpected: 'an object where a list belongs' },
  metadata: 'not an object',
  total_count: 'many',
};

/** A JSON document cut off mid-object (the length header matches what is sent). */
const TRUNCATED_BODY =
  '{"kind":"List","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[{"metadata":{"name":"trunc';

/**
 * Makes the handler's own answer about `megabytes` MB larger: a 2xx JSON
 * body gets that much whitespace before its last byte (JSON allows it), so
 * the data is the real one and only the size is hostile. Other answers pass
 * unchanged.
 */
function padAnswer(res: ServerResponse, megabytes: number): void {
  const chunks: Buffer[] = [];
  let head: { status: number; headers: Record<string, unknown> } | undefined;
  const writeHead = res.writeHead.bind(res);
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  const toBuffer = (chunk: unknown) =>
    Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const headers = rest.find(
      (value): value is Record<string, unknown> =>
        typeof value === 'object' && value !== null && !Array.isArray(value),
    );
    head = { status, headers: { ...headers } };
    return res;
  }) as typeof res.writeHead;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    chunks.push(toBuffer(chunk));
    const callback = rest.find(value => typeof value === 'function');
    if (typeof callback === 'function') callback();
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (chunk !== undefined && typeof chunk !== 'function') {
      chunks.push(toBuffer(chunk));
    }
    res.writeHead = writeHead;
    res.write = write;
    res.end = end;
    const body = Buffer.concat(chunks);
    const status = head?.status ?? res.statusCode;
    const headers = Object.fromEntries(
      Object.entries(head?.headers ?? {}).filter(
        ([key]) => key.toLowerCase() !== 'content-length',
      ),
    ) as Record<string, string>;
    res.removeHeader('content-length');
    const type = String(
      headers['content-type'] ?? res.getHeader('content-type') ?? '',
    );
    let last = body.length - 1;
    while (last >= 0 && body[last] <= 0x20) last -= 1;
    if (status < 200 || status > 299 || !/json/.test(type) || last < 0) {
      writeHead(status, { ...headers, 'content-length': body.length });
      end(body);
      return res;
    }
    const pad = Buffer.alloc(1024 * 1024, ' ');
    const pads = Math.max(1, Math.round(megabytes));
    writeHead(status, {
      ...headers,
      'content-length': body.length + pads * pad.length,
    });
    write(body.subarray(0, last));
    let written = 0;
    const next = () => {
      while (written < pads) {
        written += 1;
        if (!write(pad)) {
          res.once('drain', next);
          return;
        }
      }
      end(body.subarray(last));
    };
    next();
    void rest;
    return res;
  }) as typeof res.end;
}

function sendFault(
  res: ServerResponse,
  upstream: UpstreamName,
  error: NonNullable<FaultDecision['error']>,
  secondaryRateLimit: UpstreamServerOptions['secondaryRateLimit'],
) {
  if (error.kind === 'truncated') {
    res.writeHead(error.status ?? 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(TRUNCATED_BODY),
    });
    res.end(TRUNCATED_BODY);
    return;
  }
  if (error.kind === 'wrong-shape') {
    sendJson(res, error.status ?? 200, error.headers ?? {}, WRONG_SHAPE_BODY);
    return;
  }
  if (error.kind === 'secondary-rate-limit' && secondaryRateLimit) {
    const canned = secondaryRateLimit();
    sendJson(
      res,
      canned.status,
      { ...canned.headers, ...error.headers },
      canned.body,
    );
    return;
  }
  const status =
    error.status ?? (error.kind === 'secondary-rate-limit' ? 403 : 500);
  sendJson(
    res,
    status,
    error.headers ?? {},
    error.body ?? defaultErrorBody(upstream, status),
  );
}

/** Wraps an upstream handler with the request log and fault injection. */
export function instrument(
  options: UpstreamServerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { name, handler, log, faults } = options;
  // requests a `hang` rule holds: closed when their rule is gone
  const hung = new Map<ServerResponse, string>();
  faults?.onChange(() => {
    const live = new Set(faults.list().map(rule => rule.id));
    for (const [res, ruleId] of hung) {
      if (!live.has(ruleId)) {
        hung.delete(res);
        res.destroy();
      }
    }
  });
  return (req, res) => {
    const started = performance.now();
    const time = new Date().toISOString();
    const [path, query = ''] = (req.url ?? '/').split(/\?(.*)/s, 2);
    const method = req.method ?? 'GET';
    const decision =
      name === 'control' ? undefined : faults?.decide(name, method, path);
    if (log && name !== 'control') {
      res.on('close', () =>
        log.add({
          upstream: name,
          method,
          path,
          query,
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 100) / 100,
          time,
          ...(decision ? { faultId: decision.ruleId } : {}),
        }),
      );
    }
    const run = async () => {
      if (decision?.latencyMs) await delay(decision.latencyMs);
      if (decision?.error?.kind === 'hang') {
        // never answered; a rule used up by `times` is already gone, so
        // such a request is held until the rules next change (or 10 min)
        hung.set(res, decision.ruleId);
        res.on('close', () => hung.delete(res));
        setTimeout(() => res.destroy(), 600_000).unref();
        return;
      }
      if (decision?.error?.kind === 'oversized') {
        padAnswer(res, decision.error.sizeMegabytes ?? 64);
        await handler(req, res);
        return;
      }
      if (decision?.error && name !== 'control') {
        sendFault(res, name, decision.error, options.secondaryRateLimit);
        return;
      }
      await handler(req, res);
    };
    run().catch((error: unknown) => {
      const detail = error instanceof Error ? error.stack : String(error);
      process.stderr.write(
        `fleet-simulator ${name}: ${method} ${req.url} failed: ${detail}\n`,
      );
      if (!res.headersSent) {
        sendJson(
          res,
          500,
          {},
          name === 'control'
            ? { error: String(error) }
            : defaultErrorBody(name, 500),
        );
      } else {
        res.destroy();
      }
    });
  };
}

/**
 * Listener-level faults: `refuse` closes the listening socket (clients get
 * ECONNREFUSED) until the rule goes, then listens on the same port again;
 * `tls-unknown-ca` swaps the certificate for one of an unknown CA. Open
 * connections are closed on each change, so keep-alive clients see it too.
 */
function followListenerFaults(
  server: http.Server | https.Server,
  port: number,
  name: UpstreamName,
  options: UpstreamServerOptions,
) {
  const faults = options.faults!;
  let refused = false;
  let untrusted = false;
  let untrustedTls: { cert: string; key: string } | undefined;
  faults.onChange(() => {
    const refuse = faults.hasListenerFault(name, 'refuse');
    if (refuse && !refused) {
      refused = true;
      server.close();
      server.closeAllConnections();
    } else if (!refuse && refused) {
      refused = false;
      server.listen(port, '127.0.0.1');
    }
    const unknownCa =
      options.tls !== undefined &&
      server instanceof https.Server &&
      faults.hasListenerFault(name, 'tls-unknown-ca');
    if (unknownCa !== untrusted && server instanceof https.Server) {
      untrusted = unknownCa;
      if (unknownCa) {
        untrustedTls ??= options.untrustedTls?.();
        if (untrustedTls) server.setSecureContext(untrustedTls);
      } else if (options.tls) {
        server.setSecureContext(options.tls);
      }
      server.closeAllConnections();
    }
  });
}

/** Starts one loopback listener (HTTP, or HTTPS with `tls`). */
export async function startUpstreamServer(
  options: UpstreamServerOptions,
): Promise<UpstreamServer> {
  const listener = instrument(options);
  const server = options.tls
    ? https.createServer(
        { cert: options.tls.cert, key: options.tls.key },
        listener,
      )
    : http.createServer(listener);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error(`${options.name} is not listening on a TCP port`);
  const { port } = address;
  if (options.faults && options.name !== 'control') {
    followListenerFaults(server, port, options.name, options);
  }
  return {
    port,
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
