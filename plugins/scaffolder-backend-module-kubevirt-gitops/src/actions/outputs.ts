/*
 * The action's outputs from what the writer did.
 */
import { InputError } from '@backstage/errors';
import { parseGitopsRepoUrl, type GitopsConfig } from '@internal/plugin-kubevirt-gitops-common';
import type { VmPullRequestOutcome } from '@internal/plugin-kubevirt-gitops-node';

/** The web URL of a file on the base branch, as the GitHub integration reads it. */
export function fileUrlOnBaseBranch(config: GitopsConfig, path: string): string {
  const repository = parseGitopsRepoUrl(config.repoUrl);
  if (!repository) {
    throw new InputError(`kubevirtGitops.gitops.repoUrl "${config.repoUrl}" is not a repository URL`);
  }
  return `https://${repository.host}/${repository.owner}/${repository.repo}/blob/${config.baseBranch}/${path}`;
}

/** Every output of kubevirt:vm:pull-request. */
export function actionOutputs(config: GitopsConfig, outcome: VmPullRequestOutcome) {
  const { changeSet, pullRequest } = outcome;
  return {
    pullRequestUrl: pullRequest?.url,
    pullRequestNumber: pullRequest?.number,
    branch: changeSet.branch,
    entityRef: changeSet.entityRef,
    catalogInfoUrl: fileUrlOnBaseBranch(config, changeSet.paths.catalogInfoFile),
    reused: pullRequest?.reused ?? false,
    files: changeSet.files.map(file =>
      'deleted' in file
        ? { path: file.path, change: 'delete' as const }
        : { path: file.path, change: 'write' as const, content: file.content },
    ),
    previews: changeSet.previews.map(preview => ({
      environment: preview.environment,
      directory: preview.directory,
      manifests: preview.manifests,
      error: preview.error,
    })),
  };
}
