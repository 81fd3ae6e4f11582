/*
 * The ArgoCD API server client: the few endpoints the backend uses, over an
 * injectable fetch. Answers are returned as untrusted JSON; mappers type them.
 */
import { NotFoundError, isError } from '@backstage/errors';
import type { ArgocdInstanceConfig } from '../config/types';
import type { FetchLike, HttpResponseLike } from '../upstream/http';
import { requestJson, requestJsonItems } from '../upstream/http';
import { listItems, stringField } from '../upstream/json';
import { createUpstreamFetch } from '../upstream/undiciFetch';
import {
  errorFromTransport,
  errorFromUpstreamStatus,
} from '../upstream/errors';
import { createArgocdTokenProvider } from './session';

/** An Application: its name and, with apps in any namespace, its namespace. */
export interface ArgocdAppRef {
  name: string;
  namespace?: string;
}

/** A managed resource of an Application (for `GET .../resource`). */
export interface ArgocdResourceRef {
  group?: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** The ArgoCD endpoints the backend calls. */
export interface ArgocdClient {
  /** `argocd:<instance>`, for errors and logs. */
  readonly source: string;
  readonly instance: ArgocdInstanceConfig;
  /** `GET /api/v1/applications` (with the configured selector and namespace). */
  listApplications(): Promise<unknown[]>;
  /**
   * The same list, read item by item: `map` runs on each Application as it
   * arrives and only what it returns is kept (undefined drops the item), so
   * a large fleet's list is never held whole.
   */
  mapApplications<T>(map: (item: unknown) => T | undefined): Promise<T[]>;
  /** `GET /api/v1/clusters`. */
  listClusters(): Promise<unknown[]>;
  /** `GET /api/v1/applicationsets` (every namespace the API server serves). */
  listApplicationSets(): Promise<unknown[]>;
  /** `GET /api/v1/applications/{name}/resource-tree`. */
  getResourceTree(app: ArgocdAppRef): Promise<unknown>;
  /** `GET /api/v1/applications/{name}/resource`: the live object. */
  getResource(app: ArgocdAppRef, resource: ArgocdResourceRef): Promise<unknown>;
  /** `GET /api/v1/applications/{name}?refresh=normal`: re-read Git now. */
  refreshApplication(app: ArgocdAppRef): Promise<void>;
  /**
   * `GET /api/v1/stream/applications` (server-sent events, the configured
   * selector and namespace; from `resourceVersion` when given): the open
   * answer, whose body the caller reads until `signal` aborts it. A non-2xx
   * answer throws the mapped error (with `status` on it).
   */
  openApplicationStream(options: {
    signal: AbortSignal;
    resourceVersion?: string;
  }): Promise<HttpResponseLike>;
}

/** Options of {@link createArgocdClient}. */
export interface ArgocdClientOptions {
  instance: ArgocdInstanceConfig;
  /** Defaults to undici's fetch with this instance's CA. */
  fetch?: FetchLike;
  now?: () => number;
}

function isNamed(error: unknown, name: string): boolean {
  return isError(error) && error.name === name;
}

/** Creates the client of one ArgoCD instance. */
export function createArgocdClient(options: ArgocdClientOptions): ArgocdClient {
  const { instance } = options;
  const source = `argocd:${instance.name}`;
  const fetchImpl = options.fetch ?? createUpstreamFetch(instance.tls);
  const tokens = createArgocdTokenProvider({
    source,
    url: instance.url,
    auth: instance.auth,
    fetch: fetchImpl,
    timeoutMs: instance.timeoutMs,
    now: options.now,
  });

  function url(path: string, query: Record<string, string | undefined>) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params.set(key, value);
    }
    const search = params.toString();
    return `${instance.url}${path}${search ? `?${search}` : ''}`;
  }

  /** Sends with the current token; once more with a new one after a 401. */
  async function withToken<T>(send: (token: string) => Promise<T>): Promise<T> {
    const token = await tokens.token();
    try {
      return await send(token);
    } catch (error) {
      if (isNamed(error, 'AuthenticationError') && tokens.invalidate(token)) {
        return send(await tokens.token());
      }
      throw error;
    }
  }

  function get(what: string, target: string): Promise<unknown> {
    return withToken(
      async token =>
        (
          await requestJson(fetchImpl, {
            source,
            what,
            url: target,
            headers: { Authorization: `Bearer ${token}` },
            timeoutMs: instance.timeoutMs,
          })
        ).body,
    );
  }

  const applicationsUrl = () =>
    url('/api/v1/applications', {
      selector: instance.applicationSelector,
      appNamespace: instance.appNamespace,
    });

  /** ArgoCD answers 403 for an Application that does not exist: not deployed yet. */
  async function getForApp(
    app: ArgocdAppRef,
    what: string,
    target: string,
    { resource = false } = {},
  ): Promise<unknown> {
    try {
      return await get(what, target);
    } catch (error) {
      const appMissing =
        isNamed(error, 'NotAllowedError') ||
        (!resource && isNamed(error, 'NotFoundError'));
      if (appMissing) {
        throw new NotFoundError(
          `${source}: Application ${app.name} is not deployed yet (ArgoCD answered that it does not exist or is not visible)`,
        );
      }
      throw error;
    }
  }

  const appPath = (app: ArgocdAppRef) =>
    `/api/v1/applications/${encodeURIComponent(app.name)}`;
  // An Application without a namespace (snapshot: '') is in the instance's.
  const appNamespace = (app: ArgocdAppRef) =>
    app.namespace || instance.appNamespace;

  return {
    source,
    instance,
    async listApplications() {
      const body = await get('listing Applications', applicationsUrl());
      return listItems(body, source, 'listing Applications');
    },
    mapApplications<T>(map: (item: unknown) => T | undefined) {
      return withToken(async token => {
        // A retry after a 401 starts over.
        const kept: T[] = [];
        await requestJsonItems(
          fetchImpl,
          {
            source,
            what: 'listing Applications',
            url: applicationsUrl(),
            headers: { Authorization: `Bearer ${token}` },
            timeoutMs: instance.timeoutMs,
          },
          item => {
            const mapped = map(item);
            if (mapped !== undefined) kept.push(mapped);
          },
        );
        return kept;
      });
    },
    async listClusters() {
      const body = await get('listing clusters', url('/api/v1/clusters', {}));
      return listItems(body, source, 'listing clusters');
    },
    async listApplicationSets() {
      const body = await get(
        'listing ApplicationSets',
        url('/api/v1/applicationsets', {}),
      );
      return listItems(body, source, 'listing ApplicationSets');
    },
    getResourceTree(app) {
      return getForApp(
        app,
        `reading the resource tree of ${app.name}`,
        url(`${appPath(app)}/resource-tree`, {
          appNamespace: appNamespace(app),
        }),
      );
    },
    async getResource(app, resource) {
      const body = await getForApp(
        app,
        `reading ${resource.kind} ${resource.name} of ${app.name}`,
        url(`${appPath(app)}/resource`, {
          namespace: resource.namespace,
          resourceName: resource.name,
          version: resource.version,
          group: resource.group ?? '',
          kind: resource.kind,
          appNamespace: appNamespace(app),
        }),
        { resource: true },
      );
      const manifest = stringField(body, 'manifest');
      if (!manifest) {
        return undefined;
      }
      try {
        return JSON.parse(manifest);
      } catch {
        return undefined;
      }
    },
    openApplicationStream({ signal, resourceVersion }) {
      const what = 'opening the Application event stream';
      const target = url('/api/v1/stream/applications', {
        selector: instance.applicationSelector,
        appNamespace: instance.appNamespace,
        resourceVersion,
      });
      return withToken(async token => {
        let response: HttpResponseLike;
        try {
          response = await fetchImpl(target, {
            method: 'GET',
            headers: {
              Accept: 'text/event-stream',
              Authorization: `Bearer ${token}`,
            },
            signal,
          });
        } catch (error) {
          throw errorFromTransport(source, what, error, instance.timeoutMs);
        }
        if (!response.ok) {
          const body = await response.text().catch(() => '');
          throw Object.assign(
            errorFromUpstreamStatus(source, what, {
              status: response.status,
              body,
              retryAfter: response.headers.get('retry-after'),
            }),
            { status: response.status },
          );
        }
        return response;
      });
    },
    async refreshApplication(app) {
      await getForApp(
        app,
        `refreshing ${app.name}`,
        url(appPath(app), {
          refresh: 'normal',
          appNamespace: appNamespace(app),
        }),
      );
    },
  };
}
