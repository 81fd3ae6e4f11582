export { scenarioSchema } from './schema';
export type { Scenario, ScenarioInput, ScenarioRepository } from './schema';
export {
  isExcludedPath,
  loadRepositories,
  loadScenarioFile,
  parseScenario,
  repositoryFiles,
  resolveScenario,
  ScenarioError,
} from './load';
export type {
  LoadedRepositories,
  LoadedRepository,
  LoadedScenario,
  RepositoryLoadOptions,
  SkippedRepository,
} from './load';
export { generateFleet } from './generateFleet';
export type { FleetOptions } from './generateFleet';
export { vmFolderFiles } from './vmFolder';
export type { VmFolderOptions } from './vmFolder';
export {
  DEMO_SCENARIO_FILE,
  MONOREPO_ROOT,
  REFERENCE_DIR_ENV,
  SINGLE_REPOSITORY_SCENARIO_FILE,
  resolveReferenceDir,
} from './demo';
