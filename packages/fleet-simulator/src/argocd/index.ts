export { createArgocdSimulator } from './createArgocdSimulator';
export type {
  ArgocdSimulator,
  ArgocdSimulatorOptions,
} from './createArgocdSimulator';
export type {
  Application,
  ApplicationSet,
  ApplicationStatus,
  ArgocdState,
  ResourceStatus,
  SyncStatusCode,
} from './types';
export {
  applicationHealth,
  applicationSetHealth,
  dataVolumeHealth,
  HEALTH_ORDER,
  isWorseHealth,
  persistentVolumeClaimHealth,
  podHealth,
  resourceHealth,
  virtualMachineHealth,
  virtualMachineHealthPostPr29664,
  virtualMachineInstanceHealth,
} from './health';
export type {
  HealthStatus,
  HealthStatusCode,
  ManagedResourceHealth,
  VirtualMachineHealthRule,
} from './health';
export {
  renderKustomize,
  KustomizeError,
} from './repoServer/kustomize/renderKustomize';
export type { KustomizeOptions } from './repoServer/kustomize/options';
