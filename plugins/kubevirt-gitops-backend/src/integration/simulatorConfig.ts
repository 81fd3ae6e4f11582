/*
 * Backstage configuration pointing the plugin at a running fleet simulator
 * (used by the integration tests and the benchmark).
 */
import type { JsonObject } from '@backstage/types';

/** What the configuration needs from a running simulator. */
export interface SimulatorEndpoints {
  urls: { argocd: string; hub: string; github: string; githubApi: string };
  caFile?: string;
  credentials: {
    argocd: { username: string; password: string };
    hub: { token: string };
    github: { token: string };
  };
  scenario: {
    repository: { owner: string; repo: string; defaultBranch: string };
    /** Every repository of the scenario, the first being `repository`. */
    repositories?: ReadonlyArray<{
      owner: string;
      repo: string;
      defaultBranch: string;
    }>;
  };
  /** Repositories of the scenario the simulator does not serve. */
  skippedRepositories?: ReadonlyArray<{ owner: string; repo: string }>;
}

/**
 * The scenario's other served repositories, as
 * `kubevirtGitops.gitops.adoptedRepositories`.
 */
export function simulatorAdoptedRepositories(
  simulator: SimulatorEndpoints,
): Array<{ repoUrl: string; baseBranch: string }> {
  const githubHost = new URL(simulator.urls.github).host;
  const skipped = new Set(
    (simulator.skippedRepositories ?? []).map(r =>
      `${r.owner}/${r.repo}`.toLowerCase(),
    ),
  );
  return (simulator.scenario.repositories ?? [])
    .slice(1)
    .filter(r => !skipped.has(`${r.owner}/${r.repo}`.toLowerCase()))
    .map(r => ({
      repoUrl: `https://${githubHost}/${r.owner}/${r.repo}`,
      baseBranch: r.defaultBranch,
    }));
}

/** The `integrations` and `kubevirtGitops` config for a simulator. */
export function simulatorConfig(
  simulator: SimulatorEndpoints,
  overrides: JsonObject = {},
): JsonObject {
  const githubHost = new URL(simulator.urls.github).host;
  const { owner, repo, defaultBranch } = simulator.scenario.repository;
  return {
    integrations: {
      github: [
        {
          host: githubHost,
          apiBaseUrl: simulator.urls.githubApi,
          token: simulator.credentials.github.token,
        },
      ],
    },
    kubevirtGitops: {
      argocd: {
        instances: [
          {
            name: 'sim',
            url: simulator.urls.argocd,
            username: simulator.credentials.argocd.username,
            password: simulator.credentials.argocd.password,
            timeoutMs: 2000,
          },
        ],
      },
      ocm: {
        hubs: [
          {
            name: 'sim-hub',
            url: simulator.urls.hub,
            token: simulator.credentials.hub.token,
            ...(simulator.caFile ? { caFile: simulator.caFile } : {}),
            timeoutMs: 1000,
          },
        ],
      },
      gitops: {
        repoUrl: `https://${githubHost}/${owner}/${repo}`,
        baseBranch: defaultBranch,
        adoptedRepositories: simulatorAdoptedRepositories(simulator),
        environments: [
          {
            name: 'dev',
            limits: { maxVcpus: 8, maxMemory: '32Gi', maxRootDisk: '200Gi' },
          },
          {
            name: 'prod',
            limits: { maxVcpus: 16, maxMemory: '64Gi', maxRootDisk: '500Gi' },
          },
        ],
      },
      refresh: {
        fleetIntervalSeconds: 1,
        detailTtlSeconds: 1,
        pullRequestTtlSeconds: 5,
      },
      ...overrides,
    },
  };
}
