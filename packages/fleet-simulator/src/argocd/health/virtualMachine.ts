import type { HealthStatus, HealthStatusCode, JsonObject } from './types';
import { asObject, asObjectArray, asString, health, luaTruthy } from './types';

/**
 * ArgoCD's built-in health check for `kubevirt.io/VirtualMachine`, a port of
 * `resource_customizations/kubevirt.io/VirtualMachine/health.lua`.
 * It never reports Degraded, and reports a deliberately stopped VM as
 * Suspended "Stopped".
 */
export function virtualMachineHealth(vm: JsonObject): HealthStatus {
  const status = asObject(vm.status);
  if (!status) {
    return health('Progressing', 'No status available');
  }
  let code: HealthStatusCode = 'Progressing';
  let message: string | undefined = 'No status available';
  for (const condition of asObjectArray(status.conditions)) {
    if (condition.type === 'Paused' && condition.status === 'True') {
      return health('Suspended', 'Paused');
    }
    if (condition.type === 'Ready') {
      if (condition.status === 'True') {
        code = 'Healthy';
        message = 'Running';
      } else if (luaTruthy(status.created)) {
        message = 'Starting';
      } else {
        code = 'Suspended';
        message = 'Stopped';
      }
    }
  }
  const printableStatus = asString(status.printableStatus);
  if (printableStatus !== undefined) {
    message = printableStatus;
  }
  return health(code, message);
}

/**
 * The VirtualMachine health check after ArgoCD PR #29664
 * (`post-pr-29664/.../VirtualMachine/health.lua`): a VM declared stopped
 * (`runStrategy: Halted` or `running: false`) with no VMI is Healthy
 * "Stopped as declared"; everything else as {@link virtualMachineHealth}.
 */
export function virtualMachineHealthPostPr29664(vm: JsonObject): HealthStatus {
  const spec = asObject(vm.spec);
  const declaredStopped =
    spec !== undefined &&
    (spec.running === false || spec.runStrategy === 'Halted');
  const status = asObject(vm.status);
  if (declaredStopped && (!status || !luaTruthy(status.created))) {
    return health('Healthy', 'Stopped as declared');
  }
  return virtualMachineHealth(vm);
}
