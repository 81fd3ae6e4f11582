/**
 * Isomorphic types, annotations, permissions and pure functions shared by
 * the kubevirt-gitops plugins: VM request validation, VM state derivation,
 * cluster availability and the JSON shapes of the backend's answers.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './permissions';
export type * from './configTypes';
export {
  GITOPS_CONFIG_KEY,
  configuredGitopsRepositories,
  environmentConfigSchema,
  findConfiguredGitopsRepository,
  gitopsConfigSchema,
  gitopsLayoutSchema,
  imageCatalogEntrySchema,
  parseGitopsConfig,
  gitopsRepoWebUrl,
  gitopsRepositoryKey,
  parseGitopsRepoUrl,
  safeParseGitopsConfig,
} from './config';
export {
  kubevirtRunStrategies,
  requestableRunStrategies,
  vmiPhases,
  vmPrintableStatuses,
} from './kubevirt';
export type {
  KubevirtRunStrategy,
  StatusCondition,
  VmiPhase,
  VmPrintableStatus,
  VmRunStrategy,
} from './kubevirt';
export {
  formatBinaryQuantity,
  parseQuantity,
  tryParseQuantity,
} from './quantity';
export {
  commonInstancetypes,
  commonPreferences,
} from './instancetypes.generated';
export type { CommonInstancetype, CommonPreference } from './instancetypeTypes';
export {
  commonInstancetypeNames,
  commonPreferenceNames,
  findCommonInstancetype,
  findCommonPreference,
} from './instancetypes';
export { checkDnsLabel } from './textRules';
export { checkImageReference } from './imageReference';
export {
  checkSshPublicKey,
  PRIVATE_KEY_MESSAGE,
  sshPublicKeyTypes,
} from './sshKeys';
export { formatFieldPath } from './validation';
export type { ValidationIssue, ValidationResult } from './validation';
export type * from './vmRequestTypes';
export {
  VM_REQUEST_LIMITS,
  vmBootSourceSchema,
  vmRequestSchema,
  vmSizeSchema,
} from './vmRequestSchema';
export { validateVmRequest } from './validateVmRequest';
export { checkLimits, planVmEnvironments, resolveVmSize } from './vmSizing';
export type { ResolvedVmSize } from './vmSizing';
export { vmOperations } from './vmOperationTypes';
export {
  PULL_REQUEST_LABEL,
  parseVmBranchName,
  pullRequestOperation,
  vmBranchName,
  vmPullRequestLabels,
} from './pullRequestNaming';
export type {
  CreateVmOperation,
  DecommissionVmOperation,
  ResizeVmOperation,
  SetRunStrategyOperation,
  VmOperation,
  VmOperationContext,
  VmOperationRequest,
  VmPullRequestResult,
} from './vmOperationTypes';
export {
  validateVmOperation,
  vmLifecycleOperationSchema,
} from './validateVmOperation';
export type * from './vmStateTypes';
export { vmStates } from './vmStateTypes';
export { applyClusterAvailability, deriveVmState } from './vmState';
export { resolveDesiredRunStrategy } from './vmDesire';
export { readStatusConditions, readVmStateFields } from './vmObject';
export {
  clusterAvailabilities,
  deriveClusterAvailability,
  MANAGED_CLUSTER_CONDITIONS,
} from './clusterAvailability';
export type {
  ClusterAvailability,
  DerivedClusterAvailability,
  ManagedClusterFacts,
} from './clusterAvailability';
export { argoHealthStatuses, worstHealth } from './health';
export type { ArgoHealthStatus } from './health';
export type * from './vmStatusTypes';
export type * from './fleetTypes';
export { NO_ENVIRONMENT } from './fleetTypes';
export {
  APPROXIMATE_NOTE,
  approximateFromHealth,
  deriveVmStateFromArgo,
} from './vmStateFromArgo';
export type { ArgoVmView } from './vmStateFromArgo';
export { approximateOnlyVmStates } from './vmStateTypes';
