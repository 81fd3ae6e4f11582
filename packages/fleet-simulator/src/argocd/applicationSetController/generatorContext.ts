import type { GitStore, ObjectStore } from '../../contracts';
import type { GitopsClusterController } from '../clusters/gitopsClusterController';
import { matchesLabelSelectorObject } from '../../store';
import type { GeneratorContext } from './generators';
import { GeneratorError } from './generators';
import type { GitopsRepository } from '../repoServer/gitopsRepository';
import {
  createDirectoryLister,
  findGitopsRepository,
  repositoryKey,
  resolveRevision,
} from '../repoServer/gitopsRepository';

/** What ApplicationSet generators read: ArgoCD's clusters, the hub's PlacementDecisions, the GitOps repositories. */
export function createGeneratorContext(options: {
  store: ObjectStore;
  git: GitStore;
  repositories: readonly GitopsRepository[];
  clusters: GitopsClusterController;
  namespace: string;
}): GeneratorContext {
  const { store, git, repositories, clusters, namespace } = options;
  const listers = new Map(
    repositories.map(repository => [
      repositoryKey(repository),
      createDirectoryLister(git, repository),
    ]),
  );
  return {
    namespace,
    clusters: () => clusters.list(),
    placementDecisions: (decisionNamespace, selector) =>
      store
        .list('PlacementDecision', { namespace: decisionNamespace })
        .filter(decision =>
          matchesLabelSelectorObject(decision.metadata.labels, selector),
        ),
    gitDirectories: (repoURL, revision) => {
      const repository = findGitopsRepository(repositories, repoURL);
      const directoriesOf =
        repository && listers.get(repositoryKey(repository));
      if (!repository || !directoriesOf) {
        throw new GeneratorError(
          `error getting directories from repo: repository not found: ${repoURL}`,
        );
      }
      const sha = resolveRevision(git, repository, revision);
      if (!sha) {
        throw new GeneratorError(
          `unable to resolve '${revision}' to a commit SHA`,
        );
      }
      return directoriesOf(sha);
    },
  };
}
