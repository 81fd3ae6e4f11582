/*
 * The OCM hub client, on `@kubernetes/client-node`: one paginated list
 * (`limit`/`continue`) per kind, each page bounded by the hub's timeout.
 */
import {
  ApiException,
  CustomObjectsApi,
  KubeConfig,
  Observable,
  type ObservableMiddleware,
} from '@kubernetes/client-node';
import type { OcmHubConfig } from '../config/types';
import {
  errorFromTransport,
  errorFromUpstreamStatus,
} from '../upstream/errors';
import { listItems, stringField } from '../upstream/json';

/** An OCM kind the backend lists. */
export interface OcmKind {
  kind: string;
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
}

const CLUSTER_GROUP = 'cluster.open-cluster-management.io';

/** The kinds of the fleet snapshot. */
export const OCM_KINDS = {
  managedClusters: {
    kind: 'ManagedCluster',
    group: CLUSTER_GROUP,
    version: 'v1',
    plural: 'managedclusters',
    namespaced: false,
  },
  managedClusterSets: {
    kind: 'ManagedClusterSet',
    group: CLUSTER_GROUP,
    version: 'v1beta2',
    plural: 'managedclustersets',
    namespaced: false,
  },
  placements: {
    kind: 'Placement',
    group: CLUSTER_GROUP,
    version: 'v1beta1',
    plural: 'placements',
    namespaced: true,
  },
  placementDecisions: {
    kind: 'PlacementDecision',
    group: CLUSTER_GROUP,
    version: 'v1beta1',
    plural: 'placementdecisions',
    namespaced: true,
  },
} as const satisfies Record<string, OcmKind>;

/** Lists OCM objects on one hub. */
export interface OcmHubClient {
  /** `ocm:<hub>`, for errors and logs. */
  readonly source: string;
  readonly hub: OcmHubConfig;
  /** Every object of a kind (all namespaces), following `continue`. */
  listAll(kind: OcmKind): Promise<unknown[]>;
  /** The same list with the resourceVersion of its first page (to watch from). */
  listVersioned(
    kind: OcmKind,
  ): Promise<{ items: unknown[]; resourceVersion: string }>;
}

/** Builds the KubeConfig of a hub (URL + token + CA, or a kubeconfig file). */
export function createHubKubeConfig(hub: OcmHubConfig): KubeConfig {
  const kc = new KubeConfig();
  const { connection } = hub;
  if (connection.type === 'kubeconfig') {
    kc.loadFromFile(connection.path);
    if (connection.context) {
      kc.setCurrentContext(connection.context);
    }
    return kc;
  }
  const name = `ocm-${hub.name}`;
  kc.loadFromOptions({
    clusters: [
      {
        name,
        server: connection.url,
        skipTLSVerify: connection.tls.skipTLSVerify,
        ...(connection.tls.ca
          ? { caData: Buffer.from(connection.tls.ca).toString('base64') }
          : {}),
      },
    ],
    users: [{ name, token: connection.token }],
    contexts: [{ name, cluster: name, user: name }],
    currentContext: name,
  });
  return kc;
}

function timeoutMiddleware(timeoutMs: number): ObservableMiddleware {
  return {
    pre: context => {
      context.setSignal(AbortSignal.timeout(timeoutMs));
      return new Observable(Promise.resolve(context));
    },
    post: context => new Observable(Promise.resolve(context)),
  };
}

function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

/** Options of {@link createOcmHubClient}. */
export interface OcmHubClientOptions {
  hub: OcmHubConfig;
  /** Defaults to {@link createHubKubeConfig}. */
  kubeConfig?: KubeConfig;
}

/** Creates the client of one hub. */
export function createOcmHubClient(options: OcmHubClientOptions): OcmHubClient {
  const { hub } = options;
  const source = `ocm:${hub.name}`;
  const api = (options.kubeConfig ?? createHubKubeConfig(hub)).makeApiClient(
    CustomObjectsApi,
  );
  const requestOptions = {
    middleware: [timeoutMiddleware(hub.timeoutMs)],
    middlewareMergeStrategy: 'append' as const,
  };

  async function page(kind: OcmKind, token: string | undefined) {
    const what = `listing ${kind.kind} objects`;
    const params = {
      group: kind.group,
      version: kind.version,
      plural: kind.plural,
      limit: hub.pageSize,
      ...(token ? { _continue: token } : {}),
    };
    try {
      const body: unknown = kind.namespaced
        ? await api.listCustomObjectForAllNamespaces(params, requestOptions)
        : await api.listClusterCustomObject(params, requestOptions);
      return body;
    } catch (error) {
      if (error instanceof ApiException) {
        throw errorFromUpstreamStatus(source, what, {
          status: error.code,
          body: bodyText(error.body),
          retryAfter: error.headers?.['retry-after'],
        });
      }
      throw errorFromTransport(source, what, error, hub.timeoutMs);
    }
  }

  async function listVersioned(kind: OcmKind) {
    const items: unknown[] = [];
    let token: string | undefined;
    let resourceVersion = '';
    // A hub that keeps answering `continue` is cut off after this many pages.
    for (let pages = 0; pages < 1000; pages += 1) {
      const body = await page(kind, token);
      items.push(...listItems(body, source, `listing ${kind.kind} objects`));
      // Every page of a paginated list is served at the first page's version.
      resourceVersion ||=
        stringField(body, 'metadata', 'resourceVersion') ?? '';
      token = stringField(body, 'metadata', 'continue');
      if (!token) {
        return { items, resourceVersion };
      }
    }
    throw new Error(`${source}: too many pages listing ${kind.kind}`);
  }

  return {
    source,
    hub,
    listVersioned,
    async listAll(kind) {
      return (await listVersioned(kind)).items;
    },
  };
}
