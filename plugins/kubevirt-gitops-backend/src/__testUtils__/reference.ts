/*
 * The reference material (`../shared/reference` beside the repository, or
 * KUBEVIRT_GITOPS_REFERENCE_DIR) for the contract tier only: the
 * `*.contract.test.ts` files, run by `make test-contracts` and never by
 * `make unit`. A missing folder or file is an error, not a silent pass; the
 * contracts step itself says in one line that it did not run when the
 * folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REFERENCE_DIR =
  process.env.KUBEVIRT_GITOPS_REFERENCE_DIR ??
  resolve(__dirname, '../../../../../shared/reference');

/** A reference JSON file, parsed; throws when it is missing. */
export function readReferenceJson(...segments: string[]): unknown {
  const path = join(REFERENCE_DIR, ...segments);
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: the contract tests (make test-contracts) compare with the reference material at ${REFERENCE_DIR}`,
    );
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}
