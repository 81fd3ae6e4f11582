import type { ServerResponse } from 'node:http';
import type { HubResource } from './resources';

/** A Kubernetes `Status` object (metav1.Status), as the API server sends for errors. */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, string>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: Array<{ reason?: string; message: string; field?: string }>;
  };
  code: number;
}

export function failure(
  code: number,
  reason: string,
  message: string,
  details?: KubeStatus['details'],
  metadata: Record<string, string> = {},
): KubeStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata,
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

/** `managedclusters.cluster.open-cluster-management.io "x" not found` */
export function notFound(resource: HubResource, name: string): KubeStatus {
  return failure(
    404,
    'NotFound',
    `${resource.plural}.${resource.group} "${name}" not found`,
    {
      name,
      group: resource.group,
      kind: resource.plural,
    },
  );
}

export const unknownPath = (): KubeStatus =>
  failure(
    404,
    'NotFound',
    'the server could not find the requested resource',
    {},
  );

export const unauthorized = (): KubeStatus =>
  failure(401, 'Unauthorized', 'Unauthorized');

export function methodNotAllowed(): KubeStatus {
  return failure(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
    {},
  );
}

export const badRequest = (message: string): KubeStatus =>
  failure(400, 'BadRequest', message);

/** 410 for a `continue` token whose list snapshot is gone. */
export function expiredContinue(): KubeStatus {
  return failure(
    410,
    'Expired',
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
  );
}

/** 410 for a watch `resourceVersion` older than the kept history. */
export function tooOldResourceVersion(
  requested: number,
  oldest: number,
): KubeStatus {
  return failure(
    410,
    'Expired',
    `too old resource version: ${requested} (${oldest})`,
  );
}

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
): void {
  sendJsonText(res, code, JSON.stringify(body));
}

export function sendJsonText(
  res: ServerResponse,
  code: number,
  text: string,
): void {
  res.writeHead(code, {
    'content-type': 'application/json',
    'cache-control': 'no-cache, private',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendStatus(res: ServerResponse, status: KubeStatus): void {
  sendJson(res, status.code, status);
}
