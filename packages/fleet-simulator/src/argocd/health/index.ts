import type { HealthStatus, JsonObject } from './types';
import { asString } from './types';
import {
  virtualMachineHealth,
  virtualMachineHealthPostPr29664,
} from './virtualMachine';
import { virtualMachineInstanceHealth } from './virtualMachineInstance';
import { dataVolumeHealth } from './dataVolume';
import { applicationSetHealth } from './applicationSet';
import { persistentVolumeClaimHealth, podHealth } from './kubernetes';

export type { HealthStatus, HealthStatusCode, JsonObject } from './types';
export {
  applicationHealth,
  isWorseHealth,
  HEALTH_ORDER,
  type ManagedResourceHealth,
} from './aggregate';
export {
  virtualMachineHealth,
  virtualMachineHealthPostPr29664,
  virtualMachineInstanceHealth,
  dataVolumeHealth,
  applicationSetHealth,
  podHealth,
  persistentVolumeClaimHealth,
};

/** Which VirtualMachine rule to apply: today's ArgoCD, or after PR #29664. */
export type VirtualMachineHealthRule = 'builtin' | 'post-pr-29664';

/**
 * A live object's health by ArgoCD's rules, or undefined for kinds ArgoCD has
 * no health check for (e.g. Namespace, ConfigMap), which it leaves out.
 */
export function resourceHealth(
  object: JsonObject,
  vmRule: VirtualMachineHealthRule = 'builtin',
): HealthStatus | undefined {
  const apiVersion = asString(object.apiVersion) ?? '';
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  switch (`${group}/${asString(object.kind) ?? ''}`) {
    case 'kubevirt.io/VirtualMachine':
      return vmRule === 'post-pr-29664'
        ? virtualMachineHealthPostPr29664(object)
        : virtualMachineHealth(object);
    case 'kubevirt.io/VirtualMachineInstance':
      return virtualMachineInstanceHealth(object);
    case 'cdi.kubevirt.io/DataVolume':
      return dataVolumeHealth(object);
    case 'argoproj.io/ApplicationSet':
      return applicationSetHealth(object);
    case '/Pod':
      return podHealth(object);
    case '/PersistentVolumeClaim':
      return persistentVolumeClaimHealth(object);
    default:
      return undefined;
  }
}
