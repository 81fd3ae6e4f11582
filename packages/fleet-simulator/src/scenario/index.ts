export { scenarioSchema } from './schema';
export type { Scenario, ScenarioInput } from './schema';
export {
  loadScenarioFile,
  parseScenario,
  repositoryFiles,
  resolveScenario,
  ScenarioError,
} from './load';
export type { LoadedScenario } from './load';
export { generateFleet } from './generateFleet';
export type { FleetOptions } from './generateFleet';
export { vmFolderFiles } from './vmFolder';
export type { VmFolderOptions } from './vmFolder';
export { DEMO_SCENARIO_FILE } from './demo';
