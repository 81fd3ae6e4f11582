/*
 * The kubevirt:vm:pull-request action: one VM operation (create,
 * set-run-strategy, resize, decommission) becomes one pull request in the
 * GitOps repository.
 *
 * Its input schema is common's schemas of the operations (one contract,
 * with a description on every field); the scaffolder's JSON schema keeps
 * their shape, and the rules (names, quantities, SSH keys, limits, images)
 * are checked by the handler with those same schemas, before any GitHub
 * call, with InputErrors that name the field and the rule.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { EventsService } from '@backstage/plugin-events-node';
import type {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  checkVmOperationInput,
  createIntegrationClientFactory,
  createRepositoryWriters,
  readGitopsWriterConfig,
  vmRequestEventOf,
  type EnvironmentClustersFetcher,
  type GithubClientFactory,
} from '@internal/plugin-kubevirt-gitops-node';
import {
  VM_REQUEST_EVENT_TOPIC,
  vmOperationFieldSchemas,
  vmOperations,
} from '@internal/plugin-kubevirt-gitops-common';
import type { ZodArray, ZodOptional, ZodString, ZodUnknown } from 'zod/v3';
import { examples } from './vmPullRequest.examples';
import { shapeOnly } from './shapeOnly';
import { toOperationInput } from './operationInput';
import { actionOutputs } from './outputs';

type ActionSchemas = NonNullable<
  Parameters<typeof createTemplateAction>[0]['schema']
>;
type SchemaFunction = Extract<
  NonNullable<ActionSchemas['input']>,
  (zImpl: never) => unknown
>;
/** The zod the scaffolder hands to schema functions. */
type Zod = Parameters<SchemaFunction>[0];

/** The schema of an operation's field, its description saying which operations take it. */
function field<T extends { description?: string; describe(text: string): T }>(
  schema: T,
  operations: string,
): T {
  return schema.describe(
    schema.description
      ? `${schema.description} (${operations})`
      : `For ${operations}`,
  );
}

const fields = vmOperationFieldSchemas;

type Unknown = ZodOptional<ZodUnknown>;
type Text = ZodOptional<ZodString>;
type TextList = ZodOptional<ZodArray<ZodString>>;

/**
 * Common's schema as the scaffolder's zod types it: the same zod 3 API
 * (zod-to-json-schema reads either), from another copy of the package
 * (common's `zod` 3, the scaffolder's `zod/v3` of zod 4), whose types do
 * not unify. The handler reads the input as these loose types and validates
 * it with common's schemas.
 */
function scaffolderZod<T>(schema: unknown): T {
  return schema as T;
}

/**
 * Input fields of kubevirt:vm:pull-request: common's schemas of the
 * operations (`vmOperationFieldSchemas`), the one contract the handler also
 * validates with (`checkVmOperationInput`: every rule, each error naming the
 * field). The JSON schema the scaffolder checks before the handler runs is
 * reduced to the shape (`shapeOnly`), so that a broken rule is reported by
 * the handler's message, not by a generic JSON-schema one.
 */
const inputSchema = {
  operation: (z: Zod) =>
    z
      .enum(vmOperations)
      .describe(
        'What the pull request does: create a VM, set its run strategy (start/stop), resize it, or decommission it',
      ),
  request: () =>
    scaffolderZod<Unknown>(
      field(fields.request, 'operation create').optional(),
    ),
  vmName: () =>
    scaffolderZod<Text>(
      field(fields.vmName, 'operations other than create').optional(),
    ),
  gitopsPath: () =>
    scaffolderZod<Text>(
      field(
        fields.gitopsPath,
        "operations other than create; e.g. applicationsets/demo-vm for the seed's VM, whose layout is discovered from the folder's ApplicationSet and kustomizations",
      ).optional(),
    ),
  gitopsRepoUrl: (z: Zod) =>
    z
      .string()
      .describe(
        'The GitOps repository holding the VM (its kubevirt-gitops.io/gitops-repo annotation), when it is one of kubevirtGitops.gitops.adoptedRepositories; the configured repoUrl when absent. New VMs (create) are written only to repoUrl',
      )
      .optional(),
  runStrategy: () =>
    scaffolderZod<Text>(
      field(fields.runStrategy, 'operation set-run-strategy').optional(),
    ),
  size: () =>
    scaffolderZod<Unknown>(field(fields.size, 'operation resize').optional()),
  environments: () =>
    scaffolderZod<TextList>(
      fields.environments
        .describe(
          'Environments to change (set-run-strategy, resize) or to remove the VM from (decommission); every environment of the VM when absent',
        )
        .optional(),
    ),
  reason: () =>
    scaffolderZod<Text>(
      field(fields.reason, 'operation decommission').optional(),
    ),
};

