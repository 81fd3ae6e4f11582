/*
 * Finding kustomizations in a repository tree (path -> text): which folders
 * hold one, which of them can be built on their own (not Components), and
 * which reach for a remote resource (refused: previews never use the
 * network).
 */
import path from 'node:path';
import { parseDocument } from 'yaml';

/** The file names kustomize reads, in its order. */
export const KUSTOMIZATION_FILE_NAMES = [
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
] as const;

/** The kustomization file of `dir`, if the tree has one. */
export function kustomizationFileIn(
  files: ReadonlyMap<string, string> | Iterable<string>,
  dir: string,
): string | undefined {
  const has =
    files instanceof Map
      ? (file: string) => files.has(file)
      : (file: string) => new Set(files as Iterable<string>).has(file);
  return KUSTOMIZATION_FILE_NAMES.map(name =>
    dir === '' ? name : `${dir}/${name}`,
  ).find(has);
}

function parsedKustomization(
  text: string | undefined,
): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  const document = parseDocument(text);
  if (document.errors.length > 0) return undefined;
  const value = document.toJS() as unknown;
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function stringsAt(
  kustomization: Record<string, unknown>,
  key: string,
): string[] {
  const value = kustomization[key];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/** True for a kustomize resource reference that is not a path in the repository. */
export function isRemoteReference(reference: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(reference) ||
    /^(git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/.test(reference) ||
    /\?(ref|version|timeout|submodules)=/.test(reference)
  );
}

/**
 * Every folder of the tree that holds a kustomization that can be built on
 * its own (a `kind: Component` cannot), sorted.
 */
export function buildableKustomizationDirs(
  files: ReadonlyMap<string, string>,
): string[] {
  const dirs = new Set<string>();
  for (const [file, text] of files) {
    const name = path.posix.basename(file);
    if (!(KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(name))
      continue;
    const dir = path.posix.dirname(file);
    if (kustomizationFileIn(files, dir) !== file) continue;
    if (parsedKustomization(text)?.kind === 'Component') continue;
    dirs.add(dir === '.' ? '' : dir);
  }
  return [...dirs].sort();
}

/**
 * For each kustomization folder that reaches (itself or through local
 * folders it includes) a remote resource: why it is not rendered.
 */
export function remoteReferenceIn(
  files: ReadonlyMap<string, string>,
): Map<string, string> {
  const direct = new Map<string, string>();
  const local = new Map<string, string[]>();
  for (const [file, text] of files) {
    if (
      !(KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(
        path.posix.basename(file),
      )
    )
      continue;
    const dir = path.posix.dirname(file);
    const kustomization = parsedKustomization(text);
    if (!kustomization) continue;
    const references = ['resources', 'bases', 'components'].flatMap(key =>
      stringsAt(kustomization, key),
    );
    const remote = references.find(isRemoteReference);
    if (remote)
      direct.set(
        dir,
        `${file} refers to the remote resource ${remote}; previews are rendered without network access, so remote bases are not supported (vendor it into the repository)`,
      );
    local.set(
      dir,
      references
        .filter(reference => !isRemoteReference(reference))
        .map(reference =>
          path.posix.normalize(path.posix.join(dir, reference)),
        ),
    );
  }
  const result = new Map<string, string>();
  const reach = (dir: string, seen: Set<string>): string | undefined => {
    if (seen.has(dir)) return undefined;
    seen.add(dir);
    return (
      direct.get(dir) ??
      (local.get(dir) ?? []).map(next => reach(next, seen)).find(Boolean)
    );
  };
  for (const dir of local.keys()) {
    const why = reach(dir, new Set());
    if (why) result.set(dir, why);
  }
  return result;
}
