import { STATUS_CODES } from 'node:http';
import type { UpstreamName } from '../contracts';

const KUBE_REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** gRPC codes grpc-gateway maps to these HTTP statuses (ArgoCD answers through grpc-gateway). */
const GRPC_CODES: Record<number, number> = {
  400: 3,
  401: 16,
  403: 7,
  404: 5,
  409: 6,
  429: 8,
  499: 1,
  500: 13,
  501: 12,
  503: 14,
  504: 4,
};

/** The error body each upstream sends for a status, as the real servers shape it. */
export function defaultErrorBody(
  upstream: UpstreamName,
  status: number,
): unknown {
  const text = STATUS_CODES[status] ?? 'Error';
  switch (upstream) {
    case 'hub':
      return {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          status === 429 ? 'Too many requests, please try again later.' : text,
        reason:
          KUBE_REASONS[status] ??
          (status >= 500 ? 'InternalError' : 'BadRequest'),
        code: status,
      };
    case 'argocd': {
      const message = text.toLowerCase();
      return { error: message, code: GRPC_CODES[status] ?? 2, message };
    }
    default:
      return {
        message: text,
        documentation_url: 'https://docs.github.com/rest',
        status: String(status),
      };
  }
}
