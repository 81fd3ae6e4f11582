/*
 * The read-only reference material (../shared/reference beside the
 * repository) for contract tests. When it is absent the check says so with
 * console.warn and the caller skips its reference assertions.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REFERENCE_DIR =
  process.env.KUBEVIRT_GITOPS_REFERENCE_DIR ??
  resolve(__dirname, '../../../../../shared/reference');

/** A reference JSON file, parsed, or undefined (with a warning) when absent. */
export function readReferenceJson(...segments: string[]): unknown {
  const path = join(REFERENCE_DIR, ...segments);
  if (!existsSync(path)) {
    // eslint-disable-next-line no-console
    console.warn(`Contract check did not run: ${path} is absent`);
    return undefined;
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}
