import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  LabelSelectorError,
  matchesLabelSelector,
  parseLabelSelector,
} from '../../store';
import { applicationSetObject } from '../../loop/applicationSetRecords';
import { clusterObject } from '../views/clusterList';
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
  const attemptedAt = `${context.clock.now().toISOString().slice(0, 19)}Z`;
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
  let selector;
  try {
    selector = parseLabelSelector(query.get('selector') ?? '');
  } catch (error) {
    sendError(
      res,
      GRPC.InvalidArgument,
      `error parsing the selector: ${
        error instanceof LabelSelectorError ? error.message : String(error)
      }`,
    );
    return;
  }
  const projects = [
    ...query.getAll('projects'),
    ...query.getAll('project'),
  ].filter(Boolean);
  const namespace = query.get('appsetNamespace');
  const resourceVersion = context.applications.resourceVersion();
  const items = context.loop
    .applicationSets()
    .map(record =>
      applicationSetObject(record, context.applications, resourceVersion),
    )
    .filter(appSet => {
      const template = appSet.spec.template as
        | { spec?: { project?: string } }
        | undefined;
      return (
        (!name || appSet.metadata.name === name) &&
        (!namespace || appSet.metadata.namespace === namespace) &&
        matchesLabelSelector(appSet.metadata.labels, selector) &&
        (projects.length === 0 ||
          projects.includes(template?.spec?.project ?? ''))
      );
    })
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  if (name) {
    if (items.length === 0) sendPermissionDenied(res);
    else sendJson(res, 200, items[0]);
    return;
  }
  sendJson(res, 200, { metadata: { resourceVersion }, items });
}
