import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitRepository } from './repository';
import { editTree } from './treeEdit';
import { hashGitObject, parseSignatureDate, signatureDate } from './objects';
import type { GitSignature } from './objects';

// Expected ids computed once with git 2.39 (`git hash-object`, `git write-tree`, `git commit-tree`).
const HELLO_BLOB = '3b18e512dba79e4c8300dd08aeb37f8e728b8dad';
const EMPTY_BLOB = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';
const SAMPLE_TREE = '8f6869ff7a1fdc0b53e543704afacfbd4868d95e';
const SAMPLE_COMMIT = '05c8dd8e800bd559d9d57f1d4b6a258c57226616';
const APPS_SUBTREE = 'ea430eae9789da6a98eee8ba55bdcecc57bd40d7';

const ada: GitSignature = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  epochSeconds: 1700000000,
  utcOffsetMinutes: 0,
};

function sampleRepository(): { repository: GitRepository; tree: string } {
  const repository = new GitRepository('acme', 'gitops');
  const blob = (content: string) => repository.writeBlob(content);
  const tree = editTree(repository, undefined, [
    {
      path: 'hello.txt',
      entry: { mode: '100644', type: 'blob', sha: blob('hello world\n') },
    },
    {
      path: 'apps/demo/kustomization.yaml',
      entry: {
        mode: '100644',
        type: 'blob',
        sha: blob('kind: Kustomization\n'),
      },
    },
    {
      path: 'run.sh',
      entry: {
        mode: '100755',
        type: 'blob',
        sha: blob('#!/bin/sh\necho hi\n'),
      },
    },
    {
      path: 'apps.txt',
      entry: { mode: '100644', type: 'blob', sha: blob('x') },
    },
  ]);
  return { repository, tree };
}

function git(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  }).trim();
}

describe('git object hashing', () => {
  it('hashes blobs as git hash-object does', () => {
    expect(hashGitObject('blob', Buffer.from('hello world\n'))).toBe(
      HELLO_BLOB,
    );
    expect(hashGitObject('blob', Buffer.alloc(0))).toBe(EMPTY_BLOB);
  });

  it('builds trees in git order with git modes', () => {
    const { repository, tree } = sampleRepository();
    expect(tree).toBe(SAMPLE_TREE);
    const names = repository
      .tree(tree)
      ?.entries.map(entry => `${entry.mode} ${entry.name}`);
    // 'apps.txt' sorts before the directory 'apps' because git compares 'apps/'.
    expect(names).toEqual([
      '100644 apps.txt',
      '040000 apps',
      '100644 hello.txt',
      '100755 run.sh',
    ]);
    expect(repository.entryAt(tree, 'apps')?.sha).toBe(APPS_SUBTREE);
  });

  it('hashes commits as git commit-tree does', () => {
    const { repository, tree } = sampleRepository();
    const commit = repository.writeCommit({
      tree,
      parents: [],
      author: ada,
      committer: ada,
      message: 'Initial commit\n',
    });
    expect(commit).toBe(SAMPLE_COMMIT);
  });

  it('agrees with the git binary for the same content, parents and time zones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'git-objects-'));
    try {
      git(dir, ['init', '-q', '.']);
      mkdirSync(join(dir, 'vms/demo/kustomize/dev'), { recursive: true });
      writeFileSync(
        join(dir, 'vms/demo/kustomize/dev/kustomization.yaml'),
        'resources:\n- ../base\n',
      );
      writeFileSync(join(dir, 'README.md'), '# GitOps\n');
      writeFileSync(join(dir, 'bootstrap.sh'), '#!/bin/sh\n');
      chmodSync(join(dir, 'bootstrap.sh'), 0o755);
      git(dir, ['add', '-A']);
      const gitTree = git(dir, ['write-tree']);
      const env = {
        GIT_AUTHOR_NAME: 'Grace Hopper',
        GIT_AUTHOR_EMAIL: 'grace@example.com',
        GIT_AUTHOR_DATE: '1710000000 +0530',
        GIT_COMMITTER_NAME: 'GitHub',
        GIT_COMMITTER_EMAIL: 'noreply@github.com',
        GIT_COMMITTER_DATE: '1710000500 -0800',
      };
      const gitParent = git(dir, ['commit-tree', gitTree, '-m', 'first'], env);
      const gitChild = git(
        dir,
        ['commit-tree', gitTree, '-p', gitParent, '-m', 'second'],
        env,
      );

      const repository = new GitRepository('acme', 'gitops');
      const tree = editTree(repository, undefined, [
        {
          path: 'vms/demo/kustomize/dev/kustomization.yaml',
          entry: {
            mode: '100644',
            type: 'blob',
            sha: repository.writeBlob('resources:\n- ../base\n'),
          },
        },
        {
          path: 'README.md',
          entry: {
            mode: '100644',
            type: 'blob',
            sha: repository.writeBlob('# GitOps\n'),
          },
        },
        {
          path: 'bootstrap.sh',
          entry: {
            mode: '100755',
            type: 'blob',
            sha: repository.writeBlob('#!/bin/sh\n'),
          },
        },
      ]);
      expect(tree).toBe(gitTree);
      const author = {
        name: 'Grace Hopper',
        email: 'grace@example.com',
        epochSeconds: 1710000000,
        utcOffsetMinutes: 330,
      };
      const committer = {
        name: 'GitHub',
        email: 'noreply@github.com',
        epochSeconds: 1710000500,
        utcOffsetMinutes: -480,
      };
      const parent = repository.writeCommit({
        tree,
        parents: [],
        author,
        committer,
        message: 'first\n',
      });
      expect(parent).toBe(gitParent);
      const child = repository.writeCommit({
        tree,
        parents: [parent],
        author,
        committer,
        message: 'second\n',
      });
      expect(child).toBe(gitChild);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('commit dates', () => {
  it('keeps the UTC offset of an ISO timestamp and prints UTC', () => {
    const parsed = parseSignatureDate('2024-05-01T10:00:00+02:00');
    expect(parsed).toEqual({ epochSeconds: 1714550400, utcOffsetMinutes: 120 });
    expect(signatureDate({ ...ada, epochSeconds: 1714550400 })).toBe(
      '2024-05-01T08:00:00Z',
    );
    expect(parseSignatureDate('not a date')).toBeUndefined();
  });
});