/** Output fields of kubevirt:vm:pull-request. */
const outputSchema = {
  pullRequestUrl: (z: Zod) =>
    z
      .string()
      .describe('Link to the pull request (absent on a dry run)')
      .optional(),
  pullRequestNumber: (z: Zod) =>
    z
      .number()
      .describe('Number of the pull request (absent on a dry run)')
      .optional(),
  branch: (z: Zod) =>
    z
      .string()
      .describe('Branch of the pull request: kubevirt-gitops/<operation>/<vm>'),
  entityRef: (z: Zod) =>
    z
      .string()
      .describe(
        "Entity ref of the VM's catalog entity, e.g. resource:default/my-vm",
      ),
  catalogInfoUrl: (z: Zod) =>
    z
      .string()
      .describe(
        "URL of the VM's catalog-info.yaml on the base branch (for catalog:register once merged)",
      ),
  reused: (z: Zod) =>
    z
      .boolean()
      .describe(
        'True when an identical open pull request was returned instead of a new one',
      ),
  files: (z: Zod) =>
    z
      .array(
        z.object({
          path: z.string().describe('File path in the GitOps repository'),
          change: z
            .enum(['write', 'delete'])
            .describe('Whether the file is written or deleted'),
          content: z.string().describe('New content (for write)').optional(),
        }),
      )
      .describe('The files the pull request changes'),
  previews: (z: Zod) =>
    z
      .array(
        z.object({
          environment: z.string().describe('Environment name'),
          directory: z.string().describe('Overlay directory rendered'),
          manifests: z
            .string()
            .describe('Exactly what kubectl kustomize renders for it')
            .optional(),
          error: z.string().describe('Why it could not be rendered').optional(),
        }),
      )
      .describe('Rendered manifests per environment after the change'),
};

/**
 * Options of {@link createVmPullRequestAction}.
 *
 * @public
 */
export interface VmPullRequestActionOptions {
  /** Root config: `kubevirtGitops.gitops` and `app.baseUrl` are read once, here. */
  config: Config;
  integrations: ScmIntegrationRegistry;
  /** Defaults to DefaultGithubCredentialsProvider over `integrations`. */
  githubCredentialsProvider?: GithubCredentialsProvider;
  /** Replaces the GitHub client (tests, other credentials). */
  clientFactory?: GithubClientFactory;
  /** Clusters per environment for the pull request body. */
  environmentClusters?: EnvironmentClustersFetcher;
  /**
   * Where the opened pull request is announced (`kubevirt-gitops.vm-request`),
   * so the kubevirt-gitops backend tracks it and tells the requester.
   */
  events?: EventsService;
  logger?: LoggerService;
}

/**
 * Publishes the request event of an opened pull request (none on a dry
 * run). The pull request is open whatever happens here: a failure is a
 * warning, not a failed task.
 */
