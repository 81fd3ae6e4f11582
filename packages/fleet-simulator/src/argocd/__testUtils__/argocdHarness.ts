import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createClock } from '../../clock';
import { createObjectStore } from '../../store';
import type { ArgocdSimulator } from '..';
import { createArgocdSimulator } from '..';
import type { Application } from '../types';
import { createGitFixture } from './gitFixture';
import { createManualClock } from './manualClock';
import type { TestCluster } from './hubFixture';
import { seedHub } from './hubFixture';

export const NAMESPACE = 'openshift-gitops';
export const ADMIN = { username: 'admin', password: 'test-password-123' };
export const API_TOKEN = 'argocd-test-token-0123456789';

/** Every file of a folder, by repository-relative path. */
export function readFolder(
  root: string,
  relative = '',
): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(path.join(root, relative), {
    withFileTypes: true,
  })) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(files, readFolder(root, child));
    else files[child] = fs.readFileSync(path.join(root, child), 'utf8');
  }
  return files;
}

/** A simulated ArgoCD over an in-memory hub and Git repository, for tests. */
export function createArgocdHarness(options: {
  files: Record<string, string>;
  clusters: readonly TestCluster[];
  timeScale?: number;
  sessionTtlSeconds?: number;
  owner?: string;
  repo?: string;
  /** Only the ApplicationSets of these files of the (first) repository are applied. */
  applicationSets?: string[];
  /** More repositories in the same Git store, served beside the first. */
  repositories?: Array<{
    owner: string;
    repo: string;
    defaultBranch?: string;
    files: Record<string, string>;
    applicationSets?: string[];
  }>;
  /** `manual`: time moves only with `advance(ms)`, so VM life is deterministic. */
  clock?: 'real' | 'manual';
}) {
  const manual = options.clock === 'manual' ? createManualClock() : undefined;
  const clock = manual ?? createClock({ timeScale: options.timeScale ?? 1000 });
  const store = createObjectStore({ now: () => clock.now() });
  const git = createGitFixture(options.files, {
    owner: options.owner,
    repo: options.repo,
  });
  /** The fixtures of `options.repositories`, in order. */
  const repositories = (options.repositories ?? []).map(extra => ({
    ...createGitFixture(extra.files, {
      owner: extra.owner,
      repo: extra.repo,
      defaultBranch: extra.defaultBranch,
      store: git.git,
    }),
    applicationSets: extra.applicationSets,
  }));
  seedHub(store, NAMESPACE, options.clusters);
  const first = {
    owner: git.owner,
    repo: git.repo,
    defaultBranch: git.defaultBranch,
    repoURL: git.repoURL,
    ...(options.applicationSets
      ? { applicationSets: options.applicationSets }
      : {}),
  };
  const argocd: ArgocdSimulator = createArgocdSimulator({
    clock,
    store,
    git: git.git,
    gitops:
      repositories.length === 0
        ? first
        : [
            first,
            ...repositories.map(extra => ({
              owner: extra.owner,
              repo: extra.repo,
              defaultBranch: extra.defaultBranch,
              repoURL: extra.repoURL,
              ...(extra.applicationSets
                ? { applicationSets: extra.applicationSets }
                : {}),
            })),
          ],
    auth: {
      users: [ADMIN],
      tokens: [API_TOKEN],
      sessionTtlSeconds: options.sessionTtlSeconds,
    },
    namespace: NAMESPACE,
    publicUrl: 'http://127.0.0.1:0',
  });

  function app(name: string): Application {
    const found = argocd.applications().find(a => a.metadata.name === name);
    if (!found)
      throw new Error(
        `no application ${name}; have ${argocd
          .applications()
          .map(a => a.metadata.name)
          .join(', ')}`,
      );
    return found;
  }

  /** Polls until `check` passes (it throws until then), for at most `timeoutMs` real ms. */
  async function eventually<T>(
    check: () => T | Promise<T>,
    timeoutMs = 5000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await check();
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise(resolve => setTimeout(resolve, 10));
      }
    }
  }

  const server = http.createServer((req, res) => {
    void argocd.handler(req, res);
  });
  let baseUrl: string | undefined;

  /** Serves the API on 127.0.0.1 (a free port) and returns its base URL. */
  async function listen(): Promise<string> {
    if (!baseUrl) {
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }
    return baseUrl;
  }

  /** Calls the API with the static token (or `token`), returning status and parsed body. */
  async function api(
    pathAndQuery: string,
    init: RequestInit & { token?: string | null } = {},
  ) {
    const base = await listen();
    const { token = API_TOKEN, ...rest } = init;
    const response = await fetch(`${base}${pathAndQuery}`, {
      ...rest,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(rest.body ? { 'Content-Type': 'application/json' } : {}),
      },
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
  }

  async function stop(): Promise<void> {
    argocd.stop();
    server.closeAllConnections();
    if (baseUrl) await new Promise(resolve => server.close(resolve));
  }

  /** Waits until an application has reached a health status. */
  function waitForHealth(name: string, status: string): Promise<void> {
    return eventually(() => {
      const actual = app(name).status.health.status;
      if (actual !== status)
        throw new Error(`${name} is ${actual}, not ${status}`);
    });
  }

  /** Moves a manual clock forward (fires the VM timers due on the way). */
  function advance(ms: number): void {
    if (!manual)
      throw new Error('advance() needs a harness with clock: manual');
    manual.advance(ms);
  }

  return {
    clock,
    store,
    git,
    repositories,
    argocd,
    app,
    eventually,
    waitForHealth,
    advance,
    listen,
    api,
    stop,
  };
}

