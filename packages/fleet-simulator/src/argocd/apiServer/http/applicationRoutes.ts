import type { ServerResponse } from 'node:http';
import { applicationTree } from '../views/resourceTree';
import { findLiveResource, managedResources } from '../views/managedResources';
import type { ResourceQuery } from '../views/managedResources';
import {
  hasFilters,
  matchingApplicationNames,
  parseApplicationFilters,
} from './applicationFilters';
import type { ArgocdServerContext } from './context';
import { liveAccess } from './context';
import { parseFields, project } from './fields';
import { GRPC, sendError, sendJson, sendPermissionDenied } from './respond';

/** `GET /api/v1/applications`: served from each application's cached JSON unless `fields` asks for a projection. */
export function listApplications(
  context: ArgocdServerContext,
  query: URLSearchParams,
  res: ServerResponse,
): void {
  const parsed = parseApplicationFilters(query);
  if (!parsed.ok) {
    sendError(res, GRPC.InvalidArgument, parsed.message);
    return;
  }
  const { applications } = context;
  const names = hasFilters(parsed.filters)
    ? matchingApplicationNames(applications, parsed.filters)
    : applications.names();
  const resourceVersion = applications.resourceVersion();
  const fields = query.get('fields');
  if (fields) {
    const list = {
      metadata: { resourceVersion },
      items: names.map(name => applications.get(name)),
    };
    sendJson(res, 200, project(list, parseFields(fields)) ?? {});
    return;
  }
  if (names === applications.names()) {
    sendJson(res, 200, applications.fullList());
    return;
  }
  const items = names
    .map(name => applications.json(name))
    .filter((json): json is string => json !== undefined);
  sendJson(
    res,
    200,
    `{"metadata":{"resourceVersion":"${resourceVersion}"},"items":[${items.join(
      ',',
    )}]}`,
  );
}

function visible(
  context: ArgocdServerContext,
  name: string,
  query: URLSearchParams,
): boolean {
  const application = context.applications.get(name);
  const appNamespace = query.get('appNamespace');
  return (
    application !== undefined &&
    (!appNamespace || appNamespace === context.namespace)
  );
}

/**
 * The live access to a visible Application, or undefined after answering
 * 403 "permission denied" (what ArgoCD answers for a missing Application).
 */
function visibleAccess(
  context: ArgocdServerContext,
  name: string,
  query: URLSearchParams,
  res: ServerResponse,
): ReturnType<typeof liveAccess> {
  const access = visible(context, name, query)
    ? liveAccess(context, name)
    : undefined;
  if (!access) sendPermissionDenied(res);
  return access;
}

/** `GET /api/v1/applications/{name}` with `refresh=normal|hard` re-reading Git first. */
export async function getApplication(
  context: ArgocdServerContext,
  name: string,
  query: URLSearchParams,
  res: ServerResponse,
): Promise<void> {
  if (!visible(context, name, query)) {
    sendPermissionDenied(res);
    return;
  }
  const refresh = query.get('refresh');
  if (refresh === 'normal' || refresh === 'hard') {
    await context.loop.refreshApplication(name, refresh === 'hard');
  }
  const json = context.applications.json(name);
  if (json === undefined) sendPermissionDenied(res);
  else sendJson(res, 200, json);
}

function resourceQuery(
  query: URLSearchParams,
  nameParameter: 'name' | 'resourceName',
): ResourceQuery {
  return {
    namespace: query.get('namespace') || undefined,
    name: query.get(nameParameter) || undefined,
    version: query.get('version') || undefined,
    group: query.has('group') ? query.get('group') ?? '' : undefined,
    kind: query.get('kind') || undefined,
  };
}

/** `GET .../{name}/resource-tree`. */
export function getResourceTree(
  context: ArgocdServerContext,
  name: string,
  query: URLSearchParams,
  res: ServerResponse,
): void {
  const access = visibleAccess(context, name, query, res);
  if (!access) return;
  sendJson(res, 200, applicationTree(access));
}

/** `GET .../{name}/managed-resources`. */
export function getManagedResources(
  context: ArgocdServerContext,
  name: string,
  query: URLSearchParams,
  res: ServerResponse,
): void {
  const access = visibleAccess(context, name, query, res);
  if (!access) return;
  sendJson(res, 200, managedResources(access, resourceQuery(query, 'name')));
}

/** `GET .../{name}/resource`: the live object as a JSON string in `manifest`. */
export function getResource(
  context: ArgocdServerContext,
  name: string,
  query: URLSearchParams,
  res: ServerResponse,
): void {
  const access = visibleAccess(context, name, query, res);
  if (!access) return;
  const resource = resourceQuery(query, 'resourceName');
  if (access.cluster && !access.cluster.available) {
    sendError(
      res,
      GRPC.Unknown,
      `failed to get cluster info for "${
        access.cluster.server
      }": error synchronizing cache state : ${
        access.cluster.unavailableMessage ?? 'cluster is unreachable'
      }`,
    );
    return;
  }
  const object = findLiveResource(access, resource);
  if (!object) {
    sendError(
      res,
      GRPC.NotFound,
      `${resource.kind ?? 'resource'} ${
        resource.name ?? ''
      } not found as part of application ${name}`,
    );
    return;
  }
  sendJson(res, 200, { manifest: JSON.stringify(object) });
}

/** `POST .../{name}/sync`: syncs now and answers with the application. */
export async function syncApplication(
  context: ArgocdServerContext,
  name: string,
  res: ServerResponse,
): Promise<void> {
  if (!(await context.loop.syncApplication(name))) {
    sendPermissionDenied(res);
    return;
  }
  sendJson(res, 200, context.applications.json(name) ?? '{}');
}
