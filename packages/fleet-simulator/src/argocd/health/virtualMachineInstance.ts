import type { HealthStatus, HealthStatusCode, JsonObject } from './types';
import { asObject, asObjectArray, asString, health } from './types';

/**
 * ArgoCD's health check for `kubevirt.io/VirtualMachineInstance`, a port of
 * `resource_customizations/kubevirt.io/VirtualMachineInstance/health.lua`.
 */
export function virtualMachineInstanceHealth(vmi: JsonObject): HealthStatus {
  const status = asObject(vmi.status);
  if (!status) {
    return health('Progressing', 'No status available');
  }
  let code: HealthStatusCode = 'Progressing';
  let message: string | undefined = 'No status available';
  if (status.phase !== undefined && status.phase !== null) {
    message = asString(status.phase);
    switch (message) {
      case 'Failed':
        return health('Degraded', message);
      case 'Pending':
      case 'Scheduling':
      case 'Scheduled':
        return health('Progressing', message);
      case 'Succeeded':
        return health('Suspended', message);
      case 'Unknown':
        return health('Unknown', message);
      default:
        break;
    }
  }
  for (const condition of asObjectArray(status.conditions)) {
    if (condition.type === 'Ready') {
      if (condition.status === 'True') {
        code = 'Healthy';
        message = 'Running';
      } else {
        code = 'Degraded';
        message = asString(condition.message);
      }
    } else if (condition.type === 'Paused' && condition.status === 'True') {
      return health('Suspended', asString(condition.message));
    }
  }
  return health(code, message);
}
