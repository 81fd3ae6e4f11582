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

/** `value` when it is a JSON object (not an array), else undefined. */
export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

/** The JSON objects in `value` when it is an array, else an empty list. */
export function asObjectArray(value: unknown): JsonObject[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.flatMap(item => {
    const object = asObject(item);
    return object ? [object] : [];
  });
}

/** `value` when it is a string, else undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

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
