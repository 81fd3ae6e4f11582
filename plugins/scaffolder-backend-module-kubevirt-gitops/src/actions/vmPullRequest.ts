/*
 * The kubevirt:vm:pull-request action: one VM operation (create,
 * set-run-strategy, resize, decommission) becomes one pull request in the
 * GitOps repository.
 *
 * The zod schemas (converted to JSON schema for the template editor) state
 * the shape, with a description on every field; the rules (names,
 * quantities, SSH keys, limits, images) are checked by the handler, before
 * any GitHub call, with InputErrors that name the field and the rule.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
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
  type EnvironmentClustersFetcher,
  type GithubClientFactory,
} from '@internal/plugin-kubevirt-gitops-node';
import { vmOperations } from '@internal/plugin-kubevirt-gitops-common';
import { examples } from './vmPullRequest.examples';
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

const RUN_STRATEGY =
  'Run strategy: Always (running), Halted (stopped), Manual or RerunOnFailure';

function sizeSchema(z: Zod) {
  return z
    .object({
      instancetype: z
        .string()
        .describe('A common KubeVirt instancetype, e.g. u1.medium')
        .optional(),
      vcpus: z
        .number()
        .describe('Custom size: number of vCPUs (with memory)')
        .optional(),
      memory: z
        .string()
        .describe('Custom size: memory as a quantity, e.g. 8Gi (with vcpus)')
        .optional(),
    })
    .passthrough()
    .describe('Size: an instancetype, or custom vcpus and memory');
}

function requestSchema(z: Zod) {
  return z
    .object({
      name: z
        .string()
        .describe(
          'Base name of the VM (a DNS label); each environment renders <namePrefix><name>',
        ),
      namespace: z
        .string()
        .describe('Namespace of the VM on the managed clusters'),
      owner: z
        .string()
        .describe(
          'Entity ref of the owning group or user, e.g. group:default/team-a',
        ),
      environments: z
        .array(z.string())
        .describe('Configured environments to deploy to, e.g. ["dev", "prod"]'),
      size: sizeSchema(z),
      preference: z
        .string()
        .describe(
          "KubeVirt preference (OS), e.g. fedora; defaults to the image's",
        )
        .optional(),
      bootSource: z
        .object({
          image: z
            .string()
            .describe('Id of an image of the configured catalog')
            .optional(),
          containerDisk: z
            .string()
            .describe(
              'A container disk image, e.g. quay.io/containerdisks/fedora:42',
            )
            .optional(),
        })
        .passthrough()
        .describe('Boot source: a catalog image id or a container disk image'),
      rootDiskSize: z
        .string()
        .describe('Root disk size as a quantity, e.g. 30Gi'),
      runStrategy: z.string().describe(RUN_STRATEGY),
      sshKeys: z
        .array(z.string())
        .describe('SSH public keys (contents of .pub files), one per entry'),
      purpose: z.string().describe('One line saying what the VM is for'),
      description: z
        .string()
        .describe('Longer description (multi-line)')
        .optional(),
      overrides: z
        .record(
          z
            .object({
              size: sizeSchema(z).optional(),
              runStrategy: z.string().describe(RUN_STRATEGY).optional(),
            })
            .passthrough()
            .describe('What this environment does differently'),
        )
        .describe(
          'Per-environment size or run strategy, keyed by environment name',
        )
        .optional(),
    })
    .passthrough()
    .describe('The VM request (operation create)');
}

/** Input fields of kubevirt:vm:pull-request. */
const inputSchema = {
  operation: (z: Zod) =>
    z
      .enum(vmOperations)
      .describe(
        'What the pull request does: create a VM, set its run strategy (start/stop), resize it, or decommission it',
      ),
  request: (z: Zod) => requestSchema(z).optional(),
  vmName: (z: Zod) =>
    z
      .string()
      .describe('Base name of an existing VM (operations other than create)')
      .optional(),
  gitopsPath: (z: Zod) =>
    z
      .string()
      .describe(
        "The VM's folder in the GitOps repository, e.g. applicationsets/demo-vm (its kubevirt-gitops.io/gitops-path annotation): for VMs not in the configured layout, such as the seed's; the layout is discovered from the folder's ApplicationSet and kustomizations",
      )
      .optional(),
  gitopsRepoUrl: (z: Zod) =>
    z
      .string()
      .describe(
        'The GitOps repository holding the VM (its kubevirt-gitops.io/gitops-repo annotation), when it is one of kubevirtGitops.gitops.adoptedRepositories; the configured repoUrl when absent. New VMs (create) are written only to repoUrl',
      )
      .optional(),
  runStrategy: (z: Zod) =>
    z
      .string()
      .describe(`${RUN_STRATEGY} (operation set-run-strategy)`)
      .optional(),
  size: (z: Zod) => sizeSchema(z).optional(),
  environments: (z: Zod) =>
    z
      .array(z.string())
      .describe(
        'Environments to change (set-run-strategy, resize) or to remove the VM from (decommission); every environment of the VM when absent',
      )
      .optional(),
  reason: (z: Zod) =>
    z
      .string()
      .describe('Why the VM goes, one line (operation decommission)')
      .optional(),
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
  logger?: LoggerService;
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

  return createTemplateAction({
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
}
