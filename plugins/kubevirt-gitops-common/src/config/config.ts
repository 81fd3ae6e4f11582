/*
 * zod schemas for the `kubevirtGitops.gitops` configuration and the parser
 * that fails fast with messages naming the config key.
 */
import { z } from 'zod';
import type {
  ConfiguredGitopsRepository,
  EnvironmentConfig,
  GitopsConfig,
  GitopsRepository,
  ImageCatalogEntry,
} from './configTypes';
import { checkImageReference } from '../request/imageReference';
import {
  checkDnsLabel,
  checkDnsSubdomain,
  checkLabelKey,
  checkLabelValue,
  checkMultilineText,
  checkSingleLineText,
} from '../request/textRules';
import { fromZodIssues, type ValidationResult } from '../request/validation';
import { checkedString, positiveQuantity } from '../request/zodRules';

/** The config key this schema describes. */
export const GITOPS_CONFIG_KEY = 'kubevirtGitops.gitops';

const dnsLabel = checkedString(checkDnsLabel, 63);
const repoUrlSchema = checkedString(
  value =>
    parseGitopsRepoUrl(value)
      ? undefined
      : 'must be a repository URL such as https://github.com/acme/vm-gitops',
  300,
);
const branchSchema = z
  .string()
  .regex(/^[A-Za-z0-9._/-]{1,200}$/, 'must be a branch name')
  .default('main');
const title = checkedString(value => checkSingleLineText(value, 100), 100);
const githubLogin = z
  .string()
  .regex(
    /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/,
    'must be a GitHub login',
  );
const githubTeamSlug = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,99}$/,
    'must be a GitHub team slug without the organisation, e.g. platform-team',
  );

/**
 * Schema of the layout setting.
 *
 * @public
 */
export const gitopsLayoutSchema = z.enum([
  'per-vm-applicationset',
  'shared-applicationset',
]);

const environmentLimitsSchema = z.object({
  maxVcpus: z.number().int().positive().max(1024),
  maxMemory: positiveQuantity('64Gi'),
  maxRootDisk: positiveQuantity('500Gi'),
  maxVmsPerRequest: z.number().int().positive().max(10000).optional(),
});

/**
 * Schema of one environment; applies the defaults for `clusterSelector`
 * (`{ env: name }`) and `namePrefix` (`<name>-`).
 *
 * @public
 */
export const environmentConfigSchema: z.ZodType<
  EnvironmentConfig,
  z.ZodTypeDef,
  unknown
> = z
  .object({
    name: dnsLabel,
    title: title.optional(),
    description: checkedString(
      value => checkMultilineText(value, 2000),
      2000,
    ).optional(),
    clusterSelector: z
      .record(
        checkedString(checkLabelKey, 317),
        checkedString(checkLabelValue, 63),
      )
      .optional(),
    namePrefix: z
      .string()
      .regex(
        /^([a-z0-9][-a-z0-9]{0,29})?$/,
        "must be empty or up to 30 lowercase letters, digits and '-', starting with a letter or digit",
      )
      .optional(),
    limits: environmentLimitsSchema,
    allowedImages: z.array(z.string().max(63)).max(200).optional(),
    reviewers: z.array(githubLogin).max(50).optional(),
    teamReviewers: z.array(githubTeamSlug).max(50).optional(),
  })
  .transform(environment => ({
    ...environment,
    clusterSelector: environment.clusterSelector ?? { env: environment.name },
    namePrefix: environment.namePrefix ?? `${environment.name}-`,
  }));

const imageSourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('dataSource'),
    name: checkedString(checkDnsSubdomain, 253),
    namespace: dnsLabel,
  }),
  z.object({
    kind: z.literal('containerDisk'),
    image: checkedString(checkImageReference, 512),
  }),
]);

/**
 * Schema of one image catalog entry.
 *
 * @public
 */
export const imageCatalogEntrySchema: z.ZodType<
  ImageCatalogEntry,
  z.ZodTypeDef,
  unknown
> = z.object({
  id: checkedString(checkDnsSubdomain, 63),
  title,
  preference: checkedString(checkDnsSubdomain, 63),
  source: imageSourceSchema,
});

/**
 * Parses a repository URL: `https://github.com/acme/vm-gitops(.git)` or the
 * scaffolder's `github.com?owner=acme&repo=vm-gitops`. Returns `undefined`
 * when it is neither.
 *
 * @public
 */
export function parseGitopsRepoUrl(url: string): GitopsRepository | undefined {
  const scaffolderStyle = /^([a-z0-9.-]+(?::\d+)?)\?(.*)$/i.exec(url);
  if (scaffolderStyle) {
    const params = new URLSearchParams(scaffolderStyle[2]);
    const owner = params.get('owner');
    const repo = params.get('repo');
    return owner && repo && isRepoPart(owner) && isRepoPart(repo)
      ? { host: scaffolderStyle[1], owner, repo }
      : undefined;
  }
  const https =
    /^https:\/\/([a-z0-9.-]+(?::\d+)?)\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/i.exec(
      url,
    );
  if (https && isRepoPart(https[2]) && isRepoPart(https[3])) {
    return { host: https[1], owner: https[2], repo: https[3] };
  }
  return undefined;
}

/**
 * The repository's web URL, `https://<host>/<owner>/<repo>` (what the GitHub
 * integration reads, and with `.git` what ArgoCD clones).
 *
 * @public
 */
export function gitopsRepoWebUrl(repository: GitopsRepository): string {
  return `https://${repository.host}/${repository.owner}/${repository.repo}`;
}

/**
 * A repository's identity for comparisons: `host/owner/repo`, lower case
 * (GitHub names are case-insensitive).
 *
 * @public
 */
