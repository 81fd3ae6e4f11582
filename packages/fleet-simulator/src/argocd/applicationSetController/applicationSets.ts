import { parseAllDocuments } from 'yaml';
import type { GitStore } from '../../contracts';
import type { JsonObject } from '../health';
import { asObject, asString } from '../health/types';

/** An ApplicationSet found in the GitOps repository. */
export interface RepoApplicationSet {
  name: string;
  namespace: string;
  spec: JsonObject;
  /** The file it was read from. */
  path: string;
  /** The repository (`owner/repo`) it was read from. */
  repository?: string;
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
 * the commit (or, with `repository.applicationSets`, in those files only, as
 * if they alone were `kubectl apply`'d), placed in ArgoCD's namespace. The
 * first of two with one name wins.
 */
export function discoverApplicationSets(
  git: GitStore,
  repository: {
    owner: string;
    repo: string;
    applicationSets?: readonly string[];
  },
  commitSha: string,
  namespace: string,
): DiscoveredApplicationSets {
  const applicationSets: RepoApplicationSet[] = [];
  const errors: string[] = [];
  const seen = new Map<string, string>();
  const name = `${repository.owner}/${repository.repo}`;
  const listed = repository.applicationSets;
  const files = git.listFiles(repository.owner, repository.repo, commitSha);
  const candidates = listed
    ? listed.filter(path => {
        if (files.includes(path)) return true;
        errors.push(
          `${name}: ${path} (listed in applicationSets) is not a file of commit ${commitSha}`,
        );
        return false;
      })
    : files.filter(path => /\.ya?ml$/.test(path));
  for (const path of candidates) {
    const text = git.readFile(
      repository.owner,
      repository.repo,
      commitSha,
      path,
    );
    if (!text || !/kind:\s*["']?ApplicationSet\b/.test(text)) {
      if (listed)
        errors.push(
          `${name}: ${path} (listed in applicationSets) holds no ApplicationSet`,
        );
      continue;
    }
    for (const document of parseAllDocuments(text)) {
      if (document.errors.length > 0) {
        errors.push(`${name}: ${path}: ${document.errors[0].message}`);
        break;
      }
      const object = asObject(document.toJS());
      if (
        object?.kind !== 'ApplicationSet' ||
        !String(object.apiVersion).startsWith('argoproj.io/')
      )
        continue;
      const appSetName = asString(asObject(object.metadata)?.name);
      const spec = asObject(object.spec);
      if (!appSetName || !spec) {
        errors.push(
          `${name}: ${path}: ApplicationSet without metadata.name or spec`,
        );
        continue;
      }
      const first = seen.get(appSetName);
      if (first) {
        errors.push(
          `${name}: ${path}: ApplicationSet ${appSetName} is also defined in ${first}; the first one applies`,
        );
        continue;
      }
      seen.set(appSetName, path);
      applicationSets.push({
        name: appSetName,
        namespace,
        spec,
        path,
        repository: name,
        document: object,
      });
    }
  }
  return { applicationSets, errors };
}
