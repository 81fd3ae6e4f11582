/*
 * The request listener: authentication, rate-limit accounting, routing,
 * body parsing and GitHub's headers and error bodies around every handler.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleGraphql } from './graphql/handler';
import { contentRoutes } from './handlers/contents';
import { gitDataRoutes } from './handlers/gitData';
import { issueRoutes } from './handlers/issues';
import { mergeRoutes } from './handlers/pullMerge';
import { pullRoutes } from './handlers/pulls';
import { refRoutes } from './handlers/refs';
import { repoRoutes } from './handlers/repos';
import { reviewerRoutes } from './handlers/reviewers';
import { DOCS_BASE_URL, GithubApiError, errorBody } from './http/errors';
import { RateLimiter } from './http/rateLimit';
import { readBody, sendApiResponse } from './http/send';
import { handleWebRequest } from './web';
import { webhookRoutes } from './webhooks';
import type { UpstreamHandler } from '../contracts';
import type {
  ApiRequest,
  ApiResponse,
  GithubContext,
  HttpMethod,
  Route,
} from './http/route';

const API_PREFIX = '/api/v3';
const GENERIC_DOCS = 'https://docs.github.com/rest';
const METHODS: readonly HttpMethod[] = [
  'GET',
  'POST',
  'PATCH',
  'PUT',
  'DELETE',
];

const ROUTES: Route[] = [
  ...repoRoutes,
  ...refRoutes,
  ...gitDataRoutes,
  ...contentRoutes,
  ...pullRoutes,
  ...mergeRoutes,
  ...reviewerRoutes,
  ...issueRoutes,
  ...webhookRoutes,
];

const GRAPHQL_ROUTE: Route = {
  method: 'POST',
  pattern: /^$/,
  docs: 'graphql',
  handle: handleGraphql,
};

export interface GithubServerOptions {
  tokens: string[];
  rateLimit: number;
  enforceRateLimit: boolean;
}

type Authentication =
  | { kind: 'missing' }
  | { kind: 'invalid' }
  | { kind: 'valid'; token: string };

function authenticate(
  header: string | undefined,
  tokens: Set<string>,
): Authentication {
  if (!header) return { kind: 'missing' };
  const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header);
  return match && tokens.has(match[1])
    ? { kind: 'valid', token: match[1] }
    : { kind: 'invalid' };
}

function findRoute(
  method: HttpMethod,
  path: string,
): { route: Route; params: string[] } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) {
      return {
        route,
        params: match
          .slice(1)
          .map(param => (param === undefined ? '' : decodeURIComponent(param))),
      };
    }
  }
  return undefined;
}

function errorResponse(error: GithubApiError, docs: string): ApiResponse {
  const documentationUrl = docs.startsWith('https://')
    ? docs
    : `${DOCS_BASE_URL}/${docs}`;
  return { status: error.status, body: errorBody(error, documentationUrl) };
}

function parseJson(data: Buffer): unknown {
  if (data.length === 0) return undefined;
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    throw new GithubApiError(400, 'Problems parsing JSON');
  }
}

export function createGithubHandler(
  context: GithubContext,
  options: GithubServerOptions,
): UpstreamHandler {
  const tokens = new Set(options.tokens);
  const limiter = new RateLimiter(context.model.clock, options.rateLimit);
  let requestCount = 0;

  const baseHeaders = (resource: string, token: string | undefined) => {
    requestCount += 1;
    const rate = limiter.consume(token, resource);
    const headers: Record<string, string> = {
      'x-github-request-id': `5E1A:${(0x10000 + requestCount)
        .toString(16)
        .toUpperCase()}:${process.pid.toString(16).toUpperCase()}`,
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-enterprise-version': '3.19.0',
      'access-control-allow-origin': '*',
      'access-control-expose-headers':
        'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-Request-Id',
      ...rate.headers,
    };
    if (token) {
      headers['x-oauth-scopes'] = 'repo, read:org, workflow';
      headers['x-accepted-oauth-scopes'] = '';
    }
    return { headers, exceeded: rate.exceeded };
  };

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
  ) {
    const isGraphql = path === '/api/graphql';
    const auth = authenticate(req.headers.authorization, tokens);
    const token = auth.kind === 'valid' ? auth.token : undefined;
    const { headers, exceeded } = baseHeaders(
      isGraphql ? 'graphql' : 'core',
      token,
    );
    const reply = (response: ApiResponse) =>
      sendApiResponse(req, res, response, headers);
    if (auth.kind !== 'valid') {
      const message =
        auth.kind === 'missing' ? 'Requires authentication' : 'Bad credentials';
      reply(errorResponse(new GithubApiError(401, message), GENERIC_DOCS));
      return;
    }
    if (exceeded && options.enforceRateLimit) {
      const message = `API rate limit exceeded for user ID ${context.model.viewer.id}.`;
      reply(
        errorResponse(
          new GithubApiError(403, message),
          'overview/rate-limits-for-the-rest-api',
        ),
      );
      return;
    }
    const method = (
      req.method === 'HEAD' ? 'GET' : req.method ?? 'GET'
    ).toUpperCase();
    const apiMethod = METHODS.find(candidate => candidate === method);
    let found: { route: Route; params: string[] } | undefined;
    if (isGraphql) {
      found =
        method === 'POST' ? { route: GRAPHQL_ROUTE, params: [] } : undefined;
    } else if (apiMethod) {
      found = findRoute(apiMethod, path);
    }
    if (!found || !apiMethod) {
      reply(errorResponse(new GithubApiError(404, 'Not Found'), GENERIC_DOCS));
      return;
    }
    const { route, params } = found;
    try {
      const body =
        apiMethod === 'GET' ? undefined : parseJson(await readBody(req));
      const request: ApiRequest = {
        method: apiMethod,
        path,
        params,
        query,
        headers: req.headers,
        body,
      };
      reply(route.handle(request, context));
    } catch (error) {
      if (error instanceof GithubApiError) {
        reply(errorResponse(error, route.docs));
        return;
      }
      throw error;
    }
  }

  return async (req, res) => {
    const url = req.url ?? '/';
    const queryStart = url.indexOf('?');
    const pathname = queryStart < 0 ? url : url.slice(0, queryStart);
    const query = new URLSearchParams(
      queryStart < 0 ? '' : url.slice(queryStart + 1),
    );
    try {
      if (pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`)) {
        await handleApi(
          req,
          res,
          pathname.slice(API_PREFIX.length) || '/',
          query,
        );
      } else if (pathname === '/api/graphql') {
        await handleApi(req, res, pathname, query);
      } else if (!handleWebRequest(context, req, res, pathname)) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not Found');
      }
    } catch (error) {
      const malformed = error instanceof URIError;
      process.emitWarning(
        `Simulated GitHub failed on ${req.method} ${url}: ${String(error)}`,
        'FleetSimulatorWarning',
      );
      if (!res.headersSent) {
        res.writeHead(malformed ? 400 : 500, {
          'content-type': 'application/json; charset=utf-8',
        });
        res.end(
          JSON.stringify({
            message: malformed ? 'Bad Request' : 'Server Error',
          }),
        );
      }
    }
  };
}
