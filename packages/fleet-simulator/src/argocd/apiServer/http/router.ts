import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UpstreamHandler } from '../../../contracts';
import {
  getApplication,
  getManagedResources,
  getResource,
  getResourceTree,
  listApplications,
  syncApplication,
} from './applicationRoutes';
import type { ArgocdServerContext } from './context';
import {
  createSession,
  getSettings,
  getVersion,
  listApplicationSets,
  listClusters,
} from './otherRoutes';
import { GRPC, sendError, sendJson } from './respond';
import { streamApplications } from './streamRoute';

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header?.toLowerCase().startsWith('bearer '))
    return header.slice(7).trim();
  const cookie = req.headers.cookie
    ?.split(';')
    .map(part => part.trim())
    .find(part => part.startsWith('argocd.token='));
  return cookie?.slice('argocd.token='.length);
}

/** Checks the session; answers 401 as ArgoCD does and returns false when it is missing or invalid. */
function authenticate(
  context: ArgocdServerContext,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const token = bearerToken(req);
  if (!token) {
    sendError(res, GRPC.Unauthenticated, 'no session information');
    return false;
  }
  const check = context.sessions.verify(token);
  if (!check.ok) {
    sendError(res, GRPC.Unauthenticated, `invalid session: ${check.reason}`);
    return false;
  }
  return true;
}

async function route(
  context: ArgocdServerContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://argocd.local');
  const method = req.method ?? 'GET';
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  const query = url.searchParams;
  const path = `/${segments.join('/')}`;

  if (method === 'GET' && path === '/api/version') return getVersion(res);
  if (method === 'GET' && path === '/api/v1/settings')
    return getSettings(context, res);
  if (path === '/api/v1/session' && method === 'POST')
    return createSession(context, req, res);
  if (!authenticate(context, req, res)) return undefined;
  if (path === '/api/v1/session' && method === 'DELETE')
    return sendJson(res, 200, {});
  if (path === '/api/v1/session/userinfo' && method === 'GET') {
    return sendJson(res, 200, {
      loggedIn: true,
      username: 'admin',
      iss: 'argocd',
    });
  }
  if (method === 'GET' && path === '/api/v1/applications')
    return listApplications(context, query, res);
  if (method === 'GET' && path === '/api/v1/stream/applications')
    return streamApplications(context, query, req, res);
  if (method === 'GET' && path === '/api/v1/clusters')
    return listClusters(context, query, res);
  if (method === 'GET' && path === '/api/v1/applicationsets')
    return listApplicationSets(context, query, res);
  if (
    segments.length === 4 &&
    segments[2] === 'applicationsets' &&
    method === 'GET'
  ) {
    return listApplicationSets(context, query, res, segments[3]);
  }
  if (
    segments.length >= 4 &&
    segments[0] === 'api' &&
    segments[1] === 'v1' &&
    segments[2] === 'applications'
  ) {
    const name = segments[3];
    const action = segments.slice(4).join('/');
    if (method === 'GET' && action === '')
      return getApplication(context, name, query, res);
    if (method === 'GET' && action === 'resource-tree')
      return getResourceTree(context, name, query, res);
    if (method === 'GET' && action === 'managed-resources')
      return getManagedResources(context, name, query, res);
    if (method === 'GET' && action === 'resource')
      return getResource(context, name, query, res);
    if (method === 'POST' && action === 'sync')
      return syncApplication(context, name, res);
  }
  return sendError(res, GRPC.NotFound, 'Not Found');
}

/** The simulated ArgoCD API server as a node:http request listener. */
export function createArgocdHandler(
  context: ArgocdServerContext,
): UpstreamHandler {
  return async (req, res) => {
    try {
      await route(context, req, res);
    } catch (error) {
      if (!res.headersSent) {
        sendError(
          res,
          GRPC.Unknown,
          error instanceof Error ? error.message : String(error),
        );
      } else {
        res.end();
      }
    }
  };
}
