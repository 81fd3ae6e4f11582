/**
 * Scaffolder module with the kubevirt:vm:pull-request action.
 *
 * @packageDocumentation
 */

export { scaffolderModuleKubevirtGitops as default } from './module';
export { createVmPullRequestAction } from './actions/vmPullRequest';
export type { VmPullRequestActionOptions } from './actions/vmPullRequest';