export function gitopsRepositoryKey(repository: GitopsRepository): string {
  return `${repository.host}/${repository.owner}/${repository.repo}`.toLowerCase();
}

/**
 * Every configured GitOps repository: the primary one first, then the
 * adopted ones in configuration order.
 *
 * @public
 */
export function configuredGitopsRepositories(
  config: Pick<GitopsConfig, 'repoUrl' | 'baseBranch'> &
    Partial<Pick<GitopsConfig, 'adoptedRepositories'>>,
  configKey: string = GITOPS_CONFIG_KEY,
): ConfiguredGitopsRepository[] {
  const all: ConfiguredGitopsRepository[] = [];
  const add = (
    repoUrl: string,
    baseBranch: string,
    primary: boolean,
    key: string,
  ) => {
    const repository = parseGitopsRepoUrl(repoUrl);
    if (repository) {
      all.push({ repoUrl, baseBranch, repository, primary, configKey: key });
    }
  };
  add(config.repoUrl, config.baseBranch, true, `${configKey}.repoUrl`);
  (config.adoptedRepositories ?? []).forEach((adopted, index) =>
    add(
      adopted.repoUrl,
      adopted.baseBranch,
      false,
      `${configKey}.adoptedRepositories[${index}]`,
    ),
  );
  return all;
}

/**
 * The configured repository a URL names (any accepted spelling: with or
 * without `.git`, any case, the scaffolder's `host?owner=&repo=`), or
 * `undefined` when it is not configured.
 *
 * @public
 */
export function findConfiguredGitopsRepository(
  config: Pick<GitopsConfig, 'repoUrl' | 'baseBranch'> &
    Partial<Pick<GitopsConfig, 'adoptedRepositories'>>,
  repoUrl: string,
): ConfiguredGitopsRepository | undefined {
  const parsed = parseGitopsRepoUrl(repoUrl.trim());
  if (!parsed) return undefined;
  const key = gitopsRepositoryKey(parsed);
  return configuredGitopsRepositories(config).find(
    configured => gitopsRepositoryKey(configured.repository) === key,
  );
}

function isRepoPart(value: string): boolean {
  return /^[A-Za-z0-9._-]{1,100}$/.test(value) && !/^\.+$/.test(value);
}

/**
 * Schema of the whole `kubevirtGitops.gitops` configuration, with
 * cross-checks: unique environment names and image ids, `allowedImages`
 * naming catalog images.
 *
 * @public
 */
export const gitopsConfigSchema: z.ZodType<
  GitopsConfig,
  z.ZodTypeDef,
  unknown
> = z
  .object({
    repoUrl: repoUrlSchema,
    baseBranch: branchSchema,
    layout: gitopsLayoutSchema.default('per-vm-applicationset'),
    environments: z
      .array(environmentConfigSchema)
      .min(1, 'configure at least one environment')
      .max(50),
    images: z.array(imageCatalogEntrySchema).max(500).default([]),
    adoptedRepositories: z
      .array(z.object({ repoUrl: repoUrlSchema, baseBranch: branchSchema }))
      .max(50)
      .default([]),
  })
  .superRefine((config, ctx) => {
    const primary = parseGitopsRepoUrl(config.repoUrl);
    const seenRepositories = new Set(
      primary ? [gitopsRepositoryKey(primary)] : [],
    );
    config.adoptedRepositories.forEach((adopted, index) => {
      const parsed = parseGitopsRepoUrl(adopted.repoUrl);
      if (!parsed) return;
      const key = gitopsRepositoryKey(parsed);
      if (seenRepositories.has(key)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['adoptedRepositories', index, 'repoUrl'],
          message: `${adopted.repoUrl} is configured twice (as repoUrl or another adopted repository); list each repository once`,
        });
      }
      seenRepositories.add(key);
    });
    const seenEnvironments = new Set<string>();
    config.environments.forEach((environment, index) => {
      if (seenEnvironments.has(environment.name)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['environments', index, 'name'],
          message: `duplicate environment "${environment.name}"`,
        });
      }
      seenEnvironments.add(environment.name);
    });
    const imageIds = new Set<string>();
    config.images.forEach((image, index) => {
      if (imageIds.has(image.id)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['images', index, 'id'],
          message: `duplicate image id "${image.id}"`,
        });
      }
      imageIds.add(image.id);
    });
    config.environments.forEach((environment, envIndex) => {
      environment.allowedImages?.forEach((id, imageIndex) => {
        if (!imageIds.has(id)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['environments', envIndex, 'allowedImages', imageIndex],
            message: `unknown image "${id}"; the image catalog has: ${
              [...imageIds].join(', ') || '(none)'
            }`,
          });
        }
      });
    });
  });

/**
 * Validates raw configuration (e.g. `config.getOptional('kubevirtGitops.gitops')`)
 * without throwing; issue fields are full config keys.
 *
 * @public
 */
export function safeParseGitopsConfig(
  raw: unknown,
  configKey: string = GITOPS_CONFIG_KEY,
): ValidationResult<GitopsConfig> {
  const parsed = gitopsConfigSchema.safeParse(raw ?? {});
  if (parsed.success) {
    return { ok: true, value: parsed.data };
  }
  return { ok: false, issues: fromZodIssues(parsed.error.issues, configKey) };
}

/**
 * Validates raw configuration at startup; throws an `Error` listing every
 * problem with its full config key, e.g.
 * `kubevirtGitops.gitops.environments[1].limits.maxMemory: "64GB" is not a Kubernetes quantity`.
 *
 * @public
 */
export function parseGitopsConfig(
  raw: unknown,
  configKey: string = GITOPS_CONFIG_KEY,
): GitopsConfig {
  const result = safeParseGitopsConfig(raw, configKey);
  if (!result.ok) {
    const lines = result.issues.map(
      issue => `  ${issue.field}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.value;
}
