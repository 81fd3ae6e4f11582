import { InMemoryGitStore, editTree } from '../../git';

const author = {
  name: 'Fleet Simulator Tests',
  email: 'tests@fleet.local',
  epochSeconds: 1_700_000_000,
  utcOffsetMinutes: 0,
};

/** An in-memory GitOps repository for tests, with a way to push commits; `store` puts it beside others. */
export function createGitFixture(
  files: Record<string, string>,
  {
    owner = 'example',
    repo = 'gitops',
    defaultBranch = 'main',
    store = undefined as InMemoryGitStore | undefined,
  } = {},
) {
  const git = store ?? new InMemoryGitStore();
  const repository = git.createRepository({
    owner,
    repo,
    defaultBranch,
    files,
    author,
  });

  function head(branch = defaultBranch): string {
    const sha = git.resolveRef(owner, repo, branch);
    if (!sha) {
      throw new Error(`branch ${branch} does not exist`);
    }
    return sha;
  }

  /** Commits file changes (null deletes) on a branch and moves it; returns the SHA. */
  function commit(
    changes: Record<string, string | null>,
    branch = defaultBranch,
  ): string {
    const parent = head(branch);
    const tree = editTree(
      repository,
      repository.commit(parent)?.tree,
      Object.entries(changes).map(([path, content]) => ({
        path,
        entry:
          content === null
            ? null
            : {
                mode: '100644' as const,
                type: 'blob' as const,
                sha: repository.writeBlob(content),
              },
      })),
    );
    const sha = repository.writeCommit({
      tree,
      parents: [parent],
      author,
      committer: author,
      message: 'test change',
    });
    git.updateRef(repository, `refs/heads/${branch}`, sha);
    return sha;
  }

  return {
    git,
    owner,
    repo,
    defaultBranch,
    repoURL: `https://github.com/${owner}/${repo}.git`,
    head,
    commit,
  };
}
