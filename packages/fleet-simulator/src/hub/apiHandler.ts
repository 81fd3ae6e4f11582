import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UpstreamHandler } from '../contracts';
import type { HubObjectStore } from '../store';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  coreResources,
  coreVersions,
  versionInfo,
} from './discovery';
import { CollectionLister } from './list';
import { hubNamespaces } from './namespaces';
import { objectFilter, parseCollectionQuery, QueryError } from './query';
import type { HubRoute } from './routes';
import { matchHubRoute } from './routes';
import { objectJson } from './serialize';
import {
  badRequest,
  failure,
  methodNotAllowed,
  notFound,
  sendJson,
  sendJsonText,
  sendStatus,
  unauthorized,
  unknownPath,
} from './status';
import type { WatchOptions } from './watch';
import { serveWatch, WatchRegistry } from './watch';

/** Options of {@link createHubApiHandler}. */
export interface HubApiOptions {
  store: HubObjectStore;
  /** Bearer tokens the hub accepts. */
  tokens: readonly string[];
  watch?: Partial<WatchOptions>;
}

/** The hub's Kubernetes API handler and its open watches. */
export interface HubApi {
  handler: UpstreamHandler;
  watches: WatchRegistry;
}

const PUBLIC_ROUTES = new Set<HubRoute['type']>(['health', 'version']);

function isAuthorized(
  req: IncomingMessage,
  tokens: readonly string[],
): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match !== null && tokens.includes(match[1]);
}

/** A read-only Kubernetes API server for the OCM kinds in the store. */
export function createHubApiHandler(options: HubApiOptions): HubApi {
  const { store, tokens } = options;
  const watches = new WatchRegistry();
  const started = new Date();
  const lister = new CollectionLister(store);
  const watchOptions: WatchOptions = {
    bookmarkIntervalMs: options.watch?.bookmarkIntervalMs ?? 10_000,
    defaultTimeoutSeconds: options.watch?.defaultTimeoutSeconds ?? 1800,
  };

  const serve = (res: ServerResponse, route: HubRoute, url: URL) => {
    switch (route.type) {
      case 'health':
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('ok');
        return;
      case 'version':
        sendJson(res, 200, versionInfo());
        return;
      case 'core-versions':
        sendJson(res, 200, coreVersions(url.host));
        return;
      case 'core-resources':
        sendJson(res, 200, coreResources());
        return;
      case 'namespaces': {
        const filter = objectFilter(
          parseCollectionQuery(url.searchParams),
          undefined,
        );
        sendJson(res, 200, {
          kind: 'NamespaceList',
          apiVersion: 'v1',
          metadata: { resourceVersion: store.resourceVersion() },
          items: hubNamespaces(store, started).filter(filter),
        });
        return;
      }
      case 'namespace': {
        const found = hubNamespaces(store, started).find(
          ns => ns.metadata.name === route.name,
        );
        if (found) sendJson(res, 200, found);
        else
          sendStatus(
            res,
            failure(404, 'NotFound', `namespaces "${route.name}" not found`, {
              name: route.name,
              kind: 'namespaces',
            }),
          );
        return;
      }
      case 'groups':
        sendJson(res, 200, apiGroupList());
        return;
      case 'group': {
        const body = apiGroup(route.group);
        if (body) sendJson(res, 200, body);
        else sendStatus(res, unknownPath());
        return;
      }
      case 'group-version': {
        const body = apiResourceList(route.group, route.version);
        if (body) sendJson(res, 200, body);
        else sendStatus(res, unknownPath());
        return;
      }
      case 'object': {
        if (route.watchPath) {
          const query = parseCollectionQuery(url.searchParams);
          query.fieldSelector.push({
            field: 'metadata.name',
            equals: true,
            value: route.name,
          });
          serveWatch(
            res,
            { store, registry: watches, options: watchOptions },
            route.resource,
            route.namespace,
            query,
          );
          return;
        }
        const object = store.get(
          route.resource.kind,
          route.name,
          route.namespace,
        );
        if (!object) sendStatus(res, notFound(route.resource, route.name));
        else sendJsonText(res, 200, objectJson(object));
        return;
      }
      case 'collection': {
        const query = parseCollectionQuery(url.searchParams);
        if (query.watch || route.watchPath) {
          serveWatch(
            res,
            { store, registry: watches, options: watchOptions },
            route.resource,
            route.namespace,
            query,
          );
          return;
        }
        const result = lister.list(route.resource, route.namespace, query);
        if ('status' in result) sendStatus(res, result.status);
        else sendJsonText(res, 200, result.body);
        return;
      }
      default:
        sendStatus(res, unknownPath());
    }
  };

  const handler: UpstreamHandler = (req, res) => {
    const url = new URL(
      req.url ?? '/',
      `http://${req.headers.host ?? '127.0.0.1'}`,
    );
    const route = matchHubRoute(url.pathname);
    if (!PUBLIC_ROUTES.has(route.type) && !isAuthorized(req, tokens)) {
      sendStatus(res, unauthorized());
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendStatus(
        res,
        route.type === 'unknown' ? unknownPath() : methodNotAllowed(),
      );
      return;
    }
    try {
      serve(res, route, url);
    } catch (error) {
      if (error instanceof QueryError)
        sendStatus(res, badRequest(error.message));
      else throw error;
    }
  };
  return { handler, watches };
}
