/*
 * Test helper: writes in-memory repository files to a temporary folder and
 * runs the real `kubectl kustomize` on one of its directories.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Writes `files` (repository path -> content) under a new temporary folder. */
export async function writeRepository(
  files: ReadonlyMap<string, string>,
): Promise<string> {
  const root = await mkdtemp(
    path.join(os.tmpdir(), 'kubevirt-gitops-kustomize-'),
  );
  for (const [file, content] of files) {
    const target = path.join(root, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return root;
}

/** `kubectl kustomize <root>/<dir>`; stdout only (deprecation warnings go to stderr). */
export async function kubectlKustomize(
  root: string,
  dir: string,
): Promise<string> {
  const { stdout } = await run('kubectl', ['kustomize', path.join(root, dir)], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** Renders `dir` of `files` with the real kubectl, cleaning up afterwards. */
export async function kubectlKustomizeFiles(
  files: ReadonlyMap<string, string>,
  dir: string,
): Promise<string> {
  const root = await writeRepository(files);
  try {
    return await kubectlKustomize(root, dir);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
