import { parseAllDocuments } from 'yaml';
import type { GitStore } from '../contracts';
import type { JsonObject } from '../argocd/health';
import { asObject, asString } from '../argocd/health/types';

/** An ApplicationSet found in the GitOps repository. */
export interface RepoApplicationSet {
  name: string;
  namespace: string;
  spec: JsonObject;
  /** The file it was read from. */
  path: string;
  document: JsonObject;
}

export interface DiscoveredApplicationSets {
  applicationSets: RepoApplicationSet[];
  /** Files that mention ApplicationSet but do not parse, and duplicate names. */
  errors: string[];
}

/**
 * The ApplicationSets the repository's root Application applies to the hub:
 * every YAML document of kind ApplicationSet in any `*.yaml`/`*.yml` file of
 * the commit, placed in ArgoCD's namespace. The first of two with one name wins.
 */
export function discoverApplicationSets(
  git: GitStore,
  repository: { owner: string; repo: string },
  commitSha: string,
  namespace: string,
): DiscoveredApplicationSets {
  const applicationSets: RepoApplicationSet[] = [];
  const errors: string[] = [];
  const seen = new Map<string, string>();
  for (const path of git.listFiles(
    repository.owner,
    repository.repo,
    commitSha,
  )) {
    if (!/\.ya?ml$/.test(path)) continue;
    const text = git.readFile(
      repository.owner,
      repository.repo,
      commitSha,
      path,
    );
    if (!text || !/kind:\s*["']?ApplicationSet\b/.test(text)) continue;
    for (const document of parseAllDocuments(text)) {
      if (document.errors.length > 0) {
        errors.push(`${path}: ${document.errors[0].message}`);
        break;
      }
      const object = asObject(document.toJS());
      if (
        object?.kind !== 'ApplicationSet' ||
        !String(object.apiVersion).startsWith('argoproj.io/')
      )
        continue;
      const name = asString(asObject(object.metadata)?.name);
      const spec = asObject(object.spec);
      if (!name || !spec) {
        errors.push(`${path}: ApplicationSet without metadata.name or spec`);
        continue;
      }
      const first = seen.get(name);
      if (first) {
        errors.push(
          `${path}: ApplicationSet ${name} is also defined in ${first}; the first one applies`,
        );
        continue;
      }
      seen.set(name, path);
      applicationSets.push({ name, namespace, spec, path, document: object });
    }
  }
  return { applicationSets, errors };
}
