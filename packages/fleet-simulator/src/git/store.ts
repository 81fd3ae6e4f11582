/*
 * All simulated repositories, keyed by owner/repo (case-insensitive, as on
 * GitHub), and the `GitStore` view other parts of the simulator read.
 */
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { GitRepository } from './repository';
import { editTree } from './treeEdit';
import type { GitStore } from '../contracts';
import type { GitSignature } from './objects';

export interface BranchUpdatedEvent {
  owner: string;
  repo: string;
  branch: string;
  sha: string;
  /** Where the branch pointed before (40 zeros for a new branch). */
  before: string;
}

export interface NewRepository {
  owner: string;
  repo: string;
  defaultBranch: string;
  files: Record<string, string>;
  author: GitSignature;
  message?: string;
}

const BRANCH_PREFIX = 'refs/heads/';

function repositoryKey(owner: string, repo: string): string {
  return `${owner}/${repo}`.toLowerCase();
}

export class InMemoryGitStore implements GitStore {
  private readonly repositories = new Map<string, GitRepository>();
  private readonly listeners = new Set<(event: BranchUpdatedEvent) => void>();

  /** Creates a repository whose default branch holds `files` in one initial commit. */
  createRepository(options: NewRepository): GitRepository {
    const key = repositoryKey(options.owner, options.repo);
    if (this.repositories.has(key)) {
      throw new Error(
        `Repository ${options.owner}/${options.repo} already exists`,
      );
    }
    const repository = new GitRepository(options.owner, options.repo);
    const tree = editTree(
      repository,
      undefined,
      Object.entries(options.files).map(([path, content]) => ({
        path,
        entry: {
          mode: '100644',
          type: 'blob',
          sha: repository.writeBlob(content),
        },
      })),
    );
    const commit = repository.writeCommit({
      tree,
      parents: [],
      author: options.author,
      committer: options.author,
      message: options.message ?? 'Initial commit',
    });
    repository.setRef(`${BRANCH_PREFIX}${options.defaultBranch}`, commit);
    this.repositories.set(key, repository);
    return repository;
  }

  repository(owner: string, repo: string): GitRepository | undefined {
    return this.repositories.get(repositoryKey(owner, repo));
  }

  allRepositories(): GitRepository[] {
    return [...this.repositories.values()];
  }

  /** Points a ref at a commit; branch moves are announced to `onBranchUpdated` listeners. */
  updateRef(repository: GitRepository, fullRef: string, sha: string): void {
    const previous = repository.getRef(fullRef);
    repository.setRef(fullRef, sha);
    if (previous === sha || !fullRef.startsWith(BRANCH_PREFIX)) return;
    const event: BranchUpdatedEvent = {
      owner: repository.owner,
      repo: repository.name,
      branch: fullRef.slice(BRANCH_PREFIX.length),
      sha,
      before: previous ?? '0'.repeat(40),
    };
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // A failing listener must not fail the push that triggered it.
        process.emitWarning(
          `onBranchUpdated listener failed: ${String(error)}`,
          'FleetSimulatorWarning',
        );
      }
    }
  }

  deleteRef(repository: GitRepository, fullRef: string): boolean {
    return repository.deleteRef(fullRef);
  }

  resolveRef(owner: string, repo: string, ref: string): string | undefined {
    return this.repository(owner, repo)?.resolveCommit(ref);
  }

  listFiles(owner: string, repo: string, commitSha: string): string[] {
    const repository = this.repository(owner, repo);
    const tree = repository?.commit(commitSha)?.tree;
    if (!repository || !tree) return [];
    return [...repository.files(tree).keys()].sort();
  }

  readFile(
    owner: string,
    repo: string,
    commitSha: string,
    path: string,
  ): string | undefined {
    const repository = this.repository(owner, repo);
    const tree = repository?.commit(commitSha)?.tree;
    if (!repository || !tree) return undefined;
    const entry = repository.entryAt(tree, path);
    if (!entry || entry.type !== 'blob') return undefined;
    return repository.blob(entry.sha)?.content.toString('utf8');
  }

  async checkout(
    owner: string,
    repo: string,
    commitSha: string,
    dir: string,
  ): Promise<void> {
    const repository = this.repository(owner, repo);
    const tree = repository?.commit(commitSha)?.tree;
    if (!repository || !tree) {
      throw new Error(`Commit ${commitSha} not found in ${owner}/${repo}`);
    }
    const root = resolve(dir);
    await mkdir(root, { recursive: true });
    for (const [path, file] of repository.files(tree)) {
      const target = join(root, path);
      if (!target.startsWith(root + sep)) {
        throw new Error(`Refusing to write outside ${root}: ${path}`);
      }
      const blob = repository.blob(file.sha);
      if (!blob) continue; // submodule entries have no content here
      await mkdir(dirname(target), { recursive: true });
      if (file.mode === '120000') {
        await symlink(blob.content.toString('utf8'), target);
        continue;
      }
      await writeFile(target, blob.content);
      if (file.mode === '100755') await chmod(target, 0o755);
    }
  }

  onBranchUpdated(listener: (event: BranchUpdatedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
