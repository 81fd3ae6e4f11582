/*
 * The entity provider: on its schedule (one runner across replicas, through
 * the scheduler service), reads the GitOps repository's base branch,
 * discovers its VMs and replaces the provider's entities with one Resource
 * per VM (`applyMutation({ type: 'full' })`). A failed read logs a warning
 * and applies nothing, so the catalog keeps the VMs found before.
 */
import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  createIntegrationClientFactory,
  discoverRepositoryVms,
  readRepositoryFiles,
  type GithubClientFactory,
  type RepositoryFiles,
} from '@internal/plugin-kubevirt-gitops-node';
import { parseCodeowners } from './codeowners';
import { readDiscoveryConfig, type DiscoveryConfig } from './config';
import { vmEntity } from './vmEntity';

/**
 * The provider's name (stable: the catalog ties the entities to it).
 *
 * @public
 */
export const KUBEVIRT_GITOPS_PROVIDER_NAME = 'kubevirt-gitops-vm-discovery';

/**
 * Options of {@link KubevirtGitopsEntityProvider}.
 *
 * @public
 */
export interface KubevirtGitopsEntityProviderOptions {
  discovery: DiscoveryConfig;
  clientFactory: GithubClientFactory;
  logger: LoggerService;
  taskRunner: SchedulerServiceTaskRunner;
}

/**
 * What one refresh did.
 *
 * @public
 */
export type DiscoveryOutcome =
  | { applied: true; commitSha: string; entities: number }
  | { applied: false; error: Error };

/**
 * Emits one `Resource` of type `virtual-machine` per VM discovered in the
 * GitOps repository (VM folders with a catalog-info.yaml are left to it).
 *
 * @public
 */
export class KubevirtGitopsEntityProvider implements EntityProvider {
  readonly #discovery: DiscoveryConfig;
  readonly #clientFactory: GithubClientFactory;
  readonly #logger: LoggerService;
  readonly #taskRunner: SchedulerServiceTaskRunner;
  #connection?: EntityProviderConnection;
  /** The previous run's warnings, logged once while they last. */
  #warned = new Set<string>();
  /** The previous run's summary: logged at info level when it changes. */
  #lastSummary = '';

  /**
   * The provider for `kubevirtGitops.discovery`, or undefined when the key
   * is absent. Throws, naming the key, on a bad configuration.
   */
  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      scheduler: SchedulerService;
      clientFactory?: GithubClientFactory;
    },
  ): KubevirtGitopsEntityProvider | undefined {
    const discovery = readDiscoveryConfig(config);
    if (!discovery) return undefined;
    return new KubevirtGitopsEntityProvider({
      discovery,
      clientFactory:
        options.clientFactory ??
        createIntegrationClientFactory({
          integrations: ScmIntegrations.fromConfig(config),
          logger: options.logger,
        }),
      logger: options.logger,
      taskRunner: options.scheduler.createScheduledTaskRunner(
        discovery.schedule,
      ),
    });
  }

  constructor(options: KubevirtGitopsEntityProviderOptions) {
    this.#discovery = options.discovery;
    this.#clientFactory = options.clientFactory;
    this.#logger = options.logger.child({
      target: KUBEVIRT_GITOPS_PROVIDER_NAME,
    });
    this.#taskRunner = options.taskRunner;
  }

  getProviderName(): string {
    return KUBEVIRT_GITOPS_PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.#taskRunner.run({
      id: `${KUBEVIRT_GITOPS_PROVIDER_NAME}:refresh`,
      fn: async () => {
        await this.refresh();
      },
    });
  }

  /** Reads the repository once and applies what it holds. */
  async refresh(): Promise<DiscoveryOutcome> {
    const connection = this.#connection;
    if (!connection) {
      throw new Error(`${KUBEVIRT_GITOPS_PROVIDER_NAME} is not connected`);
    }
    const { repository, baseBranch } = this.#discovery;
    const name = `${repository.owner}/${repository.repo}@${baseBranch}`;
    let files: RepositoryFiles;
    try {
      const client = await this.#clientFactory(repository);
      files = await readRepositoryFiles({ client, repository, baseBranch });
    } catch (caught) {
      const error =
        caught instanceof Error ? caught : new Error(String(caught));
      this.#logger.warn(
        `VM discovery could not read ${name}; the catalog keeps the VMs discovered before. ${error.message}`,
      );
      return { applied: false, error };
    }
    const discovery = discoverRepositoryVms(files.files, files.paths);
    this.#warnOnce([...files.warnings, ...discovery.warnings], name);

    const context = {
      repository,
      baseBranch,
      codeowners: parseCodeowners(files.codeowners?.text ?? ''),
      defaultOwner: this.#discovery.defaultOwner,
      system: this.#discovery.system,
    };
    const entities = discovery.vms.map(vm => ({
      entity: vmEntity(vm, context),
      locationKey: KUBEVIRT_GITOPS_PROVIDER_NAME,
    }));
    await connection.applyMutation({ type: 'full', entities });
    const summary = `${entities.length} VM(s) (${discovery.vms
      .map(vm => vm.name)
      .join(', ')}); left to their catalog-info.yaml: ${
      discovery.registeredFolders.length
    } folder(s)`;
    const message = `VM discovery read ${name} at ${files.commitSha.slice(
      0,
      12,
    )}: ${summary}`;
    if (summary === this.#lastSummary) this.#logger.debug(message);
    else this.#logger.info(message);
    this.#lastSummary = summary;
    return {
      applied: true,
      commitSha: files.commitSha,
      entities: entities.length,
    };
  }

  #warnOnce(warnings: readonly string[], name: string): void {
    const current = new Set(warnings);
    for (const warning of current) {
      if (!this.#warned.has(warning))
        this.#logger.warn(`VM discovery in ${name}: ${warning}`);
    }
    this.#warned = current;
  }
}
