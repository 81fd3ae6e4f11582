/*
 * CODEOWNERS, the way GitHub reads it, for the owner of a discovered VM:
 *
 * - one rule per line, `<pattern> <owner> <owner>...`; `#` starts a
 *   comment (`\#` is a pattern starting with `#`); the last matching rule
 *   wins, and a rule without owners leaves the path unowned;
 * - patterns follow gitignore: a leading `/` or a slash in the middle
 *   anchors the pattern at the root, otherwise it matches at any depth;
 *   a trailing `/` matches a folder and everything under it; a pattern
 *   matching a folder matches what it holds, except `folder/*`, which GitHub
 *   applies to the folder's own files only; `*` stays within one folder,
 *   `**` crosses folders; matching is case-sensitive;
 * - `!` negations and `[ ]` character ranges, which GitHub does not
 *   support, make the line invalid: it is ignored (GitHub reports it as an
 *   error and ignores it too).
 *
 * Owners map to entity refs: `@org/team` → `group:default/team`, `@user`
 * → `user:default/user`; e-mail owners have no entity and are skipped.
 */
import { Minimatch, type MinimatchOptions } from 'minimatch';

/**
 * One valid CODEOWNERS rule.
 *
 * @public
 */
export interface CodeownersRule {
  /** The pattern, as written. */
  pattern: string;
  /** The owners, as written (`@org/team`, `@user`, e-mail addresses). */
  owners: string[];
  /** 1-based line number. */
  line: number;
  matches(path: string): boolean;
}

const OPTIONS: MinimatchOptions = {
  dot: true,
  nobrace: true,
  noext: true,
  nonegate: true,
  nocomment: true,
};

function matcherOf(pattern: string): ((path: string) => boolean) | undefined {
  if (pattern.startsWith('!') || /[[\]]/.test(pattern)) return undefined;
  let glob = pattern.replace(/^\\#/, '#');
  const folderOnly = glob.endsWith('/');
  glob = glob.replace(/\/+$/, '');
  const anchored = glob.includes('/');
  glob = glob.replace(/^\/+/, '');
  if (glob === '') return undefined;
  if (!anchored) glob = `**/${glob}`;
  const itself = new Minimatch(glob, OPTIONS);
  const childrenOnly = glob.endsWith('/*');
  const inside = new Minimatch(`${glob}/**`, OPTIONS);
  return path => {
    const normalized = path.replace(/^\/+/, '');
    if (!folderOnly && itself.match(normalized)) return true;
    return !childrenOnly && inside.match(normalized);
  };
}

function tokens(line: string): string[] {
  return (line.match(/(?:\\.|\S)+/g) ?? []).map(token =>
    token.replace(/\\ /g, ' '),
  );
}

/**
 * The valid rules of a CODEOWNERS file, in file order.
 *
 * @public
 */
export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [pattern, ...rest] = tokens(line);
    const comment = rest.findIndex(token => token.startsWith('#'));
    const owners = comment < 0 ? rest : rest.slice(0, comment);
    const matches = matcherOf(pattern);
    if (!matches) return;
    rules.push({ pattern, owners, line: index + 1, matches });
  });
  return rules;
}

/**
 * The owners of `path`: those of the last rule that matches it (empty when
 * that rule names none), or undefined when no rule matches.
 *
 * @public
 */
export function codeownersOf(
  rules: readonly CodeownersRule[],
  path: string,
): string[] | undefined {
  for (let index = rules.length - 1; index >= 0; index--) {
    if (rules[index].matches(path)) return rules[index].owners;
  }
  return undefined;
}

/**
 * A CODEOWNERS owner as an entity ref, or undefined for an e-mail address
 * (or anything else that names no user or team).
 *
 * @public
 */
export function ownerEntityRef(owner: string): string | undefined {
  const team = /^@[A-Za-z0-9][A-Za-z0-9-]*\/([A-Za-z0-9][A-Za-z0-9_.-]*)$/.exec(
    owner,
  );
  if (team) return `group:default/${team[1]}`;
  const user = /^@([A-Za-z0-9][A-Za-z0-9-]*)$/.exec(owner);
  if (user) return `user:default/${user[1]}`;
  return undefined;
}

/**
 * The entity owner of `path`: the first owner of its last matching rule
 * that is a team or a user, or undefined.
 *
 * @public
 */
export function codeownersEntityOwner(
  rules: readonly CodeownersRule[],
  path: string,
): string | undefined {
  for (const owner of codeownersOf(rules, path) ?? []) {
    const ref = ownerEntityRef(owner);
    if (ref) return ref;
  }
  return undefined;
}
