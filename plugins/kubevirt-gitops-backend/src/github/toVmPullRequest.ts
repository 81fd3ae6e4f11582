/*
 * An open pull request as the VM tab shows it, with the lifecycle operation
 * read from its `vm/<operation>` label or, failing that, its branch name
 * (common's `pullRequestOperation`, next to the writer's `vmBranchName`).
 */
import {
  pullRequestOperation,
  type VmPullRequest,
} from '@internal/plugin-kubevirt-gitops-common';
import type { OpenPullRequest } from '@internal/plugin-kubevirt-gitops-node';

/** Maps a pull request for the VM tab. */
export function toVmPullRequest(pull: OpenPullRequest): VmPullRequest {
  const operation = pullRequestOperation(pull);
  return {
    number: pull.number,
    title: pull.title,
    url: pull.url,
    createdAt: pull.createdAt,
    labels: pull.labels,
    ...(operation ? { operation } : {}),
    ...(pull.author ? { author: pull.author } : {}),
  };
}
