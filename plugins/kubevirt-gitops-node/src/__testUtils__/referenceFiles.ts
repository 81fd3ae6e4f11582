/*
 * Test access to the read-only reference material at ../shared/reference
 * beside the repository (KUBEVIRT_GITOPS_REFERENCE_DIR overrides). Tests
 * that use it fail when it is missing rather than pass without checking.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const REFERENCE_DIR =
  process.env.KUBEVIRT_GITOPS_REFERENCE_DIR ??
  path.resolve(__dirname, '../../../../../shared/reference');

export function referencePath(...segments: string[]): string {
  const target = path.join(REFERENCE_DIR, ...segments);
  if (!existsSync(target)) {
    throw new Error(`${target} is missing: these tests need ../shared/reference beside the repository`);
  }
  return target;
}

/** Every file under a reference folder, by path relative to it. */
export function readReferenceTree(...segments: string[]): Map<string, string> {
  const root = referencePath(...segments);
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(path.relative(root, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return files;
}

export function readReferenceJson(...segments: string[]): unknown {
  return JSON.parse(readFileSync(referencePath(...segments), 'utf8'));
}
