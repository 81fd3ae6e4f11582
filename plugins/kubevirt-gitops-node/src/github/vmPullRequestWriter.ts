/*
 * Turns a VM operation into a pull request in the GitOps repository:
 * read (one GraphQL query), check, plan, then branch + commit (one GraphQL
 * mutation request) -> pull request -> labels and reviewers: four
 * sequential round trips, each side effect behind a checkpoint so a
 * recovered task does not repeat it. Re-running the same request returns
 * the pull request it opened; a different request for a VM with an open
 * pull request fails with a ConflictError naming it.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import {
  gitopsRepoWebUrl,
  parseGitopsRepoUrl,
  type GitopsConfig,
  type GitopsRepository,
  type VmOperationRequest,
  type VmPullRequestResult,
} from '@internal/plugin-kubevirt-gitops-common';
import { vmPullRequestLabels } from '@internal/plugin-kubevirt-gitops-common';
import {
  noEnvironmentClusters,
  type EnvironmentClustersFetcher,
  type EnvironmentClustersResult,
} from '../environments/environmentClusters';
import { checkEnvironmentsHaveClusters } from '../environments/environmentsHaveClusters';
import {
  discoverVmLayout,
  discoveredVmPaths,
} from '../layout/discoverVmLayout';
import {
  vmEnvironmentsIn,
  vmTarget,
} from '@internal/plugin-kubevirt-gitops-common';
import {
  createKustomizeRunner,
  type KustomizeRunner,
} from '../kustomize/kustomizeRunner';
import type { ArgocdTarget } from '../manifests/applicationSet';
import { VM_ENTITY_NAMESPACE } from '../manifests/catalogInfo';
import { checkVmOperationForVm } from '../operations/checkOperation';
import { planVmChange } from '../operations/planVmChange';
import type { VmChangeSet } from '../operations/types';
import type { GithubClientFactory } from './githubCredentials';
import type { GithubCallContext } from './githubErrors';
import { requestFingerprint } from './fingerprint';
import type { OpenVmPull } from './openPulls';
import { renderPullRequestBody } from './pullRequestBody';
import { decoratePull, openPull, type PullDecoration } from './pullRequests';
import { commitMessage, pushChangeSet } from './pushBranch';
import { readRepositorySnapshot } from './readRepository';

/**
 * Runs a side effect once per task: the scaffolder's `ctx.checkpoint`.
 *
 * @public
 */
export type Checkpoint = <T extends JsonValue | void>(
  key: string,
  fn: () => Promise<T>,
) => Promise<T>;

const noCheckpoint: Checkpoint = (_key, fn) => fn();

/**
 * Options of {@link createVmPullRequestWriter}.
 *
 * @public
 */
export interface VmPullRequestWriterOptions {
  config: GitopsConfig;
  clientFactory: GithubClientFactory;
  /** Clusters per environment for the body (default: "could not resolve"). */
  environmentClusters?: EnvironmentClustersFetcher;
  /** ArgoCD project of generated Applications (default `default`). */
  argocdProject?: string;
  /** Backstage's `app.baseUrl`, for the link back to the VM's entity. */
  backstageBaseUrl?: string;
  logger?: LoggerService;
  /** The real kustomize for previews and the oracle (default: `kubectl kustomize`). */
  kustomize?: KustomizeRunner;
}

/**
 * One request to the writer.
 *
 * @public
 */
export interface VmPullRequestRequest {
  /** An operation that passed checkVmOperationInput. */
  operation: VmOperationRequest;
  /** Entity ref of the user who asked. */
  requester?: string;
  /** Link to the task that runs this, for the body. */
  taskUrl?: string;
  /** Plan and render only: no GitHub write (and no GitHub call at all for `create`). */
  dryRun?: boolean;
  checkpoint?: Checkpoint;
}

/**
 * What the writer did.
 *
 * @public
 */
export interface VmPullRequestOutcome {
  changeSet: VmChangeSet;
  body: string;
  /** Absent on a dry run. */
  pullRequest?: VmPullRequestResult;
  /** Things a user should know that did not stop the pull request (reviewers GitHub refused). */
  warnings: string[];
}

/**
 * The writer.
 *
 * @public
 */
export interface VmPullRequestWriter {
  openPullRequest(request: VmPullRequestRequest): Promise<VmPullRequestOutcome>;
}

