import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createArgocdSimulator } from './argocd';
import type { ArgocdSimulator } from './argocd';
import { createClock } from './clock';
import type { Clock } from './contracts';
import { createGithubSimulator, secondaryRateLimitResponse } from './github';
import type { GithubSimulator } from './github';
import { createControlHandler } from './control';
import type { Availability, Hub } from './hub';
import { createHub, generateHubTls, writeHubTls } from './hub';
import type { WatchOptions } from './hub/watch';
import type {
  LoadedScenario,
  Scenario,
  ScenarioInput,
  SkippedRepository,
} from './scenario';
import {
  DEMO_SCENARIO_FILE,
  generateFleet,
  loadRepositories,
  resolveReferenceDir,
  resolveScenario,
  ScenarioError,
} from './scenario';
import type { ListenerName } from './server';
import { FaultInjector, RequestLog, startListeners } from './server';
import type { HubObjectStore } from './store';
import { createObjectStore } from './store';

/** Options of {@link startSimulator}; each overrides the scenario's value. */
export interface StartSimulatorOptions {
  /** A scenario file path or object; default: the bundled `scenarios/demo.yaml`. */
  scenario?: string | ScenarioInput;
  /** Folder relative paths of an inline scenario start from (default: cwd). */
  scenarioBaseDir?: string;
  /**
   * Where the scenario's `reference:` folders are (default: env
   * KUBEVIRT_GITOPS_REFERENCE_DIR, else `../shared/reference` beside the
   * monorepo root). A repository whose reference folder is missing is not
   * served (see `skippedRepositories`).
   */
  referenceDir?: string;
  timeScale?: number;
  seed?: number;
  /** Port 0 picks a free port (tests). */
  ports?: Partial<Record<ListenerName, number>>;
  /** HTTPS with a generated CA for the hub (default: the scenario's `hub.tls`). */
  hubTls?: boolean;
  /** Which ArgoCD to be (default: the scenario's `argocd`): 3.x (`appTree`) or 2.x (`inline`) resource health, the VM health rule before or after PR #29664. */
  argocd?: Partial<Pick<Scenario['argocd'], 'resourceHealth' | 'vmHealth'>>;
  /** Replace the scenario's clusters by this many generated ones. */
  clusters?: number;
  /** Add this many generated VM folders to the first repository (with `clusters`). */
  vms?: number;
  /** No progress lines on stderr. */
  quiet?: boolean;
  /** Where the CA and server certificate are written (default: a new temp folder). */
  stateDir?: string;
  /** Events the hub keeps for watch resumption (default 10,000). */
  historyLimit?: number;
  /** Hub watch tuning (bookmark interval, default timeout). */
  hubWatch?: Partial<WatchOptions>;
}

/** A running simulator. */
export interface RunningSimulator {
  urls: {
    control: string;
    argocd: string;
    hub: string;
    /** Web root of the simulated GitHub (clone-style URLs). */
    github: string;
    /** REST API base (`{github}/api/v3`), as for GitHub Enterprise. */
    githubApi: string;
  };
  /** PEM file of the CA that signed the hub's certificate (undefined with plain HTTP). */
  caFile?: string;
  caCert?: string;
  credentials: Scenario['credentials'];
  /** The scenario as run (`repositories` includes skipped ones). */
  scenario: Scenario;
  /** The repositories served by the simulated GitHub and read by the simulated ArgoCD, in scenario order. */
  repositories: Array<{
    owner: string;
    repo: string;
    defaultBranch: string;
    /** Web URL on the simulated GitHub (`{urls.github}/owner/repo`). */
    url: string;
    /** The `repoURL` ArgoCD sources name it by (`https://github.com/owner/repo.git`). */
    repoURL: string;
    files: number;
  }>;
  /** Repositories of the scenario that are not served (their `reference` folder is missing), and why. */
  skippedRepositories: SkippedRepository[];
  clock: Clock;
  store: HubObjectStore;
  hub: Hub;
  github: GithubSimulator;
  argocd: ArgocdSimulator;
  faults: FaultInjector;
  log: RequestLog;
  /** Merges a pull request, as the control API's merge does. */
  merge(
    owner: string,
    repo: string,
    number: number,
    options?: { mergeMethod?: 'merge' | 'squash' },
  ): { sha: string };
  setAvailability(clusterName: string, availability: Availability): void;
  /** Asks the simulated ArgoCD to reconcile now; resolves when done. */
  reconcile(): Promise<unknown>;
  stop(): Promise<void>;
}

