/**
 * The kubevirt-gitops backend plugin: VM and fleet health from ArgoCD and
 * the OCM hub, per catalog entity.
 *
 * @packageDocumentation
 */
export { kubevirtGitopsPlugin as default } from './plugin';
