import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseAllDocuments, parseDocument } from 'yaml';
import type { JsonObject } from '../../health';
import { asObject } from '../../../json';
import type { KustomizeOptions } from './options';
import { hasOptions } from './options';

/** The file names kustomize accepts for a kustomization, in its order. */
export const KUSTOMIZATION_FILES = [
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
];

/** A failed render, with kustomize's own message. */
export class KustomizeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KustomizeError';
  }
}

/** The kustomization file of `dir`, if it has one. */
export async function findKustomization(
  dir: string,
): Promise<string | undefined> {
  for (const name of KUSTOMIZATION_FILES) {
    const file = path.join(dir, name);
    if (
      await fs.stat(file).then(
        s => s.isFile(),
        () => false,
      )
    ) {
      return file;
    }
  }
  return undefined;
}

/** Parses multi-document YAML into its non-empty objects. */
export function parseManifests(text: string, source: string): JsonObject[] {
  const objects: JsonObject[] = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      throw new KustomizeError(`${source}: ${document.errors[0].message}`);
    }
    const value: unknown = document.toJS();
    const object = asObject(value);
    if (object) objects.push(object);
  }
  return objects;
}

function runKubectl(kubectl: string, dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      kubectl,
      ['kustomize', dir],
      { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const detail = stderr.trim() || error.message;
          reject(new KustomizeError(detail));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

/**
 * Writes ArgoCD's `kustomize edit` equivalents into a kustomization file:
 * namePrefix/nameSuffix/namespace are set (replacing the overlay's own),
 * commonLabels/commonAnnotations are merged in (`--force`).
 */
async function applyOptions(
  file: string,
  options: KustomizeOptions,
): Promise<void> {
  const document = parseDocument(await fs.readFile(file, 'utf8'));
  for (const key of ['namePrefix', 'nameSuffix', 'namespace'] as const) {
    if (options[key] !== undefined) {
      document.set(key, options[key]);
    }
  }
  for (const key of ['commonLabels', 'commonAnnotations'] as const) {
    const extra = options[key];
    if (extra) {
      const current = document.get(key);
      const existing =
        current && typeof current === 'object' && 'toJSON' in current
          ? (current as { toJSON(): Record<string, string> }).toJSON() ?? {}
          : {};
      document.set(key, { ...existing, ...extra });
    }
  }
  await fs.writeFile(file, document.toString());
}

/**
 * Renders the kustomization in `dir` with real `kubectl kustomize`, after
 * applying `options` the way ArgoCD does (`kustomize edit` on a copy of the
 * overlay, so `dir` itself is never changed). Throws {@link KustomizeError}
 * with kustomize's message when the render fails.
 */
export async function renderKustomize(
  dir: string,
  options: KustomizeOptions = {},
  kubectl = 'kubectl',
): Promise<JsonObject[]> {
  if (!hasOptions(options)) {
    return parseManifests(await runKubectl(kubectl, dir), dir);
  }
  const kustomization = await findKustomization(dir);
  if (!kustomization) {
    throw new KustomizeError(
      `unable to find one of ${KUSTOMIZATION_FILES.map(f => `'${f}'`).join(
        ', ',
      )} in directory '${dir}'`,
    );
  }
  const copy = path.join(
    path.dirname(dir),
    `.${path.basename(dir)}.argocd-${randomBytes(4).toString('hex')}`,
  );
  await fs.cp(dir, copy, { recursive: true });
  try {
    await applyOptions(path.join(copy, path.basename(kustomization)), options);
    return parseManifests(await runKubectl(kubectl, copy), dir);
  } catch (error) {
    if (error instanceof KustomizeError) {
      throw new KustomizeError(error.message.split(copy).join(dir));
    }
    throw error;
  } finally {
    await fs.rm(copy, { recursive: true, force: true });
  }
}
