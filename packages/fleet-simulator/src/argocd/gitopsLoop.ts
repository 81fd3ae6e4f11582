import { randomUUID } from 'node:crypto';
import type { Clock, GitStore, ObjectStore } from '../contracts';
import type { ApplicationStore } from './applicationStore';
import type { GitopsClusterController } from './clusters/gitopsClusterController';
import type { ClusterChanges, ClusterRuntime } from './clusters/types';
import type { VirtualMachineHealthRule } from './health';
import { createApplicationController } from './applicationController/applicationController';
import type { ApplicationSetRecord } from './applicationSetController/applicationSetRecords';
import type {
  AppRuntime,
  DesiredApplication,
} from './applicationController/appRuntime';
import { generateApplications } from './applicationSetController/generateApplications';
import { createGeneratorContext } from './applicationSetController/generatorContext';
import type { GitopsRepository } from './repoServer/gitopsRepository';
import { repositoryKey, resolveRevision } from './repoServer/gitopsRepository';
import type { RenderService } from './repoServer/kustomize/renderService';
import type { TargetContext } from './applicationController/targetState';
import { computeTarget } from './applicationController/targetState';

export interface GitopsLoopOptions {
  clock: Clock;
  store: ObjectStore;
  git: GitStore;
  /** The served repositories: ApplicationSets come from each; an Application renders from the one its repoURL names. */
  repositories: readonly GitopsRepository[];
  /** ArgoCD's namespace: ApplicationSets and Applications live there. */
  namespace: string;
  /** The render service of a repository (checkouts of its revisions). */
  rendersOf(repository: GitopsRepository): RenderService;
  clusters: GitopsClusterController;
  applications: ApplicationStore;
  vmRule: VirtualMachineHealthRule;
}

const REFRESH_BATCH = 500;

/**
 * The simulated ApplicationSet and application controllers: on every move of
 * a served repository's default branch (and on demand) they expand the
 * repositories' ApplicationSets, create/update/prune Applications, render
 * and auto-sync them (each from the repository its repoURL names), and keep
 * their status current as VMs progress and clusters come and go.
 */
