import fs from 'node:fs';
import path from 'node:path';

/** The repository root (`/work/main` in development; the checkout in CI). */
export const repoRoot = path.resolve(__dirname, '../../../../..');

/**
 * The shared upstream reference folder beside the checkout, or undefined
 * (with a warning naming the checks that did not run) when it is absent.
 */
export function referenceDir(checks: string): string | undefined {
  const dir = path.resolve(repoRoot, '../shared/reference');
  if (!fs.existsSync(dir)) {
    // eslint-disable-next-line no-console
    console.warn(
      `${dir} is absent: the contract checks "${checks}" did not run`,
    );
    return undefined;
  }
  return dir;
}
