import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTarball } from './archive';
import {
  commitsBetween,
  generation,
  isAncestor,
  log,
  mergeBase,
} from './history';
import { mergeCommits } from './merge';
import { InMemoryGitStore } from './store';
import { diffTrees } from './treeDiff';
import { editTree, MissingPathError } from './treeEdit';
import type { GitRepository } from './repository';
import type { BranchUpdatedEvent } from './store';

const author = {
  name: 'Bot',
  email: 'bot@example.com',
  epochSeconds: 1700000000,
  utcOffsetMinutes: 0,
};

function newStore(): {
  store: InMemoryGitStore;
  repository: GitRepository;
  initial: string;
} {
  const store = new InMemoryGitStore();
  const repository = store.createRepository({
    owner: 'Acme',
    repo: 'GitOps',
    defaultBranch: 'main',
    author,
    files: {
      'README.md': '# GitOps\n',
      'vms/a/base/vm.yaml': 'name: a\n',
      'vms/b/base/vm.yaml': 'name: b\n',
    },
  });
  const initial = repository.resolve('main');
  if (!initial) throw new Error('no initial commit');
  return { store, repository, initial };
}

function commitFiles(
  repository: GitRepository,
  parent: string,
  files: Record<string, string | null>,
  epochSeconds = author.epochSeconds + 60,
): string {
  const baseTree = repository.commit(parent)?.tree;
  const tree = editTree(
    repository,
    baseTree,
    Object.entries(files).map(([path, content]) => ({
      path,
      entry:
        content === null
          ? null
          : {
              mode: '100644',
              type: 'blob',
              sha: repository.writeBlob(content),
            },
    })),
  );
  const signature = { ...author, epochSeconds };
  return repository.writeCommit({
    tree,
    parents: [parent],
    author: signature,
    committer: signature,
    message: 'change\n',
  });
}

