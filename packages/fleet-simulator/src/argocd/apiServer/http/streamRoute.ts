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
 * Existing matching applications come first as ADDED, then every change.
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
  if (!query.get('resourceVersion')) {
    for (const name of matchingApplicationNames(applications, filters)) {
      const application = applications.get(name);
      if (application) res.write(frame({ type: 'ADDED', application }));
    }
  }
  const unsubscribe = applications.subscribe(event => {
    if (matchesApplication(event.application, filters)) res.write(frame(event));
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