async function announceRequest(
  events: EventsService | undefined,
  logger: Pick<LoggerService, 'warn'>,
  request: Parameters<typeof vmRequestEventOf>[0],
): Promise<void> {
  const event = vmRequestEventOf(request);
  if (!events || !event) return;
  try {
    await events.publish({
      topic: VM_REQUEST_EVENT_TOPIC,
      eventPayload: event,
    });
  } catch (error) {
    logger.warn(
      `The pull request is open, but its request event was not published (no notifications for it): ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}

/**
 * Creates the kubevirt:vm:pull-request action. Throws at startup when
 * `kubevirtGitops.gitops` is present but invalid (naming the key).
 *
 * @public
 */
export function createVmPullRequestAction(options: VmPullRequestActionOptions) {
  const writerConfig = readGitopsWriterConfig(options.config);
  const clientFactory =
    options.clientFactory ??
    createIntegrationClientFactory({
      integrations: options.integrations,
      credentialsProvider: options.githubCredentialsProvider,
      logger: options.logger,
    });
  // One writer per configured repository (the primary one, where VMs are
  // created, and the adopted ones, whose existing VMs are operated).
  const writers = writerConfig
    ? createRepositoryWriters({
        writerConfig,
        clientFactory,
        environmentClusters: options.environmentClusters,
        logger: options.logger,
      })
    : undefined;

  const action = createTemplateAction({
    id: 'kubevirt:vm:pull-request',
    description:
      'Opens a pull request in the GitOps repository that creates a VM, starts or stops it, resizes it or decommissions it. Re-running the same request returns the same pull request.',
    examples,
    supportsDryRun: true,
    schema: { input: inputSchema, output: outputSchema },
    async handler(ctx) {
      if (!writerConfig || !writers) {
        throw new InputError(
          'kubevirtGitops.gitops is not configured: set repoUrl, environments (with limits) and images in app-config.yaml (see the README of @internal/plugin-kubevirt-gitops-node).',
        );
      }
      const target = writers.targetOf(ctx.input);
      const operation = checkVmOperationInput(
        toOperationInput(ctx.input),
        writerConfig.gitops,
      );
      const { writer, base } = target;
      const taskUrl = writerConfig.backstageBaseUrl
        ? `${writerConfig.backstageBaseUrl}/create/tasks/${ctx.task.id}`
        : undefined;
      const outcome = await writer.openPullRequest({
        operation,
        requester: ctx.user?.ref,
        taskUrl,
        dryRun: ctx.isDryRun,
        checkpoint: (key, fn) => ctx.checkpoint({ key, fn }),
      });
      await announceRequest(options.events, ctx.logger, {
        outcome,
        operation,
        repoUrl: target.configured.repoUrl,
        ...(ctx.user?.ref ? { requester: ctx.user.ref } : {}),
      });
      for (const [name, value] of Object.entries(
        actionOutputs(base, outcome),
      )) {
        if (value !== undefined) {
          ctx.output(name as keyof typeof outputSchema, value);
        }
      }
      for (const warning of outcome.warnings) {
        ctx.logger.warn(warning);
      }
      const verification = outcome.changeSet.verification;
      if ('notRun' in verification) {
        ctx.logger.warn(
          `Not verified: the overlays were not rendered (${verification.notRun}); the pull request body says so`,
        );
      } else {
        const { verdict } = verification;
        const changed = verdict.changes.map(
          change =>
            `${change.environment ?? change.directory} ${
              change.object
            } (${change.fields.join(', ')})`,
        );
        ctx.logger.info(
          `Verified with ${verdict.command}: ${
            verdict.directories.length
          } kustomizations rendered before and after; changed: ${
            changed.join('; ') || 'nothing'
          }; unchanged: ${verdict.unchanged.join(', ') || 'nothing'}`,
        );
      }
      ctx.logger.info(
        outcome.pullRequest
          ? `Pull request ${
              outcome.pullRequest.reused ? 'already open' : 'opened'
            }: ${outcome.pullRequest.url}`
          : `Dry run: ${outcome.changeSet.files.length} files for ${outcome.changeSet.branch}`,
      );
    },
  });
  return {
    ...action,
    schema: {
      ...action.schema,
      ...(action.schema?.input
        ? { input: shapeOnly(action.schema.input) }
        : {}),
    },
  };
}
