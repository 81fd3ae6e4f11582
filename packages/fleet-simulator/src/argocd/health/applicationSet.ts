import type { HealthStatus, JsonObject } from './types';
import { asObject, asObjectArray, asString, health } from './types';

function firstCondition(
  conditions: JsonObject[],
  type: string,
  status: string,
): JsonObject | undefined {
  return conditions.find(c => c.type === type && c.status === status);
}

/**
 * ArgoCD's health check for `argoproj.io/ApplicationSet`, a port of
 * `resource_customizations/argoproj.io/ApplicationSet/health.lua`.
 */
export function applicationSetHealth(applicationSet: JsonObject): HealthStatus {
  const conditions = asObjectArray(asObject(applicationSet.status)?.conditions);
  const rules: Array<[string, string, HealthStatus['status']]> = [
    ['ErrorOccurred', 'True', 'Degraded'],
    ['ResourcesUpToDate', 'False', 'Degraded'],
    ['RolloutProgressing', 'True', 'Progressing'],
    ['ResourcesUpToDate', 'True', 'Healthy'],
  ];
  for (const [type, status, code] of rules) {
    const condition = firstCondition(conditions, type, status);
    if (condition) {
      return health(code, asString(condition.message));
    }
  }
  return health('Progressing', 'Waiting for the status to be reported');
}