async function effectiveScenario(
  options: StartSimulatorOptions,
): Promise<LoadedScenario> {
  const loaded = await resolveScenario(
    options.scenario ?? DEMO_SCENARIO_FILE,
    options.scenarioBaseDir,
  );
  let scenario: Scenario = {
    ...loaded.scenario,
    timeScale: options.timeScale ?? loaded.scenario.timeScale,
    seed: options.seed ?? loaded.scenario.seed,
    ports: { ...loaded.scenario.ports, ...options.ports },
    hub: {
      ...loaded.scenario.hub,
      tls: options.hubTls ?? loaded.scenario.hub.tls,
    },
    argocd: { ...loaded.scenario.argocd, ...options.argocd },
  };
  if (options.clusters !== undefined || options.vms !== undefined) {
    scenario = generateFleet(scenario, {
      clusters: options.clusters ?? scenario.hub.clusters.length,
      vms: options.vms ?? 0,
      seed: scenario.seed,
    });
  }
  return { scenario, baseDir: loaded.baseDir };
}

/** Starts the simulator: hub, GitHub, ArgoCD and the control API on loopback. */
export async function startSimulator(
  options: StartSimulatorOptions = {},
): Promise<RunningSimulator> {
  const loaded = await effectiveScenario(options);
  const { scenario } = loaded;
  const progress = (line: string) => {
    if (!options.quiet) process.stderr.write(`fleet-simulator: ${line}\n`);
  };
  const referenceDir = resolveReferenceDir(options.referenceDir);
  const repositories = await loadRepositories(loaded, { referenceDir });
  for (const skipped of repositories.skipped) {
    progress(
      `repository ${skipped.owner}/${skipped.repo} not served: ${skipped.reason}`,
    );
  }
  for (const warning of repositories.warnings) progress(warning);
  if (repositories.served.length === 0) {
    throw new ScenarioError(
      `no repository of scenario ${
        scenario.name
      } can be served: ${repositories.skipped
        .map(skipped => `${skipped.owner}/${skipped.repo}: ${skipped.reason}`)
        .join('; ')}`,
    );
  }
  const clock = createClock({ timeScale: scenario.timeScale });
  const store = createObjectStore({
    now: () => clock.now(),
    historyLimit: options.historyLimit,
  });
  const log = new RequestLog();
  const faults = new FaultInjector(scenario.seed);

  let caFile: string | undefined;
  let caCert: string | undefined;
  let hubTls: { cert: string; key: string } | undefined;
  let ownStateDir: string | undefined;
  if (scenario.hub.tls) {
    const material = generateHubTls();
    ownStateDir = options.stateDir
      ? undefined
      : await mkdtemp(path.join(os.tmpdir(), 'fleet-simulator-'));
    const stateDir = options.stateDir ?? ownStateDir ?? os.tmpdir();
    caFile = await writeHubTls(material, stateDir);
    caCert = material.caCert;
    hubTls = { cert: material.serverCert, key: material.serverKey };
  }

  const listeners = await startListeners({
    ports: scenario.ports,
    hubTls,
    log,
    faults,
    secondaryRateLimit: () => secondaryRateLimitResponse(60),
    untrustedHubTls: () => {
      const untrusted = generateHubTls();
      return { cert: untrusted.serverCert, key: untrusted.serverKey };
    },
  });
  const urls = {
    control: listeners.control.url,
    argocd: listeners.argocd.url,
    hub: listeners.hub.url,
    github: listeners.github.url,
    githubApi: `${listeners.github.url}/api/v3`,
  };

  const hub = createHub({
    store,
    clock,
    tokens: [scenario.credentials.hub.token],
    definition: scenario.hub,
    watch: options.hubWatch,
  });
  const github = createGithubSimulator({
    clock,
    tokens: [scenario.credentials.github.token],
    publicUrl: urls.github,
    repos: repositories.served.map(({ repository, files }) => ({
      owner: repository.owner,
      repo: repository.repo,
      defaultBranch: repository.defaultBranch,
      files,
    })),
    users: scenario.github.users,
    teams: scenario.github.teams,
  });
  const argocd = createArgocdSimulator({
    clock,
    store,
    git: github.git,
    gitops: repositories.served.map(({ repository }) => ({
      owner: repository.owner,
      repo: repository.repo,
      defaultBranch: repository.defaultBranch,
      ...(repository.applicationSets
        ? { applicationSets: repository.applicationSets }
        : {}),
    })),
    auth: scenario.credentials.argocd,
    namespace: scenario.argocd.namespace,
    publicUrl: urls.argocd,
    resourceHealth: scenario.argocd.resourceHealth,
    vmHealth: scenario.argocd.vmHealth,
  });
  // A push to the default branch of any served repository reconciles.
  const defaultBranches = new Map(
    repositories.served.map(({ repository }) => [
      `${repository.owner}/${repository.repo}`.toLowerCase(),
      repository.defaultBranch,
    ]),
  );
  const unsubscribeBranches = github.git.onBranchUpdated(event => {
    if (
      defaultBranches.get(`${event.owner}/${event.repo}`.toLowerCase()) ===
      event.branch
    ) {
      Promise.resolve(argocd.reconcile()).catch((error: unknown) =>
        progress(`reconcile failed: ${String(error)}`),
      );
    }
  });

  listeners.hub.setHandler(hub.handler);
  listeners.github.setHandler(github.handler);
  listeners.argocd.setHandler(argocd.handler);
  listeners.control.setHandler(
    createControlHandler({ clock, hub, github, argocd, faults, log }),
  );
  const served = repositories.served.map(({ repository, files }) => ({
    owner: repository.owner,
    repo: repository.repo,
    defaultBranch: repository.defaultBranch,
    url: `${urls.github}/${repository.owner}/${repository.repo}`,
    repoURL: `https://github.com/${repository.owner}/${repository.repo}.git`,
    files: Object.keys(files).length,
  }));
  progress(
    `scenario ${scenario.name}: ${scenario.hub.clusters.length} clusters, ${
      served.length
    } ${served.length === 1 ? 'repository' : 'repositories'} (${served
      .map(
        repository =>
          `${repository.owner}/${repository.repo}: ${repository.files} files`,
      )
      .join(', ')})`,
  );
  await argocd.reconcile();

  let stopped = false;
  return {
    urls,
    caFile,
    caCert,
    credentials: scenario.credentials,
    scenario,
    repositories: served,
    skippedRepositories: repositories.skipped,
    clock,
    store,
    hub,
    github,
    argocd,
    faults,
    log,
    merge: (o, r, number, mergeOptions) =>
      github.mergePullRequest(o, r, number, mergeOptions),
    setAvailability: (name, availability) =>
      hub.setAvailability(name, availability),
    reconcile: async () => argocd.reconcile(),
    async stop() {
      if (stopped) return;
      stopped = true;
      unsubscribeBranches();
      github.stop();
      argocd.stop();
      hub.stop();
      await Promise.all(
        Object.values(listeners).map(listener => listener.close()),
      );
      if (ownStateDir) await rm(ownStateDir, { recursive: true, force: true });
    },
  };
}
