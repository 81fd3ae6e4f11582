import type { ParsedLabelSelector } from '../../../store';
import {
  LabelSelectorError,
  matchesLabelSelector,
  parseLabelSelector,
} from '../../../store';
import type { ApplicationStore } from '../../applicationStore';
import type { Application } from '../../types';

/** The query filters of list, get and watch calls on applications. */
export interface ApplicationFilters {
  name?: string;
  selector?: ParsedLabelSelector;
  projects: string[];
  appNamespace?: string;
  repo?: string;
}

export type FilterParse =
  | { ok: true; filters: ApplicationFilters }
  | { ok: false; message: string };

function normalizeRepo(url: string): string {
  return url
    .toLowerCase()
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}

/** Reads `name`, `selector`, `projects`/`project`, `appNamespace` and `repo`. */
export function parseApplicationFilters(query: URLSearchParams): FilterParse {
  let selector: ParsedLabelSelector | undefined;
  const selectorText = query.get('selector');
  if (selectorText) {
    try {
      selector = parseLabelSelector(selectorText);
    } catch (error) {
      const detail =
        error instanceof LabelSelectorError ? error.message : String(error);
      return { ok: false, message: `error parsing the selector: ${detail}` };
    }
  }
  return {
    ok: true,
    filters: {
      name: query.get('name') || undefined,
      selector,
      projects: [
        ...query.getAll('projects'),
        ...query.getAll('project'),
      ].filter(Boolean),
      appNamespace: query.get('appNamespace') || undefined,
      repo: query.get('repo') || undefined,
    },
  };
}

export function hasFilters(filters: ApplicationFilters): boolean {
  return Boolean(
    filters.name ||
      filters.selector?.length ||
      filters.projects.length ||
      filters.appNamespace ||
      filters.repo,
  );
}

export function matchesApplication(
  application: Application,
  filters: ApplicationFilters,
): boolean {
  const { metadata, spec } = application;
  return (
    (!filters.name || metadata.name === filters.name) &&
    (!filters.appNamespace || metadata.namespace === filters.appNamespace) &&
    (filters.projects.length === 0 ||
      filters.projects.includes(spec.project)) &&
    (!filters.repo ||
      normalizeRepo(spec.source?.repoURL ?? '') ===
        normalizeRepo(filters.repo)) &&
    (!filters.selector ||
      matchesLabelSelector(metadata.labels, filters.selector))
  );
}

/** The names, in store order, of the applications that match `filters`. */
export function matchingApplicationNames(
  applications: ApplicationStore,
  filters: ApplicationFilters,
): string[] {
  return applications.names().filter(name => {
    const application = applications.get(name);
    return (
      application !== undefined && matchesApplication(application, filters)
    );
  });
}
