/*
 * Test helpers around the fleet simulator's GitHub: a writer wired through
 * @backstage/integration to it (as to a GitHub Enterprise `apiBaseUrl`), its
 * request log, fault injection, and the number of sequential round trips.
 */
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  SINGLE_REPOSITORY_SCENARIO_FILE,
  simulatorBackstageConfig,
  startSimulator,
  type RunningSimulator,
} from '@internal/fleet-simulator';
import {
  parseGitopsConfig,
  type GitopsConfig,
} from '@internal/plugin-kubevirt-gitops-common';
import { createIntegrationClientFactory } from '../github/githubCredentials';
import type { GithubClientFactory } from '../github/githubCredentials';

export const OWNER = 'demo-org';
export const REPO = 'gitops-demo';

export async function startTestSimulator(): Promise<RunningSimulator> {
  return startSimulator({
    // one repository, demo-org/gitops-demo, with the seed-style demo-vm
    scenario: SINGLE_REPOSITORY_SCENARIO_FILE,
    ports: { control: 0, argocd: 0, hub: 0, github: 0 },
    quiet: true,
    hubTls: false,
    timeScale: 1000,
  });
}

/** Config for the simulator's demo repository (reviewers that exist there). */
export function simulatorConfig(repo = REPO): GitopsConfig {
  return parseGitopsConfig({
    repoUrl: `https://github.com/${OWNER}/${repo}`,
    environments: [
      {
        name: 'dev',
        limits: { maxVcpus: 8, maxMemory: '32Gi', maxRootDisk: '100Gi' },
      },
      {
        name: 'prod',
        limits: { maxVcpus: 16, maxMemory: '64Gi', maxRootDisk: '500Gi' },
        reviewers: ['platform-reviewer'],
        teamReviewers: ['platform-team'],
      },
    ],
    images: [
      {
        id: 'fedora',
        title: 'Fedora 42',
        preference: 'fedora',
        source: {
          kind: 'dataSource',
          name: 'fedora',
          namespace: 'openshift-virtualization-os-images',
        },
      },
    ],
  });
}

/** A client factory that reaches the simulator through `integrations.github` for github.com. */
export function simulatorClientFactory(
  sim: RunningSimulator,
  token = sim.credentials.github.token,
): GithubClientFactory {
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: simulatorBackstageConfig({
        ...sim,
        credentials: { ...sim.credentials, github: { token } },
      }).integrations,
    }),
  );
  return createIntegrationClientFactory({
    integrations,
    clientOptions: { retries: 2, retryDelayMs: 20 },
  });
}

/** One logged GitHub request. */
export interface LoggedCall {
  method: string;
  path: string;
  query: string;
  status: number;
  start: number;
  end: number;
}

/** The simulator's GitHub request log, through its control API. */
export async function githubCalls(
  sim: RunningSimulator,
): Promise<LoggedCall[]> {
  const response = await fetch(`${sim.urls.control}/log?upstream=github`);
  const body = (await response.json()) as
    | {
        entries?: Array<{
          method: string;
          path: string;
          query: string;
          status: number;
          time: string;
          durationMs: number;
        }>;
      }
    | Array<{
        method: string;
        path: string;
        query: string;
        status: number;
        time: string;
        durationMs: number;
      }>;
  const entries = Array.isArray(body) ? body : body.entries ?? [];
  return entries.map(entry => {
    const start = Date.parse(entry.time);
    return {
      method: entry.method,
      path: entry.path,
      query: entry.query,
      status: entry.status,
      start,
      end: start + entry.durationMs,
    };
  });
}

export async function clearGithubLog(sim: RunningSimulator): Promise<void> {
  await fetch(`${sim.urls.control}/log`, { method: 'DELETE' });
}

export async function addFault(
  sim: RunningSimulator,
  rule: Record<string, unknown>,
): Promise<void> {
  const response = await fetch(`${sim.urls.control}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ upstream: 'github', ...rule }),
  });
  if (!response.ok) {
    throw new Error(
      `fault not accepted: ${response.status} ${await response.text()}`,
    );
  }
}

export async function clearFaults(sim: RunningSimulator): Promise<void> {
  await fetch(`${sim.urls.control}/faults`, { method: 'DELETE' });
}

/** The longest chain of calls where each starts after the previous one ended. */
export function sequentialRoundTrips(calls: readonly LoggedCall[]): number {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  sorted.forEach((call, index) => {
    let longest = 0;
    for (let j = 0; j < index; j++) {
      if (sorted[j].end <= call.start) longest = Math.max(longest, depth[j]);
    }
    depth.push(longest + 1);
  });
  return Math.max(0, ...depth);
}

/** A GraphQL request (GitHub Enterprise's `POST /api/graphql`). */
export function isGraphql(call: LoggedCall): boolean {
  return call.path === '/api/graphql';
}

/**
 * A REST write. GraphQL requests are all `POST`s, queries and mutations
 * alike (the log has no bodies): count them with `isGraphql`, and compare
 * `repositoryState` before and after to prove nothing was written.
 */
export function isWrite(call: LoggedCall): boolean {
  return call.method !== 'GET' && call.method !== 'HEAD' && !isGraphql(call);
}

/** The demo repository's branches and pull requests (labels, reviewers) as GitHub holds them. */
export function repositoryState(sim: RunningSimulator, repo = REPO) {
  return sim.github
    .state()
    .repos.find(entry => entry.owner === OWNER && entry.repo === repo);
}

/** `METHOD /path` with the repository prefix dropped, for readable assertions. */
export function callNames(calls: readonly LoggedCall[]): string[] {
  return calls.map(
    call =>
      `${call.method} ${decodeURIComponent(call.path).replace(
        new RegExp(`^/api/v3/repos/${OWNER}/${REPO}`),
        '',
      )}`,
  );
}
