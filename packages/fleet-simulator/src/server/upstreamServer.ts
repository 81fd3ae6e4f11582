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

function sendFault(
  res: ServerResponse,
  upstream: UpstreamName,
  error: NonNullable<FaultDecision['error']>,
  secondaryRateLimit: UpstreamServerOptions['secondaryRateLimit'],
) {
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
