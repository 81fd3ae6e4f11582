import fs from 'node:fs/promises';
import path from 'node:path';
import type { JsonObject } from '../../health';
import { KustomizeError, parseManifests } from './renderKustomize';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * ArgoCD's plain "Directory" source: the manifests in the directory's own
 * `.yaml`/`.yml`/`.json` files (not recursive, as ArgoCD's default).
 */
export async function readDirectorySource(dir: string): Promise<JsonObject[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const files = entries
    .filter(
      entry =>
        entry.isFile() && MANIFEST_EXTENSIONS.has(path.extname(entry.name)),
    )
    .map(entry => entry.name)
    .sort();
  const objects: JsonObject[] = [];
  for (const name of files) {
    const text = await fs.readFile(path.join(dir, name), 'utf8');
    try {
      objects.push(...parseManifests(text, name));
    } catch (error) {
      throw new KustomizeError(`failed to unmarshal ${name}: ${String(error)}`);
    }
  }
  return objects;
}
