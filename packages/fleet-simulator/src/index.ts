export { startSimulator } from './startSimulator';
export type { RunningSimulator, StartSimulatorOptions } from './startSimulator';
export {
  DEMO_CREDENTIALS,
  simulatorBackstageConfig,
  simulatorConnection,
} from './backstageConfig';
export type {
  SimulatorBackstageConfig,
  SimulatorConfigOptions,
  SimulatorConnection,
} from './backstageConfig';
export { createClock } from './clock';
export type { ClockOptions } from './clock';
export * from './store';
export {
  createHub,
  buildManagedCluster,
  withAvailability,
  availabilityOf,
  generateHubTls,
  writeHubTls,
  CLUSTER_SET_LABEL,
  PLACEMENT_LABEL,
  HUB_RESOURCES,
} from './hub';
export type {
  Availability,
  ClusterDefinition,
  Hub,
  HubDefinition,
  HubOptions,
  HubResource,
  HubSummary,
  HubTlsMaterial,
  PlacementDefinition,
} from './hub';
export {
  DEMO_SCENARIO_FILE,
  SINGLE_REPOSITORY_SCENARIO_FILE,
  REFERENCE_DIR_ENV,
  generateFleet,
  loadRepositories,
  loadScenarioFile,
  parseScenario,
  resolveReferenceDir,
  scenarioSchema,
  ScenarioError,
  vmFolderFiles,
} from './scenario';
export type {
  FleetOptions,
  LoadedRepositories,
  Scenario,
  ScenarioInput,
  ScenarioRepository,
  SkippedRepository,
  VmFolderOptions,
} from './scenario';
export { FaultInjector, RequestLog, faultRuleSchema } from './server';
export type { FaultRule, FaultRuleInput, RequestLogEntry } from './server';
export { createGithubSimulator, secondaryRateLimitResponse } from './github';
export type {
  GithubSimulator,
  GithubSimulatorOptions,
  GithubState,
} from './github';
export { createArgocdSimulator, renderKustomize } from './argocd';
export type { ArgocdSimulator, ArgocdSimulatorOptions } from './argocd';
export type {
  GitopsRepository,
  GitopsRepositoryInput,
} from './argocd/repoServer/gitopsRepository';
export type * from './contracts';
