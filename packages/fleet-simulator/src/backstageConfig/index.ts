/*
 * The one builder of the Backstage configuration that points the
 * kubevirt-gitops plugins at a running fleet simulator: the GitHub
 * integration and `kubevirtGitops.argocd` / `kubevirtGitops.ocm`. Used by
 * the integration tests and benchmarks (through `startSimulator`'s
 * `RunningSimulator`) and by the scripts that start the product against a
 * simulator process (`scripts/e2e.mjs`, `scripts/faults/stack.mjs`,
 * `scripts/ha.mjs`: through `simulatorConnection(ports, …)`).
 *
 * Standalone on purpose (no imports, only erasable TypeScript): the
 * scripts import this file directly, with Node's type stripping.
 */

/** Where a running simulator answers, and its credentials. */
export interface SimulatorConnection {
  urls: {
    argocd: string;
    hub: string;
    /** Web root of the simulated GitHub. */
    github: string;
    /** REST API base (`{github}/api/v3`). */
    githubApi: string;
  };
  /** The hub's CA (PEM file), when the hub speaks HTTPS. */
  caFile?: string;
  credentials: {
    argocd: { username: string; password: string };
    hub: { token: string };
    github: { token: string };
  };
}

/** Choices of {@link simulatorBackstageConfig}. */
export interface SimulatorConfigOptions {
  /** `kubevirtGitops.argocd.instances[0].name` (default `demo`). */
  argocdName?: string;
  /** `kubevirtGitops.ocm.hubs[0].name` (default `demo-hub`). */
  hubName?: string;
  /**
   * The GitHub integration's host: `github.com` (default) for the demo
   * repositories (`https://github.com/demo-org/…`), or the simulator's own
   * `host:port` when the repository URLs name it.
   */
  githubHost?: string;
  /** `clusterSets` of the hub. */
  clusterSets?: string[];
  /** Per-upstream timeouts in ms. */
  timeoutMs?: { argocd?: number; hub?: number };
  /** Sets the instance's `uiUrl` to the simulator (links in the tab). */
  argocdUiUrl?: boolean;
}

/** One configured upstream (JSON: strings, numbers, lists of strings). */
export type ConfigEntry = { [key: string]: string | number | string[] };

/** What {@link simulatorBackstageConfig} returns (merge the rest in). */
export interface SimulatorBackstageConfig {
  integrations: {
    github: Array<{
      host: string;
      apiBaseUrl: string;
      rawBaseUrl: string;
      token: string;
    }>;
  };
  kubevirtGitops: {
    argocd: { instances: Array<ConfigEntry> };
    ocm: { hubs: Array<ConfigEntry> };
  };
}

/** The demo scenario's credentials (`scenarios/demo.yaml`). */
export const DEMO_CREDENTIALS: SimulatorConnection['credentials'] = {
  argocd: { username: 'admin', password: 'simulator-demo-password' },
  hub: { token: 'hub-simulator-demo-token' },
  github: { token: 'github-simulator-demo-token' },
};

/**
 * The connection of a simulator process started with these ports and state
 * folder (`--state-dir`, where it writes the hub's `ca.crt`), on loopback.
 */
export function simulatorConnection(
  ports: { argocd: number; hub: number; github: number },
  stateDir: string,
  credentials: SimulatorConnection['credentials'] = DEMO_CREDENTIALS,
): SimulatorConnection {
  const github = `http://127.0.0.1:${ports.github}`;
  return {
    urls: {
      argocd: `http://127.0.0.1:${ports.argocd}`,
      hub: `https://127.0.0.1:${ports.hub}`,
      github,
      githubApi: `${github}/api/v3`,
    },
    caFile: `${stateDir.replace(/\/+$/, '')}/ca.crt`,
    credentials,
  };
}

/** The GitHub integration and the ArgoCD and hub connections for a simulator. */
export function simulatorBackstageConfig(
  connection: SimulatorConnection,
  options: SimulatorConfigOptions = {},
): SimulatorBackstageConfig {
  const { urls, credentials } = connection;
  const timeouts = options.timeoutMs ?? {};
  return {
    integrations: {
      github: [
        {
          host: options.githubHost ?? 'github.com',
          apiBaseUrl: urls.githubApi,
          rawBaseUrl: `${urls.github}/raw`,
          token: credentials.github.token,
        },
      ],
    },
    kubevirtGitops: {
      argocd: {
        instances: [
          {
            name: options.argocdName ?? 'demo',
            url: urls.argocd,
            username: credentials.argocd.username,
            password: credentials.argocd.password,
            ...(options.argocdUiUrl ? { uiUrl: urls.argocd } : {}),
            ...(timeouts.argocd ? { timeoutMs: timeouts.argocd } : {}),
          },
        ],
      },
      ocm: {
        hubs: [
          {
            name: options.hubName ?? 'demo-hub',
            url: urls.hub,
            token: credentials.hub.token,
            ...(connection.caFile ? { caFile: connection.caFile } : {}),
            ...(options.clusterSets
              ? { clusterSets: options.clusterSets }
              : {}),
            ...(timeouts.hub ? { timeoutMs: timeouts.hub } : {}),
          },
        ],
      },
    },
  };
}
