/*
 * The `patch` of a changed file equals the hunks `git diff` prints for it
 * (the real git binary is the oracle), and the line counts add up.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lineChanges } from './patch';

/** `git diff --no-index` of two texts, hunks only (as GitHub's `patch`); an absent side is /dev/null. */
function gitHunks(before: string | undefined, after: string | undefined) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'patch-test-'));
  try {
    const file = (name: string, text: string | undefined) => {
      if (text === undefined) return '/dev/null';
      writeFileSync(path.join(dir, name), text);
      return name;
    };
    const args = ['diff', '--no-index', '--no-color', '-U3'];
    let output = '';
    try {
      execFileSync('git', [...args, file('a', before), file('b', after)], {
        cwd: dir,
        encoding: 'utf8',
      });
    } catch (error) {
      // git diff exits 1 when the files differ.
      output = String(Reflect.get(Object(error), 'stdout'));
    }
    const start = output.indexOf('\n@@');
    return start < 0 ? undefined : output.slice(start + 1).replace(/\n$/, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lines = (count: number, change: Record<number, string> = {}) =>
  Array.from(
    { length: count },
    (_, index) => `${change[index + 1] ?? `line ${index + 1}`}\n`,
  ).join('');

const CASES: Array<[string, string | undefined, string | undefined]> = [
  ['a new file', undefined, 'kind: VirtualMachine\nmetadata:\n  name: web-1\n'],
  ['a removed file', 'a\nb\nc\n', undefined],
  ['one changed line', lines(10), lines(10, { 5: 'five' })],
  [
    'two changes far apart (two hunks)',
    lines(30),
    lines(30, { 2: 'two', 25: 'x' }),
  ],
  ['a line added at the end without a newline', 'a\nb\n', 'a\nb\nc'],
  ['a newline added at the end', 'a\nb', 'a\nb\n'],
  ['a one-line file replaced', 'old\n', 'new\n'],
  [
    'a YAML value deep under a top-level key (the key heads the hunk)',
    `kind: VirtualMachine\nspec:\n${lines(8).replace(
      /^/gm,
      '  ',
    )}  runStrategy: Always\n`,
    `kind: VirtualMachine\nspec:\n${lines(8).replace(
      /^/gm,
      '  ',
    )}  runStrategy: Halted\n`,
  ],
  [
    'a heading line longer than Git keeps',
    `${'long_heading_'.repeat(10)}\n${lines(6).replace(/^/gm, ' ')}`,
    `${'long_heading_'.repeat(10)}\n${lines(6, { 6: 'six' }).replace(
      /^/gm,
      ' ',
    )}`,
  ],
];

describe('lineChanges', () => {
  it.each(CASES)(
    '%s: the patch is what git diff prints',
    (_name, before, after) => {
      const changes = lineChanges(
        before === undefined ? undefined : Buffer.from(before),
        after === undefined ? undefined : Buffer.from(after),
      );
      expect(changes.patch).toBe(gitHunks(before, after));
      const patchLines = changes.patch?.split('\n') ?? [];
      expect(changes.additions).toBe(
        patchLines.filter(line => line.startsWith('+')).length,
      );
      expect(changes.deletions).toBe(
        patchLines.filter(line => line.startsWith('-')).length,
      );
    },
  );

  it('has no patch for binary files or for no change', () => {
    expect(lineChanges(Buffer.from('a\0b'), Buffer.from('a\0c'))).toEqual({
      additions: 0,
      deletions: 0,
    });
    expect(lineChanges(Buffer.from('same\n'), Buffer.from('same\n'))).toEqual({
      additions: 0,
      deletions: 0,
    });
  });
});
