/*
 * Backstage configuration pointing the plugin at a running fleet simulator
 * (used by the integration tests and the benchmark): the simulator's one
 * config builder (`simulatorBackstageConfig`) plus this plugin's test
 * environments, refresh intervals and the scenario's repositories.
 */
import type { JsonObject } from '@backstage/types';
import {
  simulatorBackstageConfig,
  type SimulatorConnection,
} from '@internal/fleet-simulator';

/** What the configuration needs from a running simulator. */
export interface SimulatorEndpoints extends SimulatorConnection {
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
  const base = simulatorBackstageConfig(simulator, {
    argocdName: 'sim',
    hubName: 'sim-hub',
    githubHost,
    timeoutMs: { argocd: 2000, hub: 1000 },
  });
  return {
    integrations: base.integrations,
    kubevirtGitops: {
      ...base.kubevirtGitops,
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
