/*
 * msw v2 handlers faking the ArgoCD API server, the OCM hub's Kubernetes API
 * and GitHub, over mutable state; every request is recorded (path, query,
 * Authorization) so tests can assert what was sent. `fault` lets a test
 * answer any request with an error instead.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import {
  ARGO_TOKEN,
  ARGO_URL,
  GITHUB_API,
  GITHUB_TOKEN,
  HUB_TOKEN,
  HUB_URL,
  type application,
} from './fixtures';

/** An Application as the fake serves it. */
export type FakeApplication = ReturnType<typeof application>;

/** One recorded request. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | null;
}

/** Answers a request with a fault, or undefined to serve it normally. */
export type Fault = (
  request: RecordedRequest,
) => Response | undefined | Promise<Response | undefined>;

export interface FakeArgocd {
  applications: FakeApplication[];
  clusters: unknown[];
  applicationSets: unknown[];
  /** Resource tree by Application name. */
  trees: Map<string, unknown>;
  /** Live objects by `${app}/${kind}/${name}`. */
  resources: Map<string, unknown>;
  /** Accepted bearer tokens. */
  tokens: Set<string>;
  /** username → password accepted by POST /api/v1/session. */
  users: Map<string, string>;
  requests: RecordedRequest[];
  fault?: Fault;
}

export interface FakeHub {
  managedClusters: unknown[];
  managedClusterSets: unknown[];
  placements: unknown[];
  placementDecisions: unknown[];
  requests: RecordedRequest[];
  fault?: Fault;
}

export interface FakeGithub {
  pulls: unknown[];
  /** Files by pull request number. */
  files: Map<number, string[]>;
  requests: RecordedRequest[];
  fault?: Fault;
}

export function createFakeArgocd(): FakeArgocd {
  return {
    applications: [],
    clusters: [],
    applicationSets: [],
    trees: new Map(),
    resources: new Map(),
    tokens: new Set([ARGO_TOKEN]),
    users: new Map(),
    requests: [],
  };
}

export function createFakeHub(): FakeHub {
  return {
    managedClusters: [],
    managedClusterSets: [],
    placements: [],
    placementDecisions: [],
    requests: [],
  };
}

export function createFakeGithub(): FakeGithub {
  return { pulls: [], files: new Map(), requests: [] };
}

function record(request: Request, into: RecordedRequest[]): RecordedRequest {
  const url = new URL(request.url);
  const recorded = {
    method: request.method,
    path: url.pathname,
    query: url.searchParams,
    authorization: request.headers.get('authorization'),
  };
  into.push(recorded);
  return recorded;
}

const unauthorized = () =>
  HttpResponse.json(
    {
      error: 'no session information',
      code: 16,
      message: 'no session information',
    },
    { status: 401 },
  );

function bearerOf(recorded: RecordedRequest): string | undefined {
  return recorded.authorization?.replace(/^Bearer /, '');
}

function matchesSelector(
  labels: Record<string, string>,
  selector: string | null,
): boolean {
  if (!selector) return true;
  return selector.split(',').every(term => {
    const [key, value] = term.split('=');
    return value === undefined ? key in labels : labels[key] === value;
  });
}

