import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  EnvironmentsResponse,
  VmChoicesResponse,
  FleetResponse,
  VmRefreshResponse,
  VmStatusResponse,
  VmTimelineResponse,
} from '@internal/plugin-kubevirt-gitops-common';
import type {
  KubevirtGitopsApi,
  KubevirtGitopsRequestOptions,
} from './KubevirtGitopsApi';

/** The backend plugin id, as the discovery API knows it. */
const PLUGIN_ID = 'kubevirt-gitops';

/**
 * Thrown when the backend answers 2xx with a body that is not the expected
 * shape (a proxy page, an older backend): better a clear error than a blank tab.
 *
 * @public
 */
export class UnexpectedResponseError extends Error {
  name = 'UnexpectedResponseError';
}

function entityPath(ref: CompoundEntityRef): string {
  return [
    'entities',
    ref.namespace,
    ref.kind.toLocaleLowerCase('en-US'),
    ref.name,
  ]
    .map(encodeURIComponent)
    .join('/');
}

function hasArrays(body: unknown, fields: readonly string[]): boolean {
  if (typeof body !== 'object' || body === null) {
    return false;
  }
  const record = body as Record<string, unknown>;
  return fields.every(field => Array.isArray(record[field]));
}

/**
 * The {@link KubevirtGitopsApi} over HTTP: the discovery API finds the
 * backend, the fetch API adds the user's credentials, and every non-2xx
 * answer becomes a `ResponseError` (its `statusCode`, and the server's error
 * name and message in `cause`).
 *
 * @public
 */
export class KubevirtGitopsClient implements KubevirtGitopsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getVmStatus(
    entityRef: CompoundEntityRef,
    options?: KubevirtGitopsRequestOptions,
  ): Promise<VmStatusResponse> {
    return this.request<VmStatusResponse>(
      `${entityPath(entityRef)}/vms`,
      { signal: options?.signal },
      ['rows', 'pullRequests', 'errors'],
    );
  }

  async getVmTimeline(
    entityRef: CompoundEntityRef,
    options?: KubevirtGitopsRequestOptions,
  ): Promise<VmTimelineResponse> {
    return this.request<VmTimelineResponse>(
      `${entityPath(entityRef)}/timeline`,
      { signal: options?.signal },
      ['requests'],
    );
  }

  async refreshVm(
    entityRef: CompoundEntityRef,
    options?: KubevirtGitopsRequestOptions,
  ): Promise<VmRefreshResponse> {
    return this.request<VmRefreshResponse>(
      `${entityPath(entityRef)}/vms/refresh`,
      { method: 'POST', signal: options?.signal },
      ['refreshed', 'errors'],
    );
  }

  async getEntityFleet(
    entityRef: CompoundEntityRef,
    options?: KubevirtGitopsRequestOptions,
  ): Promise<FleetResponse> {
    return this.request<FleetResponse>(
      `${entityPath(entityRef)}/fleet`,
      { signal: options?.signal },
      ['clusters', 'totals', 'errors'],
    );
  }

  async getFleet(
    options?: KubevirtGitopsRequestOptions & { clusterSet?: string },
  ): Promise<FleetResponse> {
    const query = options?.clusterSet
      ? `?${new URLSearchParams({ clusterSet: options.clusterSet })}`
      : '';
    return this.request<FleetResponse>(
      `fleet${query}`,
      { signal: options?.signal },
      ['clusters', 'totals', 'errors'],
    );
  }

  async getEnvironments(
    options?: KubevirtGitopsRequestOptions,
  ): Promise<EnvironmentsResponse> {
    return this.request<EnvironmentsResponse>(
      'environments',
      { signal: options?.signal },
      ['environments', 'errors'],
    );
  }

  async getChoices(
    options?: KubevirtGitopsRequestOptions,
  ): Promise<VmChoicesResponse> {
    return this.request<VmChoicesResponse>(
      'choices',
      { signal: options?.signal },
      ['sizes', 'images', 'uncataloguedImages', 'errors'],
    );
  }

  private async request<T>(
    path: string,
    init: RequestInit,
    arrayFields: readonly string[],
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}/${path}`, {
      ...init,
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (!hasArrays(body, arrayFields)) {
      throw new UnexpectedResponseError(
        `The kubevirt-gitops backend answered ${
          path.split('?')[0]
        } with an unexpected body (expected ${arrayFields.join(
          ', ',
        )}); is the backend plugin the same version as the frontend?`,
      );
    }
    return body as T;
  }
}
