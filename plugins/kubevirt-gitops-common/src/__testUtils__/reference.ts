/*
 * Access to the read-only reference material (../shared/reference beside the
 * repository) for contract tests. When it is absent the test still runs,
 * says so with console.warn, and checks nothing from it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repositoryRoot = resolve(__dirname, '../../../..');

/**
 * `<repo root>/../shared/reference`, or `KUBEVIRT_GITOPS_REFERENCE_DIR` when
 * set (to point elsewhere, or at nothing to check the absent case).
 */
export const REFERENCE_DIR =
  process.env.KUBEVIRT_GITOPS_REFERENCE_DIR ??
  resolve(repositoryRoot, '../shared/reference');

/**
 * The absolute path of a reference file, or undefined (with a warning that
 * the contract checks did not run) when the reference folder is absent.
 */
export function referencePath(...segments: string[]): string | undefined {
  const path = join(REFERENCE_DIR, ...segments);
  if (!existsSync(path)) {
    // eslint-disable-next-line no-console
    console.warn(
      `Contract checks did not run: ${path} is absent (the reference material lives at ../shared/reference beside the repository).`,
    );
    return undefined;
  }
  return path;
}

/** Reads a reference file as text, or undefined when absent (with a warning). */
export function readReference(...segments: string[]): string | undefined {
  const path = referencePath(...segments);
  return path === undefined ? undefined : readFileSync(path, 'utf8');
}