export type ArgocdHarness = ReturnType<typeof createArgocdHarness>;

let demoRepoFiles: Record<string, string> | undefined;

/** The files of scenarios/demo-gitops-repo (read on first use, then shared). */
export function demoRepo(): Record<string, string> {
  demoRepoFiles ??= readFolder(
    path.resolve(__dirname, '../../../scenarios/demo-gitops-repo'),
  );
  return demoRepoFiles;
}

/** The four clusters the demo tests run on: two dev, two prod (prod-2 unreachable). */
export const DEMO_CLUSTERS: readonly TestCluster[] = [
  { name: 'dev-1', env: 'dev' },
  { name: 'dev-2', env: 'dev', allocatableMemory: '3Gi' },
  { name: 'prod-1', env: 'prod', allocatableMemory: '500Gi' },
  { name: 'prod-2', env: 'prod', available: 'Unknown' },
];

/** A harness over the demo repository (demo-org/gitops-demo) and {@link DEMO_CLUSTERS}. */
export function createDemoHarness(
  options: Partial<Parameters<typeof createArgocdHarness>[0]> = {},
): ArgocdHarness {
  return createArgocdHarness({
    files: demoRepo(),
    clusters: DEMO_CLUSTERS,
    owner: 'demo-org',
    repo: 'gitops-demo',
    ...options,
  });
}

/**
 * A demo harness on a manual clock, reconciled and moved on two minutes,
 * with dev-1-demo-vm Healthy.
 */
export async function startDemoHarness(): Promise<ArgocdHarness> {
  const harness = createDemoHarness({ clock: 'manual' });
  await harness.argocd.reconcile();
  harness.advance(120_000);
  await harness.waitForHealth('dev-1-demo-vm', 'Healthy');
  return harness;
}

/** The API path of one live resource of an application (a VirtualMachine unless `kind` says otherwise). */
export function vmResourcePath(
  app: string,
  namespace: string,
  name: string,
  kind = 'VirtualMachine',
): string {
  return `/api/v1/applications/${app}/resource?namespace=${namespace}&resourceName=${name}&version=v1&group=kubevirt.io&kind=${kind}`;
}
