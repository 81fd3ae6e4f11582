/*
 * The action's outputs from what the writer did.
 */
import type { VmPullRequestOutcome } from '@internal/plugin-kubevirt-gitops-node';

/** Where the base branch's files are on the web (parsed once, when the action is created). */
export interface BaseBranchLocation {
  /** `https://<host>/<owner>/<repo>`. */
  repoWebUrl: string;
  baseBranch: string;
}

/** The web URL of a file on the base branch, as the GitHub integration reads it. */
export function fileUrlOnBaseBranch(
  base: BaseBranchLocation,
  path: string,
): string {
  return `${base.repoWebUrl}/blob/${base.baseBranch}/${path}`;
}

/** Every output of kubevirt:vm:pull-request. */
export function actionOutputs(
  base: BaseBranchLocation,
  outcome: VmPullRequestOutcome,
) {
  const { changeSet, pullRequest } = outcome;
  return {
    pullRequestUrl: pullRequest?.url,
    pullRequestNumber: pullRequest?.number,
    branch: changeSet.branch,
    entityRef: changeSet.entityRef,
    catalogInfoUrl: fileUrlOnBaseBranch(base, changeSet.paths.catalogInfoFile),
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
