/**
 * The GitOps repository model of the kubevirt-gitops plugins: layouts,
 * overlay generation and editing, the kustomize preview, and the one GitHub
 * layer (client, credentials, error mapper, pull-request writer and
 * open-pull-request reader). Shared by the scaffolder action, the catalog
 * module and the backend.
 *
 * @packageDocumentation
 */

export { readGitopsWriterConfig } from './config/readGitopsWriterConfig';
export type { GitopsWriterConfig } from './config/readGitopsWriterConfig';
export { sharedApplicationSetText } from './manifests/applicationSet';
export type { ArgocdTarget } from './manifests/applicationSet';
export { vmEntityRef } from './manifests/catalogInfo';
export {
  checkVmOperationInput,
  checkVmOperationForVm,
} from './operations/checkOperation';
export { planVmChange } from './operations/planVmChange';
export type {
  EnvironmentPreview,
  EnvironmentSummary,
  FileChange,
  PlanContext,
  VmChangeSet,
  VmRepositoryState,
} from './operations/types';
export { createKustomizeRunner } from './kustomize/kustomizeRunner';
export type {
  KustomizeBuild,
  KustomizeRunner,
  KustomizeRunnerOptions,
} from './kustomize/kustomizeRunner';
export type { OracleVerdict } from './oracle/checkChange';
export { renderEnvironmentPreviews } from './preview/renderPreviews';
export {
  createBackendEnvironmentClustersFetcher,
  noEnvironmentClusters,
} from './environments/environmentClusters';
export type {
  BackendEnvironmentClustersOptions,
  EnvironmentCluster,
  EnvironmentClustersFetcher,
  EnvironmentClustersResult,
} from './environments/environmentClusters';
export { createGithubClient } from './github/githubClient';
export type { GithubClient, GithubClientOptions } from './github/githubClient';
export { createIntegrationClientFactory } from './github/githubCredentials';
export type {
  GithubClientFactory,
  IntegrationClientFactoryOptions,
} from './github/githubCredentials';
export {
  createPullRequestReader,
  toOpenPullRequest,
} from './github/pullRequestReader';
export type {
  OpenPullRequest,
  PullRequestReader,
  PullRequestReaderOptions,
} from './github/pullRequestReader';
export { readPullRequestState } from './github/pullRequestState';
export type { PullRequestState } from './github/pullRequestState';
export { declaredStateOf, vmRequestEventOf } from './github/vmRequestEvent';
export { createSingleFlight, createTtlCache } from './cache/ttlCache';
export type { TtlCache, TtlCacheOptions } from './cache/ttlCache';
export { renderPullRequestBody } from './github/pullRequestBody';
export type { PullRequestBodyInput } from './github/pullRequestBody';
export { createVmPullRequestWriter } from './github/vmPullRequestWriter';
export { createRepositoryWriters } from './github/repositoryWriters';
export type {
  RepositoryWriter,
  RepositoryWriters,
  RepositoryWritersOptions,
} from './github/repositoryWriters';
export type {
  Checkpoint,
  VmPullRequestOutcome,
  VmPullRequestRequest,
  VmPullRequestWriter,
  VmPullRequestWriterOptions,
} from './github/vmPullRequestWriter';
export {
  CODEOWNERS_PATHS,
  isYamlFile,
  readRepositoryFiles,
} from './github/readRepositoryFiles';
export type {
  ReadRepositoryFilesOptions,
  RepositoryFiles,
} from './github/readRepositoryFiles';
export { discoverRepositoryVms } from './layout/discoverRepositoryVms';
export type {
  RepositoryVm,
  RepositoryVmDiscovery,
} from './layout/discoverRepositoryVms';