/** The fake ArgoCD API server's handlers. */
export function argocdHandlers(
  fake: FakeArgocd,
  base = ARGO_URL,
): HttpHandler[] {
  const guard = async (
    request: Request,
    serve: (recorded: RecordedRequest) => Response | Promise<Response>,
  ) => {
    const recorded = record(request, fake.requests);
    const faulty = await fake.fault?.(recorded);
    if (faulty) return faulty;
    const token = bearerOf(recorded);
    if (!token || !fake.tokens.has(token)) return unauthorized();
    return serve(recorded);
  };
  const denied = () =>
    HttpResponse.json(
      { error: 'permission denied', code: 7, message: 'permission denied' },
      { status: 403 },
    );
  return [
    http.post(`${base}/api/v1/session`, async ({ request }) => {
      const recorded = record(request, fake.requests);
      const faulty = await fake.fault?.(recorded);
      if (faulty) return faulty;
      const body: unknown = await request.json();
      const username =
        typeof body === 'object' && body && 'username' in body
          ? String(body.username)
          : '';
      const password =
        typeof body === 'object' && body && 'password' in body
          ? String(body.password)
          : '';
      if (!username || fake.users.get(username) !== password) {
        return HttpResponse.json(
          {
            error: 'Invalid username or password',
            code: 16,
            message: 'Invalid username or password',
          },
          { status: 401 },
        );
      }
      const token = `session-${fake.tokens.size}-${Date.now()}`;
      fake.tokens.add(token);
      return HttpResponse.json({ token });
    }),
    http.get(`${base}/api/v1/applications`, ({ request }) =>
      guard(request, recorded =>
        HttpResponse.json({
          metadata: { resourceVersion: '1' },
          items: fake.applications.filter(app =>
            matchesSelector(
              app.metadata.labels,
              recorded.query.get('selector'),
            ),
          ),
        }),
      ),
    ),
    http.get(`${base}/api/v1/clusters`, ({ request }) =>
      guard(request, () =>
        HttpResponse.json({ metadata: {}, items: fake.clusters }),
      ),
    ),
    http.get(`${base}/api/v1/applicationsets`, ({ request }) =>
      guard(request, () =>
        HttpResponse.json({ metadata: {}, items: fake.applicationSets }),
      ),
    ),
    http.get(
      `${base}/api/v1/applications/:name/resource-tree`,
      ({ request, params }) =>
        guard(request, () => {
          const tree = fake.trees.get(String(params.name));
          return tree ? HttpResponse.json(tree) : denied();
        }),
    ),
    http.get(
      `${base}/api/v1/applications/:name/resource`,
      ({ request, params }) =>
        guard(request, recorded => {
          const key = `${params.name}/${recorded.query.get(
            'kind',
          )}/${recorded.query.get('resourceName')}`;
          const object = fake.resources.get(key);
          if (!fake.trees.has(String(params.name))) return denied();
          return object
            ? HttpResponse.json({ manifest: JSON.stringify(object) })
            : HttpResponse.json(
                {
                  error: 'not found',
                  code: 5,
                  message: `${key} not found as part of application`,
                },
                { status: 404 },
              );
        }),
    ),
    http.get(`${base}/api/v1/applications/:name`, ({ request, params }) =>
      guard(request, () => {
        const app = fake.applications.find(
          candidate => candidate.metadata.name === params.name,
        );
        return app ? HttpResponse.json(app) : denied();
      }),
    ),
  ];
}

function listPage(items: unknown[], recorded: RecordedRequest, kind: string) {
  const limit =
    Number(recorded.query.get('limit') ?? items.length) || items.length;
  const start = Number(recorded.query.get('continue') ?? '0');
  const page = items.slice(start, start + limit);
  const next = start + limit < items.length ? String(start + limit) : undefined;
  return HttpResponse.json({
    apiVersion: 'cluster.open-cluster-management.io/v1',
    kind: `${kind}List`,
    metadata: { resourceVersion: '42', ...(next ? { continue: next } : {}) },
    items: page,
  });
}

/** The fake hub's handlers (cluster-scoped and all-namespace lists). */
export function hubHandlers(fake: FakeHub, base = HUB_URL): HttpHandler[] {
  const list = (path: string, kind: string, items: () => unknown[]) =>
    http.get(
      `${base}/apis/cluster.open-cluster-management.io/${path}`,
      async ({ request }) => {
        const recorded = record(request, fake.requests);
        const faulty = await fake.fault?.(recorded);
        if (faulty) return faulty;
        if (recorded.authorization !== `Bearer ${HUB_TOKEN}`) {
          return HttpResponse.json(
            {
              kind: 'Status',
              apiVersion: 'v1',
              status: 'Failure',
              message: 'Unauthorized',
              reason: 'Unauthorized',
              code: 401,
            },
            { status: 401 },
          );
        }
        return listPage(items(), recorded, kind);
      },
    );
  return [
    list('v1/managedclusters', 'ManagedCluster', () => fake.managedClusters),
    list(
      'v1beta2/managedclustersets',
      'ManagedClusterSet',
      () => fake.managedClusterSets,
    ),
    list('v1beta1/placements', 'Placement', () => fake.placements),
    list(
      'v1beta1/placementdecisions',
      'PlacementDecision',
      () => fake.placementDecisions,
    ),
  ];
}

/** The fake GitHub REST API's handlers (pulls and their files). */
export function githubHandlers(
  fake: FakeGithub,
  base = GITHUB_API,
): HttpHandler[] {
  const guard = async (request: Request, serve: () => Response) => {
    const recorded = record(request, fake.requests);
    const faulty = await fake.fault?.(recorded);
    if (faulty) return faulty;
    // GitHub takes `token <t>` (what Octokit sends) and `Bearer <t>`.
    if (
      recorded.authorization !== `token ${GITHUB_TOKEN}` &&
      recorded.authorization !== `Bearer ${GITHUB_TOKEN}`
    ) {
      return HttpResponse.json({ message: 'Bad credentials' }, { status: 401 });
    }
    return serve();
  };
  return [
    http.get(`${base}/repos/:owner/:repo/pulls`, ({ request }) =>
      guard(request, () => HttpResponse.json(fake.pulls)),
    ),
    http.get(
      `${base}/repos/:owner/:repo/pulls/:number/files`,
      ({ request, params }) =>
        guard(request, () =>
          HttpResponse.json(
            (fake.files.get(Number(params.number)) ?? []).map(filename => ({
              filename,
              status: 'added',
            })),
          ),
        ),
    ),
  ];
}
