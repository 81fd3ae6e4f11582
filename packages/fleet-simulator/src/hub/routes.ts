import { findResource } from './resources';
import type { HubResource } from './resources';

/** What a hub request path addresses. */
export type HubRoute =
  | { type: 'core-versions' }
  | { type: 'core-resources' }
  | { type: 'namespaces' }
  | { type: 'namespace'; name: string }
  | { type: 'groups' }
  | { type: 'group'; group: string }
  | { type: 'group-version'; group: string; version: string }
  | { type: 'version' }
  | { type: 'health' }
  | {
      type: 'collection';
      resource: HubResource;
      namespace?: string;
      /** The deprecated `/watch/` path prefix was used. */
      watchPath: boolean;
    }
  | {
      type: 'object';
      resource: HubResource;
      name: string;
      namespace?: string;
      subresource?: 'status';
      watchPath: boolean;
    }
  | { type: 'unknown' };

const HEALTH_PATHS = new Set(['/healthz', '/livez', '/readyz']);

function resourceRoute(
  group: string,
  version: string,
  rest: string[],
  watchPath: boolean,
): HubRoute {
  let namespace: string | undefined;
  let segments = rest;
  if (segments[0] === 'namespaces' && segments.length >= 3) {
    namespace = segments[1];
    segments = segments.slice(2);
  }
  const [plural, name, subresource, ...extra] = segments;
  const resource = plural ? findResource(group, version, plural) : undefined;
  if (
    !resource ||
    extra.length > 0 ||
    (namespace !== undefined && !resource.namespaced)
  ) {
    return { type: 'unknown' };
  }
  if (name === undefined)
    return { type: 'collection', resource, namespace, watchPath };
  if (subresource !== undefined && subresource !== 'status')
    return { type: 'unknown' };
  if (resource.namespaced && namespace === undefined)
    return { type: 'unknown' };
  return {
    type: 'object',
    resource,
    name,
    namespace,
    subresource: subresource === 'status' ? 'status' : undefined,
    watchPath,
  };
}

/** Maps a request path (without query) to what it addresses. */
export function matchHubRoute(pathname: string): HubRoute {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (HEALTH_PATHS.has(trimmed)) return { type: 'health' };
  if (trimmed === '/version') return { type: 'version' };
  if (trimmed === '/api') return { type: 'core-versions' };
  if (trimmed === '/api/v1') return { type: 'core-resources' };
  if (trimmed === '/api/v1/namespaces') return { type: 'namespaces' };
  const namespace = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(trimmed);
  if (namespace)
    return { type: 'namespace', name: decodeURIComponent(namespace[1]) };
  if (trimmed === '/apis') return { type: 'groups' };
  const segments = trimmed.split('/').slice(1).map(decodeURIComponent);
  if (segments[0] !== 'apis' || segments.length < 2) return { type: 'unknown' };
  const [, group, version, ...rest] = segments;
  if (version === undefined) return { type: 'group', group };
  if (rest.length === 0) return { type: 'group-version', group, version };
  if (rest[0] === 'watch')
    return resourceRoute(group, version, rest.slice(1), true);
  return resourceRoute(group, version, rest, false);
}
