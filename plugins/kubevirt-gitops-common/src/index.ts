/**
 * Isomorphic types, annotations, permissions and pure functions shared by
 * the kubevirt-gitops plugins: VM request validation, VM state derivation,
 * cluster availability and the JSON shapes of the backend's answers.
 *
 * @packageDocumentation
 */

export * from './entity/annotations';
export * from './entity/permissions';
export type * from './config/configTypes';
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
} from './config/config';
export {
  kubevirtRunStrategies,
  requestableRunStrategies,
  vmiPhases,
  vmPrintableStatuses,
} from './state/kubevirt';
export type {
  KubevirtRunStrategy,
  StatusCondition,
  VmiPhase,
  VmPrintableStatus,
  VmRunStrategy,
} from './state/kubevirt';
export {
  formatBinaryQuantity,
  parseQuantity,
  tryParseQuantity,
} from './sizing/quantity';
export {
  commonInstancetypes,
  commonPreferences,
} from './sizing/instancetypes.generated';
export type {
  CommonInstancetype,
  CommonPreference,
} from './sizing/instancetypeTypes';
export {
  commonInstancetypeNames,
  commonPreferenceNames,
  findCommonInstancetype,
  findCommonPreference,
} from './sizing/instancetypes';
export { checkDnsLabel } from './request/textRules';
export { checkImageReference } from './request/imageReference';
export {
  checkSshPublicKey,
  PRIVATE_KEY_MESSAGE,
  sshPublicKeyTypes,
} from './request/sshKeys';
export { formatFieldPath } from './request/validation';
export type { ValidationIssue, ValidationResult } from './request/validation';
export type * from './request/vmRequestTypes';
export {
  VM_REQUEST_LIMITS,
  vmBootSourceSchema,
  vmRequestSchema,
  vmSizeSchema,
} from './request/vmRequestSchema';
export { validateVmRequest } from './request/validateVmRequest';
export {
  checkLimits,
  planVmEnvironments,
  resolveVmSize,
} from './sizing/vmSizing';
export type { ResolvedVmSize } from './sizing/vmSizing';
export { vmOperations } from './request/vmOperationTypes';
export {
  PULL_REQUEST_LABEL,
  parseVmBranchName,
  pullRequestOperation,
  vmBranchName,
  vmPullRequestLabels,
} from './gitops/pullRequestNaming';
export {
  fillPathTemplate,
  gitopsLayouts,
  vmEnvironmentsIn,
  vmPaths,
} from './gitops/layouts';
export type {
  DiscoveredLayout,
  GitopsLayoutDefinition,
  LayoutPathTemplates,
  VmPaths,
} from './gitops/layouts';
export { operationVmName, vmFolderOf, vmTarget } from './gitops/vmTarget';
export type { VmTarget } from './gitops/vmTarget';
export type {
  CreateVmOperation,
  DecommissionVmOperation,
  ResizeVmOperation,
  SetRunStrategyOperation,
  VmOperation,
  VmOperationContext,
  VmOperationRequest,
  VmPullRequestResult,
} from './request/vmOperationTypes';
export {
  validateVmOperation,
  vmLifecycleOperationSchema,
} from './request/validateVmOperation';
export {
  vmOperationFieldSchemas,
  vmOperationFields,
} from './request/vmOperationFields';
export type * from './state/vmStateTypes';
export { vmStates } from './state/vmStateTypes';
export { applyClusterAvailability, deriveVmState } from './state/vmState';
export { isAsDeclared, isVmSettled } from './state/vmSettled';
export { resolveDesiredRunStrategy } from './state/vmDesire';
export { readStatusConditions, readVmStateFields } from './state/vmObject';
export {
  clusterAvailabilities,
  deriveClusterAvailability,
  MANAGED_CLUSTER_CONDITIONS,
} from './state/clusterAvailability';
export type {
  ClusterAvailability,
  DerivedClusterAvailability,
  ManagedClusterFacts,
} from './state/clusterAvailability';
export { argoHealthStatuses, worstHealth } from './state/health';
export type { ArgoHealthStatus } from './state/health';
export type * from './api/vmStatusTypes';
export type * from './api/timelineTypes';
export { VM_REQUEST_EVENT_TOPIC } from './api/requestEvents';
export type { VmRequestEvent } from './api/requestEvents';
export { FLEET_SIGNAL_CHANNEL, vmSignalChannel } from './api/signals';
export type { KubevirtGitopsSignal } from './api/signals';
export {
  markedUpstreamErrorKind,
  withUpstreamErrorKind,
} from './api/upstreamErrorKind';
export type * from './api/fleetTypes';
export { NO_ENVIRONMENT } from './api/fleetTypes';
export {
  APPROXIMATE_NOTE,
  approximateFromHealth,
  deriveVmStateFromArgo,
} from './state/vmStateFromArgo';
export type { ArgoVmView } from './state/vmStateFromArgo';
export { approximateOnlyVmStates } from './state/vmStateTypes';
