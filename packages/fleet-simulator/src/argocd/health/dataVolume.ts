import type { HealthStatus, HealthStatusCode, JsonObject } from './types';
import { asObject, asObjectArray, asString, health } from './types';

/**
 * ArgoCD's health check for `cdi.kubevirt.io/DataVolume`, a port of
 * `resource_customizations/cdi.kubevirt.io/DataVolume/health.lua`.
 */
export function dataVolumeHealth(dataVolume: JsonObject): HealthStatus {
  const status = asObject(dataVolume.status);
  if (!status) {
    return health('Progressing', 'No status available');
  }
  let code: HealthStatusCode = 'Progressing';
  let message: string | undefined = 'No status available';
  if (status.phase !== undefined && status.phase !== null) {
    message = asString(status.phase);
    if (message === 'Succeeded') {
      return health('Healthy', message);
    } else if (message === 'Failed' || message === 'Unknown') {
      code = 'Degraded';
    } else if (message === 'Paused') {
      return health('Suspended', message);
    }
  }
  for (const condition of asObjectArray(status.conditions)) {
    if (
      condition.type === 'Running' &&
      condition.status === 'False' &&
      condition.reason === 'Error'
    ) {
      return health('Degraded', asString(condition.message));
    }
  }
  return health(code, message);
}