function decorationOf(
  config: GitopsConfig,
  changeSet: VmChangeSet,
): PullDecoration {
  const environments = config.environments.filter(env =>
    changeSet.changedEnvironments.includes(env.name),
  );
  const unique = (values: string[]) => [...new Set(values)];
  return {
    labels: vmPullRequestLabels(
      changeSet.operation,
      changeSet.changedEnvironments,
    ),
    reviewers: unique(environments.flatMap(env => env.reviewers ?? [])),
    teamReviewers: unique(environments.flatMap(env => env.teamReviewers ?? [])),
  };
}

function conflictMessage(
  vm: string,
  pull: OpenVmPull,
  sameBranch: boolean,
): string {
  const what = sameBranch
    ? `for a different ${pull.operation} request`
    : `(${pull.operation})`;
  return `VM "${vm}" already has an open pull request ${what}: #${pull.number} "${pull.title}" ${pull.url}. Merge or close it before asking for another change.`;
}

/**
 * Creates the writer.
 *
 * @public
 */
export function createVmPullRequestWriter(
  options: VmPullRequestWriterOptions,
): VmPullRequestWriter {
  const { config, logger } = options;
  const parsed = parseGitopsRepoUrl(config.repoUrl);
  if (!parsed) {
    throw new Error(
      `kubevirtGitops.gitops.repoUrl "${config.repoUrl}" is not a GitHub repository URL`,
    );
  }
  const repository: GitopsRepository = parsed;
  const argocd: ArgocdTarget = {
    repoUrl: `${gitopsRepoWebUrl(repository)}.git`,
    targetRevision: config.baseBranch,
    project: options.argocdProject ?? 'default',
  };
  const fetchClusters = options.environmentClusters ?? noEnvironmentClusters;
  const kustomize = options.kustomize ?? createKustomizeRunner();
  const context = (action: string): GithubCallContext => ({
    action,
    host: repository.host,
    owner: repository.owner,
    repo: repository.repo,
    baseBranch: config.baseBranch,
  });

  function entityUrl(vm: string): string | undefined {
    return options.backstageBaseUrl
      ? `${options.backstageBaseUrl.replace(
          /\/$/,
          '',
        )}/catalog/${VM_ENTITY_NAMESPACE}/resource/${vm}`
      : undefined;
  }

  function body(
    request: VmPullRequestRequest,
    operation: VmOperationRequest,
    changeSet: VmChangeSet,
    fingerprint: string,
    clusters: EnvironmentClustersResult,
  ): string {
    return renderPullRequestBody({
      changeSet,
      operation,
      config,
      fingerprint,
      requester: request.requester,
      clusters,
      entityUrl: entityUrl(changeSet.vm),
      taskUrl: request.taskUrl,
    });
  }

  async function openPullRequest(
    request: VmPullRequestRequest,
  ): Promise<VmPullRequestOutcome> {
    // before any GitHub call: a new VM must have somewhere to run
    await checkEnvironmentsHaveClusters(request.operation, fetchClusters);
    const checkpoint = request.checkpoint ?? noCheckpoint;
    // the VM, its paths and its branch: computed once, used by every step below
    const vmAt = vmTarget(config.layout, request.operation);
    const { vm, paths } = vmAt;
    const planContext = { config, argocd, kustomize };
    const fingerprintOf = (operation: VmOperationRequest) =>
      requestFingerprint({
        repository,
        baseBranch: config.baseBranch,
        layout: config.layout,
        operation,
      });

    if (request.dryRun && request.operation.operation === 'create') {
      const changeSet = await planVmChange(
        request.operation,
        { paths: [], files: new Map() },
        planContext,
        vmAt,
      );
      const fingerprint = fingerprintOf(request.operation);
      const clusters = await fetchClusters(changeSet.environments);
      return {
        changeSet,
        body: body(
          request,
          request.operation,
          changeSet,
          fingerprint,
          clusters,
        ),
        warnings: [],
      };
    }

    const client = await options.clientFactory(repository);
    const target = {
      client,
      repository,
      baseBranch: config.baseBranch,
      context,
    };
    const gitopsPath =
      request.operation.operation === 'create'
        ? undefined
        : request.operation.gitopsPath;
    const elsewhere = gitopsPath !== undefined && gitopsPath !== paths.vmDir;
    const readPaths = elsewhere
      ? discoveredVmPaths(
          config.layout,
          gitopsPath,
          { source: gitopsPath, environmentDirTemplate: `${gitopsPath}/{env}` },
          new Map(),
        )
      : paths;
    const snapshot = await readRepositorySnapshot(
      target,
      readPaths,
      vm,
      vmAt.branch,
    );
    const vmFolder = elsewhere
      ? discoveredVmPaths(
          config.layout,
          gitopsPath,
          discoverVmLayout(gitopsPath, snapshot.vm.files),
          snapshot.vm.files,
        )
      : paths;
    const vmEnvironments = vmEnvironmentsIn(vmFolder, snapshot.vm.paths);
    if (
      vmEnvironments.length === 0 &&
      snapshot.vm.paths.length > 0 &&
      request.operation.operation !== 'decommission'
    ) {
      throw new InputError(
        `VM "${vm}" has no environment overlay in the GitOps repository: ${
          vmFolder.discovered ? `following ${vmFolder.discovered.source}, ` : ''
        }no ${(
          vmFolder.discovered?.environmentDirTemplate ??
          vmFolder
            .environmentDir('environment')
            .replace(/environment$/, '{env}')
        ).replace('{env}', '<environment>')}/kustomization.yaml exists under ${
          vmFolder.vmDir
        }. Set the VM entity's kubevirt-gitops.io/gitops-path annotation to the folder that holds its ApplicationSet and overlays.`,
      );
    }
    // a VM that is not there: planning says so (NotFoundError), before any check of its environments
    const found = snapshot.vm.paths.some(
      file => file !== vmFolder.catalogInfoFile,
    );
    const operation = found
      ? checkVmOperationForVm(request.operation, config, vmEnvironments)
      : request.operation;
    const changeSet = await planVmChange(operation, snapshot.vm, planContext, {
      ...vmAt,
      paths: vmFolder,
    });
    if ('notRun' in changeSet.verification) {
      logger?.warn(
        'The pull request is not verified: its overlays were not rendered',
        { vm, reason: changeSet.verification.notRun },
      );
    }
    const fingerprint = fingerprintOf(operation);
    const decoration = decorationOf(config, changeSet);

    const other = snapshot.openPulls.find(
      pull => pull.branch !== changeSet.branch,
    );
    if (other) throw new ConflictError(conflictMessage(vm, other, false));
    const own = snapshot.openPulls.find(
      pull => pull.branch === changeSet.branch,
    );
    if (own && own.fingerprint !== fingerprint)
      throw new ConflictError(conflictMessage(vm, own, true));

    const clustersPromise = fetchClusters(changeSet.environments);
    if (request.dryRun) {
      return {
        changeSet,
        body: body(
          request,
          operation,
          changeSet,
          fingerprint,
          await clustersPromise,
        ),
        warnings: [],
      };
    }
    const result = (
      number: number,
      url: string,
      reused: boolean,
    ): VmPullRequestResult => ({
      url,
      number,
      branch: changeSet.branch,
      entityRef: changeSet.entityRef,
      reused,
    });
    const key = (step: string) =>
      `kubevirt-gitops.${step}.${changeSet.branch}.${fingerprint}`;

    if (own) {
      const warnings = await checkpoint(key('decorate'), () =>
        decoratePull(target, own, decoration, own),
      );
      logger?.info('Pull request already open for this request', {
        vm,
        operation: operation.operation,
        url: own.url,
      });
      return {
        changeSet,
        body: body(
          request,
          operation,
          changeSet,
          fingerprint,
          await clustersPromise,
        ),
        pullRequest: result(own.number, own.url, true),
        warnings,
      };
    }

    const [pushed, clusters] = await Promise.all([
      checkpoint(key('push'), async () => {
        const { commitSha, reusedBranch } = await pushChangeSet(
          { client, repository, context },
          {
            ...snapshot.base,
            branch: config.baseBranch,
            repositoryId: snapshot.repositoryId,
          },
          snapshot.branch,
          changeSet,
          commitMessage(changeSet, fingerprint, request.requester),
          fingerprint,
        );
        return { commitSha, reusedBranch };
      }),
      clustersPromise,
    ]);
    const text = body(request, operation, changeSet, fingerprint, clusters);
    const pull = await checkpoint(key('pull-request'), () =>
      openPull(target, {
        vm,
        branch: changeSet.branch,
        title: changeSet.title,
        body: text,
        fingerprint,
      }),
    );
    const warnings = await checkpoint(key('decorate'), () =>
      decoratePull(target, pull, decoration),
    );
    logger?.info('Opened pull request', {
      vm,
      operation: operation.operation,
      url: pull.url,
      number: pull.number,
      commit: pushed.commitSha,
      reusedBranch: pushed.reusedBranch,
    });
    for (const warning of warnings) logger?.warn(warning);
    return {
      changeSet,
      body: text,
      pullRequest: result(pull.number, pull.url, false),
      warnings,
    };
  }

  return { openPullRequest };
}
