import type { GitStore } from '../../contracts';

/** A GitOps repository the simulated ArgoCD reads. */
export interface GitopsRepository {
  owner: string;
  repo: string;
  defaultBranch: string;
  repoURL: string;
  /**
   * Repository paths of the files whose ApplicationSets are applied to ArgoCD
   * (as if `kubectl apply`'d); undefined: every `*.yaml`/`*.yml` file's.
   */
  applicationSets?: readonly string[];
}

/** A repository as callers name it; `repoURL` defaults to `https://github.com/<owner>/<repo>.git`. */
export interface GitopsRepositoryInput {
  owner: string;
  repo: string;
  defaultBranch: string;
  repoURL?: string;
  applicationSets?: readonly string[];
}

/** `owner/repo`, lower-cased: repositories are matched case-insensitively, as on GitHub. */
export function repositoryKey(repository: {
  owner: string;
  repo: string;
}): string {
  return `${repository.owner}/${repository.repo}`.toLowerCase();
}

/** The repositories with their `repoURL`s; throws on an empty list or a duplicate owner/repo. */
export function gitopsRepositories(
  input: GitopsRepositoryInput | readonly GitopsRepositoryInput[],
): GitopsRepository[] {
  const list = Array.isArray(input)
    ? (input as readonly GitopsRepositoryInput[])
    : [input as GitopsRepositoryInput];
  if (list.length === 0) {
    throw new Error(
      'the simulated ArgoCD needs at least one GitOps repository',
    );
  }
  const seen = new Set<string>();
  return list.map(entry => {
    const key = repositoryKey(entry);
    if (seen.has(key)) {
      throw new Error(
        `GitOps repository ${entry.owner}/${entry.repo} is given twice`,
      );
    }
    seen.add(key);
    return {
      ...entry,
      repoURL:
        entry.repoURL ?? `https://github.com/${entry.owner}/${entry.repo}.git`,
      ...(entry.applicationSets
        ? {
            applicationSets: entry.applicationSets.map(file =>
              file.replace(/^\/+/, ''),
            ),
          }
        : {}),
    };
  });
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

/**
 * The served repository an Application's or generator's `repoURL` names:
 * the one whose `repoURL` it is, else the one it ends in `/owner/repo` or
 * `:owner/repo` of; undefined when none.
 */
export function findGitopsRepository(
  repositories: readonly GitopsRepository[],
  repoURL: string | undefined,
): GitopsRepository | undefined {
  if (!repoURL) return undefined;
  const url = normalizeUrl(repoURL);
  return (
    repositories.find(repository => normalizeUrl(repository.repoURL) === url) ??
    repositories.find(repository => isGitopsRepository(repository, repoURL))
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
