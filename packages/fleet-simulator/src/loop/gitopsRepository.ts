import type { GitStore } from '../contracts';

/** The GitOps repository the simulated ArgoCD reads. */
export interface GitopsRepository {
  owner: string;
  repo: string;
  defaultBranch: string;
  repoURL: string;
}

function normalizeUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}

/** Whether an Application's or generator's `repoURL` names the GitOps repository. */
export function isGitopsRepository(
  repository: GitopsRepository,
  repoURL: string | undefined,
): boolean {
  if (!repoURL) return false;
  const url = normalizeUrl(repoURL);
  return (
    url === normalizeUrl(repository.repoURL) ||
    url.endsWith(`/${repository.owner}/${repository.repo}`.toLowerCase()) ||
    url.endsWith(`:${repository.owner}/${repository.repo}`.toLowerCase())
  );
}

/** The commit a `targetRevision`/`revision` names; `HEAD` and empty mean the default branch. */
export function resolveRevision(
  git: GitStore,
  repository: GitopsRepository,
  revision: string | undefined,
): string | undefined {
  const ref =
    !revision || revision === 'HEAD' ? repository.defaultBranch : revision;
  return git.resolveRef(repository.owner, repository.repo, ref);
}

/** Every directory (ancestor of a file) of a commit, sorted; cached per commit. */
export function createDirectoryLister(
  git: GitStore,
  repository: GitopsRepository,
) {
  const cache = new Map<string, string[]>();
  return (commitSha: string): string[] => {
    let directories = cache.get(commitSha);
    if (!directories) {
      const set = new Set<string>();
      for (const file of git.listFiles(
        repository.owner,
        repository.repo,
        commitSha,
      )) {
        const parts = file.split('/');
        for (let depth = 1; depth < parts.length; depth++) {
          set.add(parts.slice(0, depth).join('/'));
        }
      }
      directories = [...set].sort();
      if (cache.size > 20) cache.clear();
      cache.set(commitSha, directories);
    }
    return directories;
  };
}
