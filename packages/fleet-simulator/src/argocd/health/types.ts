/** ArgoCD's health status codes (gitops-engine `pkg/health`). */
export type HealthStatusCode =
  | 'Healthy'
  | 'Progressing'
  | 'Degraded'
  | 'Suspended'
  | 'Missing'
  | 'Unknown';

/** A resource's or an application's health, as ArgoCD reports it. */
export interface HealthStatus {
  status: HealthStatusCode;
  message?: string;
}

/** A plain JSON object, as the health checks read it. */
export type JsonObject = Record<string, unknown>;

export { asObject, asObjectArray, asString } from '../../json';

/** Lua truthiness: everything but nil (undefined/null) and false. */
export function luaTruthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false;
}

/** Builds a HealthStatus, leaving `message` out when Lua would hold nil. */
export function health(
  status: HealthStatusCode,
  message: string | undefined,
): HealthStatus {
  return message === undefined ? { status } : { status, message };
}
