/*
 * Reads `kubevirtGitops.discovery` (and the repository from
 * `kubevirtGitops.gitops`) once at startup; a bad or missing key stops the
 * backend with the key named.
 */
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  gitopsRepositoryKey,
  parseGitopsRepoUrl,
  type GitopsRepository,
} from '@internal/plugin-kubevirt-gitops-common';

/**
 * What discovery reads and how it names what it finds.
 *
 * @public
 */
/** One repository discovery reads. */
export interface DiscoveryRepository {
  repository: GitopsRepository;
  baseBranch: string;
  /** As configured, e.g. `https://github.com/0xFelix/gitops-demo`. */
  repoUrl: string;
  /** `kubevirtGitops.gitops.repoUrl` (true) or one of `adoptedRepositories`. */
  primary: boolean;
}

export interface DiscoveryConfig {
  /** The primary repository (`kubevirtGitops.gitops.repoUrl`). */
  repository: GitopsRepository;
  baseBranch: string;
  /**
   * Every repository read, the primary one first, then
   * `kubevirtGitops.gitops.adoptedRepositories` in order (a VM name found in
   * two is shown from the first).
   */
  repositories: DiscoveryRepository[];
  /** `kubevirtGitops.discovery.defaultOwner`, as written (an entity ref). */
  defaultOwner: string;
  /** `kubevirtGitops.discovery.system`, as written. */
  system?: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/**
 * Every 5 minutes, at most 3 minutes a run.
 *
 * @public
 */
export const DEFAULT_DISCOVERY_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 5 },
    timeout: { minutes: 3 },
  };

const KEY = 'kubevirtGitops.discovery';

function checkedRef(
  value: string,
  key: string,
  defaultKind: string,
  kinds: readonly string[],
): string {
  let kind: string;
  try {
    kind = parseEntityRef(value, {
      defaultKind,
      defaultNamespace: 'default',
    }).kind.toLocaleLowerCase('en-US');
  } catch (error) {
    throw new InputError(
      `${key} must be an entity ref such as ${defaultKind}:default/name, not "${value}": ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
  if (!kinds.includes(kind)) {
    throw new InputError(
      `${key} must name a ${kinds.join(' or ')}, not a ${kind} ("${value}")`,
    );
  }
  return value;
}

/**
 * The discovery configuration, or undefined when `kubevirtGitops.discovery`
 * is absent (discovery off).
 *
 * @public
 */
export function readDiscoveryConfig(
  config: Config,
): DiscoveryConfig | undefined {
  if (!config.has(KEY)) return undefined;

  const repoUrl = config.getOptionalString('kubevirtGitops.gitops.repoUrl');
  if (!repoUrl) {
    throw new InputError(
      `${KEY} is present but kubevirtGitops.gitops.repoUrl is not set: discovery reads the VMs of that repository. Set it (e.g. https://github.com/acme/vm-gitops) or remove ${KEY}.`,
    );
  }
  const repository = parseGitopsRepoUrl(repoUrl);
  if (!repository) {
    throw new InputError(
      `kubevirtGitops.gitops.repoUrl must be a repository URL such as https://github.com/acme/vm-gitops, not "${repoUrl}"`,
    );
  }
  const baseBranch =
    config.getOptionalString('kubevirtGitops.gitops.baseBranch') ?? 'main';
  const repositories: DiscoveryRepository[] = [
    { repository, baseBranch, repoUrl, primary: true },
  ];
  const seen = new Set([gitopsRepositoryKey(repository)]);
  (
    config.getOptionalConfigArray(
      'kubevirtGitops.gitops.adoptedRepositories',
    ) ?? []
  ).forEach((adopted, index) => {
    const key = `kubevirtGitops.gitops.adoptedRepositories[${index}]`;
    const adoptedUrl = adopted.getString('repoUrl');
    const parsed = parseGitopsRepoUrl(adoptedUrl);
    if (!parsed) {
      throw new InputError(
        `${key}.repoUrl must be a repository URL such as https://github.com/acme/vm-gitops, not "${adoptedUrl}"`,
      );
    }
    if (seen.has(gitopsRepositoryKey(parsed))) {
      throw new InputError(
        `${key}.repoUrl: ${adoptedUrl} is configured twice (as repoUrl or another adopted repository); list each repository once`,
      );
    }
    seen.add(gitopsRepositoryKey(parsed));
    repositories.push({
      repository: parsed,
      baseBranch: adopted.getOptionalString('baseBranch') ?? 'main',
      repoUrl: adoptedUrl,
      primary: false,
    });
  });

  const defaultOwner = config.getOptionalString(`${KEY}.defaultOwner`);
  if (!defaultOwner) {
    throw new InputError(
      `${KEY}.defaultOwner is required when ${KEY} is present: the owner of the discovered VMs that the repository's CODEOWNERS does not name, e.g. group:default/platform-team`,
    );
  }
  const system = config.getOptionalString(`${KEY}.system`);

  let schedule = DEFAULT_DISCOVERY_SCHEDULE;
  if (config.has(`${KEY}.schedule`)) {
    try {
      schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(`${KEY}.schedule`),
      );
    } catch (error) {
      throw new InputError(
        `${KEY}.schedule is not a schedule (e.g. { frequency: { minutes: 5 }, timeout: { minutes: 3 } }): ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }

  return {
    repository,
    baseBranch,
    repositories,
    defaultOwner: checkedRef(defaultOwner, `${KEY}.defaultOwner`, 'group', [
      'group',
      'user',
    ]),
    system:
      system === undefined
        ? undefined
        : checkedRef(system, `${KEY}.system`, 'system', ['system']),
    schedule,
  };
}
