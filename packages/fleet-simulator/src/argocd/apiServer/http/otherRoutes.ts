import type { IncomingMessage, ServerResponse } from 'node:http';
import { kubeTimestamp, matchesLabelSelector } from '../../../store';
import {
  applicationSetLabels,
  applicationSetObject,
  applicationSetProject,
} from '../../applicationSetController/applicationSetRecords';
import { clusterObject } from '../views/clusterList';
import { parseApplicationFilters } from './applicationFilters';
import type { ArgocdServerContext } from './context';
import {
  GRPC,
  readJsonBody,
  sendError,
  sendJson,
  sendPermissionDenied,
} from './respond';

const VERSION = {
  Version: 'v3.1.8+simulated',
  BuildDate: '2025-09-30T00:00:00Z',
  GitCommit: '0000000000000000000000000000000000000000',
  GitTreeState: 'clean',
  GoVersion: 'go1.24.6',
  Compiler: 'gc',
  Platform: 'linux/amd64',
  KustomizeVersion: 'v5.5.0',
};

/** `GET /api/version` (no authentication, as on the real server). */
export function getVersion(res: ServerResponse): void {
  sendJson(res, 200, VERSION);
}

/** `GET /api/v1/settings` (no authentication, as on the real server). */
export function getSettings(
  context: ArgocdServerContext,
  res: ServerResponse,
): void {
  sendJson(res, 200, {
    url: context.publicUrl,
    appLabelKey: 'app.kubernetes.io/instance',
    trackingMethod: 'annotation',
    controllerNamespace: context.namespace,
    appsInAnyNamespaceEnabled: false,
    statusBadgeEnabled: false,
    execEnabled: false,
    userLoginsDisabled: false,
    kustomizeOptions: { buildOptions: '' },
    passwordPattern: '^.{8,32}$',
  });
}

/** `POST /api/v1/session`: username/password to a session token. */
export async function createSession(
  context: ArgocdServerContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = (await readJsonBody(req)) as
    | { username?: unknown; password?: unknown }
    | undefined;
  const token =
    typeof body?.username === 'string' && typeof body.password === 'string'
      ? context.sessions.login(body.username, body.password)
      : undefined;
  if (!token) {
    sendError(res, GRPC.Unauthenticated, 'Invalid username or password');
    return;
  }
  res.setHeader(
    'Set-Cookie',
    `argocd.token=${token}; path=/; SameSite=lax; httpOnly`,
  );
  sendJson(res, 200, { token });
}

/** `GET /api/v1/clusters` with the `server`, `name` and `id.type`/`id.value` filters. */
export function listClusters(
  context: ArgocdServerContext,
  query: URLSearchParams,
  res: ServerResponse,
): void {
  const counts = new Map<string, number>();
  for (const runtime of context.loop.runtimes()) {
    const server = context.loop.clusterOf(runtime)?.server;
    if (server) counts.set(server, (counts.get(server) ?? 0) + 1);
  }
  const idType = query.get('id.type') || 'server';
  const idValue = query.get('id.value');
  const server =
    query.get('server') ||
    (idValue && idType === 'server' ? idValue : undefined);
  const name =
    query.get('name') || (idValue && idType === 'name' ? idValue : undefined);
  const attemptedAt = kubeTimestamp(context.clock.now());
  const items = context.clusters
    .list()
    .filter(
      cluster =>
        (!server || cluster.server === server) &&
        (!name || cluster.name === name),
    )
    .map(cluster =>
      clusterObject(cluster, counts.get(cluster.server) ?? 0, attemptedAt),
    );
  sendJson(res, 200, { metadata: {}, items });
}

/** `GET /api/v1/applicationsets` (and `/{name}`): the ApplicationSets applied from the repository. */
export function listApplicationSets(
  context: ArgocdServerContext,
  query: URLSearchParams,
  res: ServerResponse,
  name?: string,
): void {
  const parsed = parseApplicationFilters(query);
  if (!parsed.ok) {
    sendError(res, GRPC.InvalidArgument, parsed.message);
    return;
  }
  const { selector, projects } = parsed.filters;
  const namespace = query.get('appsetNamespace');
  const resourceVersion = context.applications.resourceVersion();
  const items = context.loop
    .applicationSets()
    .filter(
      ({ source }) =>
        (!name || source.name === name) &&
        (!namespace || source.namespace === namespace) &&
        (!selector ||
          matchesLabelSelector(applicationSetLabels(source), selector)) &&
        (projects.length === 0 ||
          projects.includes(applicationSetProject(source))),
    )
    .sort((a, b) => a.source.name.localeCompare(b.source.name))
    .map(record =>
      applicationSetObject(record, context.applications, resourceVersion),
    );
  if (name) {
    if (items.length === 0) sendPermissionDenied(res);
    else sendJson(res, 200, items[0]);
    return;
  }
  sendJson(res, 200, { metadata: { resourceVersion }, items });
}