describe('InMemoryGitStore', () => {
  it('serves the initial files of a repository case-insensitively', () => {
    const { store, initial } = newStore();
    expect(store.resolveRef('acme', 'gitops', 'main')).toBe(initial);
    expect(store.resolveRef('acme', 'gitops', 'refs/heads/main')).toBe(initial);
    expect(store.resolveRef('acme', 'gitops', initial.slice(0, 7))).toBe(
      initial,
    );
    expect(store.resolveRef('acme', 'gitops', 'missing')).toBeUndefined();
    expect(store.listFiles('ACME', 'gitops', initial)).toEqual([
      'README.md',
      'vms/a/base/vm.yaml',
      'vms/b/base/vm.yaml',
    ]);
    expect(
      store.readFile('acme', 'gitops', initial, 'vms/b/base/vm.yaml'),
    ).toBe('name: b\n');
    expect(store.readFile('acme', 'gitops', initial, 'vms/b')).toBeUndefined();
  });

  it('rewrites only the edited subtrees and removes emptied folders', () => {
    const { repository, initial } = newStore();
    const before = repository.commit(initial)?.tree ?? '';
    const after = editTree(repository, before, [
      { path: 'vms/a/base/vm.yaml', entry: null },
      {
        path: 'vms/c/base/vm.yaml',
        entry: {
          mode: '100644',
          type: 'blob',
          sha: repository.writeBlob('name: c\n'),
        },
      },
    ]);
    expect(repository.entryAt(after, 'vms/a')).toBeUndefined();
    expect(repository.entryAt(after, 'vms/b')?.sha).toBe(
      repository.entryAt(before, 'vms/b')?.sha,
    );
    expect(
      diffTrees(repository, before, after).map(
        change => `${change.status} ${change.path}`,
      ),
    ).toEqual(['removed vms/a/base/vm.yaml', 'added vms/c/base/vm.yaml']);
    expect(() =>
      editTree(repository, before, [{ path: 'vms/zzz/file', entry: null }]),
    ).toThrow(MissingPathError);
  });

  it('announces branch moves but not other refs or no-op updates', () => {
    const { store, repository, initial } = newStore();
    const events: BranchUpdatedEvent[] = [];
    const unsubscribe = store.onBranchUpdated(event => events.push(event));
    const next = commitFiles(repository, initial, {
      'README.md': '# changed\n',
    });
    store.updateRef(repository, 'refs/heads/feature/x', next);
    store.updateRef(repository, 'refs/heads/feature/x', next);
    store.updateRef(repository, 'refs/tags/v1', next);
    unsubscribe();
    store.updateRef(repository, 'refs/heads/main', next);
    // A new branch is announced with the all-zero `before`, as GitHub's push
    // webhook does for a created ref.
    expect(events).toEqual([
      {
        owner: 'Acme',
        repo: 'GitOps',
        branch: 'feature/x',
        sha: next,
        before: '0'.repeat(40),
      },
    ]);
  });

  it('walks history: ancestry, merge base and newest-first logs', () => {
    const { repository, initial } = newStore();
    const left = commitFiles(
      repository,
      initial,
      { 'left.txt': 'l' },
      author.epochSeconds + 10,
    );
    const right = commitFiles(
      repository,
      initial,
      { 'right.txt': 'r' },
      author.epochSeconds + 20,
    );
    const leftTip = commitFiles(
      repository,
      left,
      { 'left2.txt': 'l2' },
      author.epochSeconds + 30,
    );
    expect(isAncestor(repository, initial, leftTip)).toBe(true);
    expect(isAncestor(repository, right, leftTip)).toBe(false);
    expect(mergeBase(repository, right, leftTip)).toBe(initial);
    expect(log(repository, leftTip)).toEqual([leftTip, left, initial]);
    expect(log(repository, leftTip, { limit: 1 })).toEqual([leftTip]);
    expect(commitsBetween(repository, right, leftTip)).toEqual([leftTip, left]);

    // A merge commit joins both lines; the right line stays reachable through its second parent.
    const signature = { ...author, epochSeconds: author.epochSeconds + 40 };
    const tree = repository.commit(leftTip)?.tree ?? '';
    const merge = repository.writeCommit({
      tree,
      parents: [leftTip, right],
      author: signature,
      committer: signature,
      message: 'merge\n',
    });
    const rightTip = commitFiles(
      repository,
      right,
      { 'right2.txt': 'r2' },
      author.epochSeconds + 50,
    );
    expect(generation(repository, merge)).toBe(4);
    expect(isAncestor(repository, right, merge)).toBe(true);
    expect(isAncestor(repository, rightTip, merge)).toBe(false);
    expect(mergeBase(repository, merge, rightTip)).toBe(right);
    expect(commitsBetween(repository, merge, rightTip)).toEqual([rightTip]);
    expect(commitsBetween(repository, rightTip, merge)).toEqual([
      merge,
      leftTip,
      left,
    ]);
  });

  it('merges disjoint changes and reports paths both sides changed', () => {
    const { repository, initial } = newStore();
    const target = commitFiles(repository, initial, {
      'vms/a/base/vm.yaml': 'name: a2\n',
    });
    const clean = commitFiles(repository, initial, {
      'vms/b/base/vm.yaml': 'name: b2\n',
      'README.md': null,
    });
    const merged = mergeCommits(repository, target, clean);
    expect(merged.conflicts).toEqual([]);
    const files = merged.tree ? repository.files(merged.tree) : new Map();
    expect([...files.keys()].sort()).toEqual([
      'vms/a/base/vm.yaml',
      'vms/b/base/vm.yaml',
    ]);

    const clashing = commitFiles(repository, initial, {
      'vms/a/base/vm.yaml': 'name: other\n',
    });
    expect(mergeCommits(repository, target, clashing)).toMatchObject({
      conflicts: ['vms/a/base/vm.yaml'],
      tree: undefined,
    });
    const same = commitFiles(repository, initial, {
      'vms/a/base/vm.yaml': 'name: a2\n',
    });
    expect(mergeCommits(repository, target, same).conflicts).toEqual([]);
  });

  it('checks a commit out to disk, executable bits included', async () => {
    const { store, repository, initial } = newStore();
    const tree = editTree(repository, repository.commit(initial)?.tree, [
      {
        path: 'bin/run.sh',
        entry: {
          mode: '100755',
          type: 'blob',
          sha: repository.writeBlob('#!/bin/sh\n'),
        },
      },
    ]);
    const commit = repository.writeCommit({
      tree,
      parents: [initial],
      author,
      committer: author,
      message: 'x',
    });
    const dir = mkdtempSync(join(tmpdir(), 'checkout-'));
    try {
      await store.checkout('acme', 'gitops', commit, join(dir, 'work'));
      expect(readFileSync(join(dir, 'work/vms/a/base/vm.yaml'), 'utf8')).toBe(
        'name: a\n',
      );
      expect(statSync(join(dir, 'work/bin/run.sh')).mode & 0o111).not.toBe(0);
      await expect(
        store.checkout('acme', 'gitops', '0'.repeat(40), dir),
      ).rejects.toThrow(/not found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes tarballs that tar can list and extract', () => {
    const { repository, initial } = newStore();
    const dir = mkdtempSync(join(tmpdir(), 'tarball-'));
    try {
      writeFileSync(
        join(dir, 'repo.tar.gz'),
        createTarball(repository, initial),
      );
      const listing = execFileSync('tar', ['-tzf', 'repo.tar.gz'], {
        cwd: dir,
        encoding: 'utf8',
      });
      const root = `Acme-GitOps-${initial.slice(0, 7)}`;
      expect(listing).toContain(`${root}/vms/a/base/vm.yaml`);
      execFileSync('tar', ['-xzf', 'repo.tar.gz'], { cwd: dir });
      expect(readFileSync(join(dir, root, 'README.md'), 'utf8')).toBe(
        '# GitOps\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
