import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApplicationEvent } from '../../applicationStore';
import {
  matchesApplication,
  matchingApplicationNames,
  parseApplicationFilters,
} from './applicationFilters';
import type { ArgocdServerContext } from './context';
import { GRPC, sendError } from './respond';

/** How an open stream is closed: `end` finishes it, `destroy` cuts the connection. */
export type StreamCloseMode = 'end' | 'destroy';

/** The open Application streams, so the control API can drop them. */
export class StreamRegistry {
  private readonly open = new Set<(mode: StreamCloseMode) => void>();

  add(close: (mode: StreamCloseMode) => void): () => void {
    this.open.add(close);
    return () => this.open.delete(close);
  }

  get size(): number {
    return this.open.size;
  }

  /** Closes every open stream (as an API server restart or a proxy timeout does). */
  dropAll(mode: StreamCloseMode = 'end') {
    for (const close of [...this.open]) close(mode);
  }
}

function frame(event: ApplicationEvent): string {
  return `data: ${JSON.stringify({
    result: { type: event.type, application: event.application },
  })}\n\n`;
}

/**
 * `GET /api/v1/stream/applications`: server-sent events as grpc-gateway
 * streams them, each `data: {"result":{"type":..., "application":...}}`.
 * As ArgoCD's server (application.Server.Watch): existing matching
 * applications come first as ADDED when no `resourceVersion` is given or a
 * `name` is; then every change. With a `resourceVersion`, applications
 * older than it are not sent (it parses as an integer; anything else counts
 * as 0). Nothing missed while no stream was open is replayed.
 */
export function streamApplications(
  context: ArgocdServerContext,
  query: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const parsed = parseApplicationFilters(query);
  if (!parsed.ok) {
    sendError(res, GRPC.InvalidArgument, parsed.message);
    return;
  }
  const { filters } = parsed;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'X-Content-Type-Options': 'nosniff',
  });
  const { applications } = context;
  const requested = query.get('resourceVersion') ?? '';
  const minVersion = /^-?\d+$/.test(requested) ? Number(requested) : 0;
  const current = (event: ApplicationEvent) =>
    Number(event.application.metadata.resourceVersion ?? 0) >= minVersion;
  if (!requested || filters.name) {
    for (const name of matchingApplicationNames(applications, filters)) {
      const application = applications.get(name);
      const event: ApplicationEvent | undefined = application && {
        type: 'ADDED',
        application,
      };
      if (event && current(event)) res.write(frame(event));
    }
  }
  const unsubscribe = applications.subscribe(event => {
    if (matchesApplication(event.application, filters) && current(event))
      res.write(frame(event));
  });
  let unregister: () => void = () => undefined;
  const close = (mode: StreamCloseMode = 'end') => {
    unsubscribe();
    unregister();
    if (mode === 'destroy') res.destroy();
    else if (!res.writableEnded) res.end();
  };
  unregister = context.streams.add(close);
  req.on('close', () => close());
  res.on('close', () => close());
}
