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
import type { EventParams, EventsService } from '@backstage/plugin-events-node';
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
import {
  readDiscoveryConfig,
  type DiscoveryConfig,
  type DiscoveryRepository,
} from './config';
import { mergedEntities, type RepositoryDiscovery } from './vmEntity';

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
  /** Re-read on GitHub pushes to the base branch (`github.push` events). */
  events?: EventsService;
  /** Titles of the configured environments, by name. */
  environmentTitles?: ReadonlyMap<string, string>;
}

/**
 * The events topic of GitHub push webhooks (events backend, GitHub module).
 *
 * @public
 */
export const GITHUB_PUSH_TOPIC = 'github.push';

/**
 * What one refresh did.
 *
 * @public
 */
export type DiscoveryOutcome =
  | {
      applied: true;
      /** The primary repository's commit. */
      commitSha: string;
      /** VM entities emitted (environment entities not counted). */
      entities: number;
      /** What was read, per repository, in order. */
      repositories: DiscoveredRepository[];
    }
  | { applied: false; error: Error };

/**
 * What one refresh read in one repository.
 *
 * @public
 */
export interface DiscoveredRepository {
  /** `owner/repo@branch`. */
  name: string;
  commitSha: string;
  /** Names of the VMs found there (before duplicates across repositories are dropped). */
  vms: string[];
  /** VM folders left to their own catalog-info.yaml. */
  registeredFolders: number;
}

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
  readonly #events?: EventsService;
  readonly #environmentTitles?: ReadonlyMap<string, string>;
  /** The read in progress, and whether a push asked for one more after it. */
  #running?: Promise<DiscoveryOutcome>;
  #again = false;

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
      events?: EventsService;
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
      events: options.events,
      environmentTitles: environmentTitles(config),
    });
  }

  constructor(options: KubevirtGitopsEntityProviderOptions) {
    this.#discovery = options.discovery;
    this.#clientFactory = options.clientFactory;
    this.#logger = options.logger.child({
      target: KUBEVIRT_GITOPS_PROVIDER_NAME,
    });
    this.#taskRunner = options.taskRunner;
    this.#events = options.events;
    this.#environmentTitles = options.environmentTitles;
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
    await this.#events?.subscribe({
      id: KUBEVIRT_GITOPS_PROVIDER_NAME,
      topics: [GITHUB_PUSH_TOPIC],
      onEvent: async params => {
        await this.onEvent(params);
      },
    });
  }

  /**
   * Handles a `github.push` event: reads the repository again when the push
   * is to its base branch; returns whether it did.
   */
  async onEvent(params: EventParams): Promise<boolean> {
    if (params.topic !== GITHUB_PUSH_TOPIC) return false;
    const payload = params.eventPayload as {
      ref?: unknown;
      repository?: { full_name?: unknown };
    };
    const fullName =
      typeof payload?.repository?.full_name === 'string'
        ? payload.repository.full_name.toLocaleLowerCase('en-US')
        : '';
    const pushed = this.#discovery.repositories.find(
      ({ repository, baseBranch }) =>
        fullName ===
          `${repository.owner}/${repository.repo}`.toLocaleLowerCase('en-US') &&
        payload.ref === `refs/heads/${baseBranch}`,
    );
    if (!pushed) {
      return false;
    }
    this.#logger.debug(
      `GitHub push to ${fullName}@${pushed.baseBranch}: reading the repositories again`,
    );
    await this.refresh();
    return true;
  }

  /**
   * Reads the repository once and applies what it holds. A call during a
   * read waits for it and then reads once more (calls in between share that
   * second read), so what was pushed meanwhile is seen.
   */
  async refresh(): Promise<DiscoveryOutcome> {
    const running = this.#running;
    if (running) {
      this.#again = true;
      await running.catch(() => undefined);
      // Another waiter may have started the next read already: share it.
      const next = this.#running as Promise<DiscoveryOutcome> | undefined;
      if (next) return next;
    }
    this.#again = false;
    const run = this.#read().finally(() => {
      this.#running = undefined;
    });
    this.#running = run;
    const outcome = await run;
    if (this.#again) return this.refresh();
    return outcome;
  }

  async #read(): Promise<DiscoveryOutcome> {
    const connection = this.#connection;
    if (!connection) {
      throw new Error(`${KUBEVIRT_GITOPS_PROVIDER_NAME} is not connected`);
    }
    // Read every repository first: when one cannot be read, nothing is
    // applied (a full mutation without it would delete its VMs' entities).
    const read: Array<{
      source: DiscoveryRepository;
      name: string;
      files: RepositoryFiles;
    }> = [];
    for (const source of this.#discovery.repositories) {
      const { repository, baseBranch } = source;
      const name = `${repository.owner}/${repository.repo}@${baseBranch}`;
      try {
        const client = await this.#clientFactory(repository);
        read.push({
          source,
          name,
          files: await readRepositoryFiles({ client, repository, baseBranch }),
        });
      } catch (caught) {
        const error =
          caught instanceof Error ? caught : new Error(String(caught));
        this.#logger.warn(
          `VM discovery could not read ${name}; the catalog keeps the VMs discovered before${
            this.#discovery.repositories.length > 1
              ? ' in every repository'
              : ''
          }. ${error.message}`,
        );
        return { applied: false, error };
      }
    }

    const warnings: string[] = [];
    const discoveries: RepositoryDiscovery[] = [];
    const repositories: DiscoveredRepository[] = [];
    for (const { source, name, files } of read) {
      const discovery = discoverRepositoryVms(files.files, files.paths);
      warnings.push(
        ...[...files.warnings, ...discovery.warnings].map(
          warning => `in ${name}: ${warning}`,
        ),
      );
      discoveries.push({
        vms: discovery.vms,
        context: {
          repository: source.repository,
          baseBranch: source.baseBranch,
          ...(source.primary ? {} : { adoptedRepoUrl: source.repoUrl }),
          codeowners: parseCodeowners(files.codeowners?.text ?? ''),
          defaultOwner: this.#discovery.defaultOwner,
          system: this.#discovery.system,
          environmentTitles: this.#environmentTitles,
        },
      });
      repositories.push({
        name,
        commitSha: files.commitSha,
        vms: discovery.vms.map(vm => vm.name),
        registeredFolders: discovery.registeredFolders.length,
      });
    }
    const merged = mergedEntities(discoveries);
    warnings.push(...merged.warnings);
    this.#warnOnce(warnings);

    const entities = merged.entities.map(entity => ({
      entity,
      locationKey: KUBEVIRT_GITOPS_PROVIDER_NAME,
    }));
    await connection.applyMutation({ type: 'full', entities });
    const found = (repository: DiscoveredRepository) =>
      `${repository.vms.length} VM(s) (${repository.vms.join(
        ', ',
      )}); left to their catalog-info.yaml: ${
        repository.registeredFolders
      } folder(s)`;
    // the summary (without commits) says whether anything changed
    const summary = repositories
      .map(repository => `${repository.name}: ${found(repository)}`)
      .join('; ');
    const message = `VM discovery read ${repositories
      .map(
        repository =>
          `${repository.name} at ${repository.commitSha.slice(0, 12)}: ${found(
            repository,
          )}`,
      )
      .join('; ')}`;
    if (summary === this.#lastSummary) this.#logger.debug(message);
    else this.#logger.info(message);
    this.#lastSummary = summary;
    return {
      applied: true,
      commitSha: repositories[0].commitSha,
      entities: merged.entities.filter(
        entity => entity.spec?.type === 'virtual-machine',
      ).length,
      repositories,
    };
  }

  #warnOnce(warnings: readonly string[]): void {
    const current = new Set(warnings);
    for (const warning of current) {
      if (!this.#warned.has(warning))
        this.#logger.warn(`VM discovery ${warning}`);
    }
    this.#warned = current;
  }
}

/** `kubevirtGitops.gitops.environments[].title` by name (titles are optional). */
function environmentTitles(config: Config): Map<string, string> {
  const titles = new Map<string, string>();
  for (const environment of config.getOptionalConfigArray(
    'kubevirtGitops.gitops.environments',
  ) ?? []) {
    const name = environment.getOptionalString('name');
    const title = environment.getOptionalString('title');
    if (name && title) titles.set(name, title);
  }
  return titles;
}
