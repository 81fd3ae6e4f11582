import type { IncomingMessage, ServerResponse } from 'node:http';

/** gRPC status codes ArgoCD's gateway puts in error bodies, with their HTTP status. */
export const GRPC = {
  InvalidArgument: { code: 3, http: 400 },
  NotFound: { code: 5, http: 404 },
  PermissionDenied: { code: 7, http: 403 },
  Unauthenticated: { code: 16, http: 401 },
  Unknown: { code: 2, http: 500 },
  Unimplemented: { code: 12, http: 501 },
} as const;

export type GrpcStatus = (typeof GRPC)[keyof typeof GRPC];

/** Sends a JSON body (a value, or an already serialized string or buffer). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
): void {
  let payload: string | Buffer;
  if (Buffer.isBuffer(body)) payload = body;
  else payload = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

/** ArgoCD's error body (`runtimeError`): `{ error, code, message }`. */
export function sendError(
  res: ServerResponse,
  status: GrpcStatus,
  message: string,
): void {
  sendJson(res, status.http, { error: message, code: status.code, message });
}

/** The answer for a missing (or hidden) application, as the real server gives it. */
export function sendPermissionDenied(res: ServerResponse): void {
  sendError(res, GRPC.PermissionDenied, 'permission denied');
}

/** Reads a JSON request body (at most 1 MiB); undefined when empty or invalid. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > 1024 * 1024) return undefined;
    chunks.push(buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}
