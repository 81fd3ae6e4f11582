/**
 * Catalog module that discovers the VMs of the kubevirt-gitops GitOps
 * repository and emits one Resource of type virtual-machine per VM.
 *
 * @packageDocumentation
 */

export { catalogModuleKubevirtGitops as default } from './module';
export {
  KubevirtGitopsEntityProvider,
  KUBEVIRT_GITOPS_PROVIDER_NAME,
  GITHUB_PUSH_TOPIC,
} from './KubevirtGitopsEntityProvider';
export type {
  DiscoveredRepository,
  DiscoveryOutcome,
  KubevirtGitopsEntityProviderOptions,
} from './KubevirtGitopsEntityProvider';
export { DEFAULT_DISCOVERY_SCHEDULE, readDiscoveryConfig } from './config';
export type { DiscoveryConfig, DiscoveryRepository } from './config';
export {
  codeownersEntityOwner,
  codeownersOf,
  ownerEntityRef,
  parseCodeowners,
} from './codeowners';
export type { CodeownersRule } from './codeowners';
export {
  discoveredEntities,
  environmentEntity,
  environmentEntityName,
  environmentEntityRef,
  ENVIRONMENT_ENTITY_TYPE,
  mergedEntities,
  vmEntity,
  vmFolderUrl,
} from './vmEntity';
export type { RepositoryDiscovery, VmEntityContext } from './vmEntity';
