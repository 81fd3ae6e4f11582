/*
 * An open pull request as the VM tab shows it, with the lifecycle operation
 * read from its `vm/<operation>` label or, failing that, its branch name.
 */
import {
  vmOperations,
  type VmOperation,
  type VmPullRequest,
} from '@internal/plugin-kubevirt-gitops-common';
import type { OpenPullRequest } from './PullRequestReader';

function operationOf(pull: OpenPullRequest): VmOperation | undefined {
  for (const label of pull.labels) {
    const match = /^vm\/(.+)$/.exec(label);
    const operation = vmOperations.find(candidate => candidate === match?.[1]);
    if (operation) return operation;
  }
  const branchParts = pull.branch.split(/[/_]/);
  // Longest names first, so `set-run-strategy` wins over a shorter match.
  return [...vmOperations]
    .sort((a, b) => b.length - a.length)
    .find(operation => branchParts.includes(operation));
}

/** Maps a pull request for the VM tab. */
export function toVmPullRequest(pull: OpenPullRequest): VmPullRequest {
  const operation = operationOf(pull);
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
