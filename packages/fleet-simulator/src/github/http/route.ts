import type { WebhookRegistry } from '../webhooks';
/*
 * The shape of one REST operation: method, path pattern (captures become
 * params, URL-decoded), documentation anchor, and a synchronous handler.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { GithubModel } from '../model';
import type { GithubUrls } from '../urls';
import type { Page } from './input';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface GithubContext {
  model: GithubModel;
  urls: GithubUrls;
  /** Repository webhooks (absent: the hooks API answers 404). */
  webhooks?: WebhookRegistry;
}

export interface ApiRequest {
  method: HttpMethod;
  /** Path after `/api/v3`, still URL-encoded. */
  path: string;
  params: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface ApiResponse {
  status: number;
  /** JSON body; omitted for 204. */
  body?: unknown;
  /** A non-JSON body (raw file content, archives). */
  raw?: { data: Buffer; contentType: string; etag?: string };
  headers?: Record<string, string>;
}

export interface Route {
  method: HttpMethod;
  pattern: RegExp;
  /** Anchor under the REST docs, e.g. `git/refs#get-a-reference`. */
  docs: string;
  handle(request: ApiRequest, context: GithubContext): ApiResponse;
}

/** GitHub's `Link` header for a page of `total` items, or undefined when one page holds them all. */
export function linkHeader(
  context: GithubContext,
  request: ApiRequest,
  page: Page,
  total: number,
): string | undefined {
  if (page.perPage === 0) return undefined;
  const last = Math.max(1, Math.ceil(total / page.perPage));
  if (last <= 1) return undefined;
  const link = (number: number, rel: string) => {
    const query = new URLSearchParams(request.query);
    query.set('per_page', String(page.perPage));
    query.set('page', String(number));
    return `<${context.urls.api}${
      request.path
    }?${query.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page.page > 1) links.push(link(page.page - 1, 'prev'));
  if (page.page < last)
    links.push(link(page.page + 1, 'next'), link(last, 'last'));
  if (page.page > 1) links.push(link(1, 'first'));
  return links.join(', ');
}

/** A JSON list response for one page of `items`, with its Link header. */
export function pagedResponse<T>(
  context: GithubContext,
  request: ApiRequest,
  page: Page,
  items: T[],
  render: (item: T) => unknown,
): ApiResponse {
  const start = (page.page - 1) * page.perPage;
  const slice = items.slice(start, start + page.perPage);
  const link = linkHeader(context, request, page, items.length);
  return {
    status: 200,
    body: slice.map(render),
    headers: link ? { link } : undefined,
  };
}