export function createGitopsLoop(options: GitopsLoopOptions) {
  const {
    clock,
    store,
    git,
    repositories,
    namespace,
    clusters,
    applications,
    vmRule,
  } = options;
  const served = new Set(repositories.map(repositoryKey));
  const targets: TargetContext = {
    git,
    repositories,
    rendersOf: options.rendersOf,
  };
  const runtimes = new Map<string, AppRuntime>();
  const appSets = new Map<string, ApplicationSetRecord>();
  const info: {
    /** The first repository's default-branch commit of the last pass. */
    revision?: string;
    /** Each repository's (`owner/repo`) default-branch commit of the last pass. */
    revisions: Record<string, string>;
    lastReconciledAt?: number;
    errors: string[];
  } = { revisions: {}, errors: [] };
  let current: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  let generating = false;
  /** The default branch heads the running pass read. */
  let runningHeads: string | undefined;
  const heads = () =>
    repositories.map(repository =>
      resolveRevision(git, repository, repository.defaultBranch),
    );
  let stopped = false;
  const now = () => clock.now().getTime();

  const generatorContext = createGeneratorContext({
    store,
    git,
    repositories,
    clusters,
    namespace,
  });

  function clusterOf(runtime: AppRuntime): ClusterRuntime | undefined {
    const { server, name } = runtime.desired.spec.destination;
    if (server) return clusters.byServer(server);
    return name ? clusters.byName(name) : undefined;
  }

  const { settle } = createApplicationController({
    clock,
    applications,
    namespace,
    vmRule,
    clusterOf,
    isActive: runtime => !stopped && runtimes.get(runtime.name) === runtime,
  });

  async function refreshRuntime(
    runtime: AppRuntime,
    hard: boolean,
  ): Promise<void> {
    const target = await computeTarget(runtime, targets, hard);
    if (runtimes.get(runtime.name) !== runtime) return;
    runtime.target = target;
    runtime.reconciledAt = now();
    settle(runtime);
  }

  function createRuntime(
    desired: DesiredApplication,
    owner: ApplicationSetRecord,
  ): AppRuntime {
    const at = now();
    return {
      name: desired.name,
      namespace,
      uid: randomUUID(),
      createdAt: at,
      generation: 1,
      owner: { name: owner.source.name, uid: owner.uid },
      desired,
      live: new Map(),
      history: [],
      health: { status: 'Healthy', since: at },
    };
  }

  function deleteRuntime(name: string): void {
    const runtime = runtimes.get(name);
    runtime?.cancelTimer?.();
    runtimes.delete(name);
    appSets.get(runtime?.owner.name ?? '')?.applications.delete(name);
    applications.delete(name);
  }

  async function reconcileOnce(): Promise<void> {
    generating = true;
    let toRefresh: AppRuntime[] = [];
    try {
      clusters.refresh();
      const commits = heads();
      runningHeads = JSON.stringify(commits);
      const missing = repositories
        .filter((_, index) => !commits[index])
        .map(
          repository =>
            `branch ${repository.defaultBranch} of ${repository.owner}/${repository.repo} does not exist`,
        );
      if (missing.length === repositories.length) {
        info.errors = missing;
        return;
      }
      const { desired, keepOwners, errors } = generateApplications({
        git,
        sources: repositories.map((repository, index) => ({
          repository,
          commitSha: commits[index],
        })),
        namespace,
        records: appSets,
        context: generatorContext,
        now: now(),
      });
      info.errors = [...missing, ...errors];
      for (const runtime of [...runtimes.values()]) {
        const wanted = desired.get(runtime.name);
        if (!wanted && !keepOwners.has(runtime.owner.name))
          deleteRuntime(runtime.name);
      }
      for (const [name, { app, owner }] of desired) {
        let runtime = runtimes.get(name);
        if (!runtime) {
          runtime = createRuntime(app, owner);
          runtimes.set(name, runtime);
        } else if (runtime.owner.name !== owner.source.name) {
          continue;
        } else if (JSON.stringify(runtime.desired) !== JSON.stringify(app)) {
          if (
            JSON.stringify(runtime.desired.spec.destination) !==
            JSON.stringify(app.spec.destination)
          )
            runtime.live = new Map();
          runtime.desired = app;
          runtime.generation++;
        }
        owner.applications.add(name);
        toRefresh.push(runtime);
      }
      info.revision = commits[0];
      info.revisions = Object.fromEntries(
        repositories.flatMap((repository, index) => {
          const commit = commits[index];
          return commit
            ? [[`${repository.owner}/${repository.repo}`, commit]]
            : [];
        }),
      );
    } finally {
      generating = false;
    }
    for (let start = 0; start < toRefresh.length; start += REFRESH_BATCH) {
      await Promise.all(
        toRefresh
          .slice(start, start + REFRESH_BATCH)
          .map(r => refreshRuntime(r, false)),
      );
    }
    toRefresh = [];
    info.lastReconciledAt = now();
  }

  /**
   * Runs one reconciliation. A call during a run joins it when no default
   * branch has moved since the run read them (unless `force`, e.g. for
   * cluster changes); otherwise calls are coalesced into one more run.
   */
  function reconcile(force = false): Promise<void> {
    if (stopped) return Promise.resolve();
    if (
      current &&
      !queued &&
      !force &&
      JSON.stringify(heads()) === runningHeads
    ) {
      return current;
    }
    if (!current) {
      current = reconcileOnce().finally(() => {
        current = undefined;
      });
      return current;
    }
    if (!queued) {
      queued = current
        .catch(() => undefined)
        .then(() => {
          queued = undefined;
          return reconcile(true);
        });
    }
    return queued;
  }

  function onClusterChanges(changes: ClusterChanges): void {
    if (
      !generating &&
      changes.added.length + changes.removed.length + changes.relabeled.length >
        0
    ) {
      reconcile(true).catch(error => info.errors.push(String(error)));
    }
    if (changes.health.length === 0) return;
    const changed = new Set(
      changes.health.map(name => clusters.byName(name)?.server),
    );
    for (const runtime of runtimes.values()) {
      const cluster = clusterOf(runtime);
      if (cluster && changed.has(cluster.server)) settle(runtime);
    }
  }

  const unsubscribeGit = git.onBranchUpdated(event => {
    if (served.has(repositoryKey(event))) {
      reconcile().catch(error => info.errors.push(String(error)));
    }
  });

  return {
    reconcile: () => reconcile(),
    onClusterChanges,
    /** Re-reads Git for one application (`refresh=normal|hard`); false if it does not exist. */
    async refreshApplication(name: string, hard: boolean): Promise<boolean> {
      const runtime = runtimes.get(name);
      if (!runtime) return false;
      await refreshRuntime(runtime, hard);
      return true;
    },
    /** Syncs one application now, automated or not; false if it does not exist. */
    async syncApplication(name: string): Promise<boolean> {
      const runtime = runtimes.get(name);
      if (!runtime) return false;
      runtime.target = await computeTarget(runtime, targets, false);
      runtime.reconciledAt = now();
      settle(runtime, true);
      return true;
    },
    runtime: (name: string): AppRuntime | undefined => runtimes.get(name),
    runtimes: (): IterableIterator<AppRuntime> => runtimes.values(),
    clusterOf,
    applicationSets: (): ApplicationSetRecord[] => [...appSets.values()],
    info: () => ({
      ...info,
      revisions: { ...info.revisions },
      errors: [...info.errors],
    }),
    stop(): void {
      stopped = true;
      unsubscribeGit();
      for (const runtime of runtimes.values()) runtime.cancelTimer?.();
    },
  };
}

export type GitopsLoop = ReturnType<typeof createGitopsLoop>;
