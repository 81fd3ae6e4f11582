import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  Clock,
  GitStore,
  ObjectStore,
  UpstreamHandler,
} from '../contracts';
import { createGitopsLoop } from './gitopsLoop';
import type {
  GitopsRepository,
  GitopsRepositoryInput,
} from './repoServer/gitopsRepository';
import {
  gitopsRepositories,
  repositoryKey,
} from './repoServer/gitopsRepository';
import { createRenderService } from './repoServer/kustomize/renderService';
import type {
  RenderService,
  RenderStats,
} from './repoServer/kustomize/renderService';
import type { LiveNode } from './applicationController/liveView';
import {
  createApplicationStore,
  type ApplicationStore,
} from './applicationStore';
import { createSessions } from './apiServer/auth/sessions';
import { createGitopsClusterController } from './clusters/gitopsClusterController';
import type { GitopsClusterController } from './clusters/gitopsClusterController';
import type { ClusterChanges } from './clusters/types';
import type { HealthStatusCode, VirtualMachineHealthRule } from './health';
import { createArgocdHandler } from './apiServer/http/router';
import { StreamRegistry } from './apiServer/http/streamRoute';
import type {
  Application,
  ArgocdState,
  ResourceStatus,
  SyncStatusCode,
} from './types';
import { applicationLiveNodes } from './apiServer/views/resourceTree';

export interface ArgocdSimulatorOptions {
  clock: Clock;
  store: ObjectStore;
  git: GitStore;
  /**
   * The GitOps repository, or several: ApplicationSets are read from each
   * (all of a repository's `*.yaml` files, or only its `applicationSets`
   * files), and an Application renders from the repository its `repoURL`
   * names. `repoURL` defaults to `https://github.com/<owner>/<repo>.git`.
   */
  gitops: GitopsRepositoryInput | readonly GitopsRepositoryInput[];
  auth: {
    users?: Array<{ username: string; password: string }>;
    /** A single local user (the scenario file's form), added to `users`. */
    username?: string;
    password?: string;
    tokens?: string[];
    sessionTtlSeconds?: number;
  };
  /** ArgoCD's namespace, e.g. `openshift-gitops` or `argocd`. */
  namespace: string;
  publicUrl: string;
  /** Where revisions are checked out for rendering (default: a new temp folder). */
  workDir?: string;
  /** The kubectl binary (default `kubectl` on PATH). */
  kubectl?: string;
  /** VirtualMachine health rule: today's ArgoCD (default) or after PR #29664. */
  vmHealth?: VirtualMachineHealthRule;
  /**
   * Where per-resource health is kept: `appTree` (ArgoCD ≥ 3.0, default:
   * only in the resource tree, `status.resourceHealthSource: appTree`) or
   * `inline` (ArgoCD 2.x, or `controller.resource.health.persist: true`:
   * `status.resources[].health` in the Application).
   */
  resourceHealth?: 'appTree' | 'inline';
}

/**
 * ArgoCD 2.x: each managed resource's health in `status.resources[]`, from
 * the live nodes; a resource without a live object is Missing.
 */
export function inlineResourceHealth(
  application: Application,
  nodes: readonly LiveNode[],
): Application {
  const { resourceHealthSource: _appTree, ...status } = application.status;
  const healthOf = (resource: ResourceStatus) =>
    nodes.find(
      node =>
        node.managed &&
        node.ref.kind === resource.kind &&
        node.ref.name === resource.name &&
        (node.ref.namespace ?? '') === (resource.namespace ?? ''),
    )?.health ?? { status: 'Missing' as const };
  return {
    ...application,
    status: {
      ...status,
      ...(status.resources
        ? {
            resources: status.resources.map(resource => ({
              ...resource,
              health: healthOf(resource),
            })),
          }
        : {}),
    },
  };
}

export interface ArgocdSimulator {
  handler: UpstreamHandler;
  /** The repositories it reads, with their `repoURL`s. */
  repositories: readonly GitopsRepository[];
  /** Expands the ApplicationSets of the default branches, renders and syncs; resolves when done. */
  reconcile(): Promise<void>;
  state(): ArgocdState;
  /** Every Application, by name. */
  applications(): Application[];
  /** Closes every open Application stream (`end` cleanly, `destroy` cuts the connection). */
  dropStreams(mode?: 'end' | 'destroy'): void;
  stop(): void;
}

function countBy<K extends string>(
  values: Iterable<K>,
): Partial<Record<K, number>> {
  const counts: Partial<Record<K, number>> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** The simulated ArgoCD: API server, GitOpsCluster controller, ApplicationSet and application controllers. */
export function createArgocdSimulator(
  options: ArgocdSimulatorOptions,
): ArgocdSimulator {
  const { clock, store, git, namespace } = options;
  const repositories = gitopsRepositories(options.gitops);
  const ownWorkDir = options.workDir === undefined;
  const workDir =
    options.workDir ??
    fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-simulator-argocd-'));
  const vmRule = options.vmHealth ?? 'builtin';
  const plainStore = createApplicationStore();
  // Set once the loop exists (the loop needs the store first).
  const inline: { nodes?: (name: string) => LiveNode[] | undefined } = {};
  const applications: ApplicationStore =
    options.resourceHealth === 'inline'
      ? {
          ...plainStore,
          put: application => {
            const nodes = inline.nodes?.(application.metadata.name);
            return plainStore.put(
              nodes ? inlineResourceHealth(application, nodes) : application,
            );
          },
        }
      : plainStore;
  // One render service (and checkout folder) per repository.
  const renderServices = new Map<string, RenderService>(
    repositories.map(repository => [
      repositoryKey(repository),
      createRenderService({
        git,
        owner: repository.owner,
        repo: repository.repo,
        workDir: path.join(workDir, 'repos', repository.owner, repository.repo),
        kubectl: options.kubectl ?? 'kubectl',
      }),
    ]),
  );
  const rendersOf = (repository: GitopsRepository): RenderService => {
    const service = renderServices.get(repositoryKey(repository));
    if (!service)
      throw new Error(
        `${repository.owner}/${repository.repo} is not a served GitOps repository`,
      );
    return service;
  };
  const renderStats = (): RenderStats => {
    const total: RenderStats = {
      cached: 0,
      kubectlRuns: 0,
      failures: 0,
      checkouts: 0,
    };
    for (const service of renderServices.values()) {
      const stats = service.stats();
      total.cached += stats.cached;
      total.kubectlRuns += stats.kubectlRuns;
      total.failures += stats.failures;
      total.checkouts += stats.checkouts;
    }
    return total;
  };
  const users = [
    ...(options.auth.users ?? []),
    ...(options.auth.username && options.auth.password
      ? [{ username: options.auth.username, password: options.auth.password }]
      : []),
  ];
  const sessions = createSessions({
    users,
    tokens: options.auth.tokens ?? [],
    sessionTtlSeconds: options.auth.sessionTtlSeconds,
  });
  let onClusterChanges: (changes: ClusterChanges) => void = () => undefined;
  const clusters: GitopsClusterController = createGitopsClusterController({
    store,
    namespace,
    onChange: changes => onClusterChanges(changes),
  });
  const loop = createGitopsLoop({
    clock,
    store,
    git,
    repositories,
    namespace,
    rendersOf,
    clusters,
    applications,
    vmRule,
  });
  onClusterChanges = loop.onClusterChanges;
  inline.nodes = name => {
    const runtime = loop.runtime(name);
    if (!runtime) return undefined;
    const cluster = loop.clusterOf(runtime);
    // An unreachable cluster's resources keep the status the loop gave them.
    if (!cluster?.available) return undefined;
    return applicationLiveNodes({
      runtime,
      cluster,
      now: clock.now().getTime(),
      vmRule,
    });
  };
  const streams = new StreamRegistry();
  const handler = createArgocdHandler({
    streams,
    applications,
    loop,
    clusters,
    sessions,
    namespace,
    publicUrl: options.publicUrl,
    clock,
    vmRule,
  });

  return {
    handler,
    repositories,
    reconcile: () => loop.reconcile(),
    dropStreams: mode => streams.dropAll(mode),
    state(): ArgocdState {
      const all = applications
        .names()
        .flatMap(name => applications.get(name) ?? []);
      const info = loop.info();
      const owned = countBy([...loop.runtimes()].map(r => r.owner.name));
      return {
        revision: info.revision,
        revisions: repositories.map(repository => ({
          repository: `${repository.owner}/${repository.repo}`,
          ...(info.revisions[`${repository.owner}/${repository.repo}`]
            ? {
                revision:
                  info.revisions[`${repository.owner}/${repository.repo}`],
              }
            : {}),
        })),
        ...(info.errors.length > 0 ? { errors: info.errors } : {}),
        lastReconciledAt:
          info.lastReconciledAt === undefined
            ? undefined
            : new Date(info.lastReconciledAt).toISOString(),
        clusters: clusters.list().map(cluster => ({
          name: cluster.name,
          server: cluster.server,
          labels: { ...cluster.labels },
          connectionState: cluster.available ? 'Successful' : 'Failed',
        })),
        applicationSets: loop.applicationSets().map(record => ({
          name: record.source.name,
          namespace: record.source.namespace,
          ...(record.source.repository
            ? { repository: record.source.repository, path: record.source.path }
            : {}),
          applications: owned[record.source.name] ?? 0,
          ...(record.error ? { error: record.error } : {}),
        })),
        applications: {
          total: all.length,
          health: countBy<HealthStatusCode>(
            all.map(a => a.status.health.status),
          ),
          sync: countBy<SyncStatusCode>(all.map(a => a.status.sync.status)),
        },
        renders: renderStats(),
      };
    },
    applications: () =>
      applications.names().flatMap(name => applications.get(name) ?? []),
    stop(): void {
      loop.stop();
      clusters.stop();
      Promise.all(
        [...renderServices.values()].map(service => service.dispose()),
      )
        .then(() =>
          ownWorkDir
            ? fs.promises.rm(workDir, { recursive: true, force: true })
            : undefined,
        )
        .catch(() => undefined);
    },
  };
}
