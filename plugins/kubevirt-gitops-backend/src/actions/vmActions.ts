/*
 * The plugin's actions in Backstage's actions registry (and so, through
 * @backstage/plugin-mcp-actions-backend, MCP tools for agents):
 *
 * - reads, from the same fleet snapshot as the routes (no upstream call per
 *   call; open pull requests come through the same TTL cache as the tab);
 * - writes that only ever open pull requests, never touching a cluster:
 *   the same validation, writer and idempotency as the scaffolder action
 *   (`createRepositoryWriters` of the node package), with `dryRun`.
 *
 * Authorization is checked inside every action, before anything else: the
 * family's basic permission (also the action's `visibilityPermission`), then
 * for an entity `kubevirt-gitops.vm.read` on it; an entity the caller may not
 * read, or cannot see in the catalog, is "not found" (no existence leak).
 * Every write emits an auditor event with the caller, the entity and the PR.
 */
import type {
  AuditorService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type {
  ActionsRegistryActionOptions,
  ActionsRegistryService,
} from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  kubevirtGitopsFleetReadPermission,
  kubevirtGitopsVmPullRequestCreatePermission,
  kubevirtGitopsVmReadPermission,
  readVmAnnotations,
  VM_REQUEST_EVENT_TOPIC,
  vmFolderOf,
  type FleetResponse,
  type GitopsConfig,
  type VmAnnotations,
} from '@internal/plugin-kubevirt-gitops-common';
import {
  checkVmOperationInput,
  vmRequestEventOf,
  type RepositoryWriters,
  type VmPullRequestOutcome,
} from '@internal/plugin-kubevirt-gitops-node';
import type { FleetViews } from '../fleet/FleetViews';
import type { PullRequestReader } from '@internal/plugin-kubevirt-gitops-node';
import { toVmPullRequest } from '../github/toVmPullRequest';
import type { VmStatusService } from '../vm/VmStatusService';

/**
 * The zod the actions registry hands to schema functions (its own copy:
 * naming another zod here would make the compiler compare two zods).
 */
type Zod = Parameters<
  ActionsRegistryActionOptions<any, any>['schema']['input']
>[0];

/** What the actions need. */
export interface VmActionsOptions {
  registry: ActionsRegistryService;
  permissions: PermissionsService;
  catalog: CatalogService;
  auditor: AuditorService;
  views: FleetViews;
  vms: VmStatusService;
  pullRequests?: PullRequestReader;
  gitops?: GitopsConfig;
  /** Absent when `kubevirtGitops.gitops` is not configured: writes explain it. */
  writers?: RepositoryWriters;
  /** Where an opened pull request is announced (`kubevirt-gitops.vm-request`). */
  events?: Pick<EventsService, 'publish'>;
  logger: LoggerService;
}

/** Names of the registered actions (tools are `kubevirt-gitops.<name>`). */
export const VM_ACTION_NAMES = [
  'get-vm-status',
  'list-vm-pull-requests',
  'get-fleet',
  'list-environments',
  'request-vm',
  'set-vm-run-strategy',
  'resize-vm',
  'decommission-vm',
] as const;

/** Who asked, as the pull request body and the audit log say it. */
function callerOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service:${principal.subject}`;
  }
  return String(principal.type ?? 'unknown');
}

/** The normalized entity ref; InputError naming the field when malformed. */
function entityRefOf(value: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'resource',
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new InputError(
      `entityRef: must be an entity ref such as resource:default/my-vm, not "${value}"`,
    );
  }
}

/** Registers every action. */
export function registerVmActions(options: VmActionsOptions): void {
  const { registry, permissions, catalog, auditor, views, vms } = options;

  async function requireBasic(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<void> {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  }

  /**
   * The VM entity the caller may read, with its annotations: not visible in
   * the catalog, or kubevirt-gitops.vm.read denied → the same NotFoundError.
   */
  async function readableVm(
    credentials: BackstageCredentials,
    rawRef: string,
  ): Promise<{ entityRef: string; annotations: VmAnnotations }> {
    const entityRef = entityRefOf(rawRef);
    const notFound = new NotFoundError(
      `Entity ${entityRef} not found (or not readable by ${callerOf(
        credentials,
      )})`,
    );
    const [decision] = await permissions.authorize(
      [{ permission: kubevirtGitopsVmReadPermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) throw notFound;
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw notFound;
    const annotations = readVmAnnotations(entity);
    if (!annotations.ok) {
      throw new InputError(
        `Entity ${entityRef} is not a VM kubevirt-gitops knows: ${annotations.problems
          .map(problem => problem.message)
          .join(' ')}`,
      );
    }
    return { entityRef, annotations: annotations.annotations };
  }

  // ---- reads ---------------------------------------------------------------

  registry.register({
    name: 'get-vm-status',
    title: 'VM state per cluster',
    description:
      "The VM of a catalog entity on every cluster it is deployed to: the VM's own state (Running, Stopped as declared, ErrorUnschedulable, …) and whether it is exact or approximate, ArgoCD sync and health, the cluster's availability. From the fleet snapshot: no upstream call.",
    attributes: { readOnly: true, destructive: false, idempotent: true },
    visibilityPermission: kubevirtGitopsFleetReadPermission,
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('The VM entity, e.g. resource:default/demo-vm'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          vmName: z.string(),
          clusters: z.array(
            z.object({
              cluster: z.string(),
              environment: z.string().optional(),
              clusterAvailability: z.string(),
              state: z.string(),
              certainty: z.string().optional(),
              desiredRunStrategy: z.string().optional(),
              sync: z.string(),
              health: z.string(),
              message: z.string().optional(),
            }),
          ),
          errors: z.array(
            z.object({ source: z.string(), message: z.string() }),
          ),
          generatedAt: z.string(),
        }),
    },
    action: async ({ input, credentials }) => {
      await requireBasic(credentials, kubevirtGitopsFleetReadPermission);
      const { entityRef, annotations } = await readableVm(
        credentials,
        input.entityRef,
      );
      const status = await vms.getSnapshotStatus(entityRef, annotations);
      return {
        output: {
          entityRef,
          vmName: status.vmName,
          clusters: status.rows.map(row => ({
            cluster: row.cluster,
            ...(row.environment ? { environment: row.environment } : {}),
            clusterAvailability: row.clusterAvailability,
            state: row.derived.label,
            ...(row.derived.certainty
              ? { certainty: row.derived.certainty }
              : {}),
            ...(row.desiredRunStrategy
              ? { desiredRunStrategy: row.desiredRunStrategy }
              : {}),
            sync: row.sync.status,
            health: row.health.status,
            ...(row.message ? { message: row.message } : {}),
          })),
          errors: status.errors.map(({ source, message }) => ({
            source,
            message,
          })),
          generatedAt: status.generatedAt,
        },
      };
    },
  });

  registry.register({
    name: 'list-vm-pull-requests',
    title: 'Pending pull requests of a VM',
    description:
      "The open pull requests that touch the VM's folder in its GitOps repository (start, stop, resize, decommission waiting for review).",
    attributes: { readOnly: true, destructive: false, idempotent: true },
    visibilityPermission: kubevirtGitopsFleetReadPermission,
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('The VM entity, e.g. resource:default/demo-vm'),
        }),
      output: z =>
        z.object({
          pullRequests: z.array(
            z.object({
              number: z.number(),
              title: z.string(),
              url: z.string(),
              operation: z.string().optional(),
              author: z.string().optional(),
              createdAt: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await requireBasic(credentials, kubevirtGitopsFleetReadPermission);
      const { annotations } = await readableVm(credentials, input.entityRef);
      const reader = options.pullRequests;
      if (!reader) {
        throw new InputError(
          'kubevirtGitops.gitops is not configured: there is no GitOps repository to read pull requests from',
        );
      }
      const pulls = await reader.touching(
        vmFolderOf(options.gitops?.layout, annotations),
        annotations.gitopsRepo,
      );
      return {
        output: {
          pullRequests: pulls.map(toVmPullRequest).map(pull => ({
            number: pull.number,
            title: pull.title,
            url: pull.url,
            ...(pull.operation ? { operation: pull.operation } : {}),
            ...(pull.author ? { author: pull.author } : {}),
            createdAt: pull.createdAt,
          })),
        },
      };
    },
  });

  registry.register({
    name: 'get-fleet',
    title: 'Managed clusters of the fleet',
    description:
      'Every managed cluster: environment, OCM availability, cluster sets, Kubernetes version, allocatable capacity, the virtualization stack (KubeVirt, CDI) and VM counts. From the fleet snapshot: no upstream call. Filters are optional.',
    attributes: { readOnly: true, destructive: false, idempotent: true },
    visibilityPermission: kubevirtGitopsFleetReadPermission,
    schema: {
      input: z =>
        z.object({
          environment: z
            .string()
            .describe('Only clusters of this environment, e.g. dev')
            .optional(),
          availability: z
            .enum(['available', 'unavailable', 'unreachable', 'unknown'])
            .describe('Only clusters with this OCM availability')
            .optional(),
          clusterSet: z
            .string()
            .describe('Only clusters of this ManagedClusterSet')
            .optional(),
        }),
      output: z =>
        z.object({
          clusters: z.array(
            z.object({
              name: z.string(),
              environment: z.string().optional(),
              availability: z.string(),
              clusterSets: z.array(z.string()),
              kubernetesVersion: z.string().optional(),
              allocatable: z.object({
                cpu: z.number().optional(),
                memory: z.number().optional(),
                kvm: z.number().optional(),
              }),
              virtualizationStack: z.array(
                z.object({ name: z.string(), health: z.string().optional() }),
              ),
              vmCounts: z.record(z.number()),
            }),
          ),
          errors: z.array(
            z.object({ source: z.string(), message: z.string() }),
          ),
          generatedAt: z.string(),
        }),
    },
    action: async ({ input, credentials }) => {
      await requireBasic(credentials, kubevirtGitopsFleetReadPermission);
      const fleet = JSON.parse(
        (await views.fleet(input.clusterSet)).body.toString('utf8'),
      ) as FleetResponse;
      const clusters = fleet.clusters.filter(
        cluster =>
          (!input.environment || cluster.environment === input.environment) &&
          (!input.availability || cluster.availability === input.availability),
      );
      return {
        output: {
          clusters: clusters.map(cluster => ({
            name: cluster.name,
            ...(cluster.environment
              ? { environment: cluster.environment }
              : {}),
            availability: cluster.availability,
            clusterSets: cluster.clusterSets,
            ...(cluster.kubernetesVersion
              ? { kubernetesVersion: cluster.kubernetesVersion }
              : {}),
            allocatable: {
              ...(cluster.allocatable.cpu === undefined
                ? {}
                : { cpu: cluster.allocatable.cpu }),
              ...(cluster.allocatable.memory === undefined
                ? {}
                : { memory: cluster.allocatable.memory }),
              ...(cluster.allocatable.kvm === undefined
                ? {}
                : { kvm: cluster.allocatable.kvm }),
            },
            virtualizationStack: cluster.virtualizationStack.map(app => ({
              name: app.name,
              ...(app.health ? { health: String(app.health) } : {}),
            })),
            vmCounts: cluster.vmCounts as Record<string, number>,
          })),
          errors: fleet.errors.map(({ source, message }) => ({
            source,
            message,
          })),
          generatedAt: fleet.generatedAt,
        },
      };
    },
  });

  registry.register({
    name: 'list-environments',
    title: 'Environments, their clusters and free capacity',
    description:
      'The configured environments (dev, prod, …) with their clusters, how many can take a new VM, the free capacity (an upper bound) and the per-VM limits. From the fleet snapshot: no upstream call.',
    attributes: { readOnly: true, destructive: false, idempotent: true },
    visibilityPermission: kubevirtGitopsFleetReadPermission,
    schema: {
      input: z => z.object({}),
      output: z =>
        z.object({
          environments: z.array(
            z.object({
              name: z.string(),
              title: z.string(),
              clusters: z.array(
                z.object({ name: z.string(), availability: z.string() }),
              ),
              availableClusters: z.number(),
              freeCapacity: z.object({ cpu: z.number(), memory: z.number() }),
              limits: z.record(z.union([z.string(), z.number()])),
            }),
          ),
        }),
    },
    action: async ({ credentials }) => {
      await requireBasic(credentials, kubevirtGitopsFleetReadPermission);
      const { environments } = await views.environments();
      return {
        output: {
          environments: environments.map(environment => ({
            name: environment.name,
            title: environment.title,
            clusters: environment.clusters.map(cluster => ({
              name: cluster.name,
              availability: cluster.availability,
            })),
            availableClusters: environment.availableClusters,
            freeCapacity: environment.freeCapacity,
            limits: Object.fromEntries(
              Object.entries(environment.limits).filter(
                ([, value]) =>
                  typeof value === 'string' || typeof value === 'number',
              ),
            ) as Record<string, string | number>,
          })),
        },
      };
    },
  });

  // ---- writes: pull requests only -----------------------------------------

  const writeOutput = (z: Zod) =>
    z.object({
      pullRequestUrl: z
        .string()
        .describe('The pull request (absent on a dry run)')
        .optional(),
      pullRequestNumber: z.number().optional(),
      reused: z
        .boolean()
        .describe('An identical open pull request was returned')
        .optional(),
      dryRun: z.boolean(),
      branch: z.string(),
      repository: z.string(),
      entityRef: z.string(),
      files: z.array(z.object({ path: z.string(), change: z.string() })),
      rendered: z
        .array(
          z.object({
            environment: z.string().optional(),
            object: z.string(),
            fields: z.array(z.string()),
          }),
        )
        .describe(
          'What kubectl kustomize renders differently after the change, per environment',
        ),
      verification: z.string(),
      requestedBy: z.string(),
      warnings: z.array(z.string()),
    });

  type WriteInput = {
    operation: 'create' | 'set-run-strategy' | 'resize' | 'decommission';
    entityRef?: string;
    dryRun?: boolean;
    fields: Record<string, unknown>;
  };

  /** The pull request is open whatever happens here: a failure is logged. */
  async function announceRequest(
    payload: ReturnType<typeof vmRequestEventOf>,
  ): Promise<void> {
    if (!payload || !options.events) return;
    try {
      await options.events.publish({
        topic: VM_REQUEST_EVENT_TOPIC,
        eventPayload: payload,
      });
    } catch (error) {
      options.logger.warn('Could not publish the VM request event', {
        pullRequest: payload.pullRequest.url,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  async function openPullRequest(
    credentials: BackstageCredentials,
    input: WriteInput,
  ) {
    // Authorization first: a denied caller costs no catalog read, no GitHub call.
    await requireBasic(
      credentials,
      kubevirtGitopsVmPullRequestCreatePermission,
    );
    const caller = callerOf(credentials);
    let target: { entityRef?: string; annotations?: VmAnnotations } = {};
    if (input.entityRef !== undefined) {
      target = await readableVm(credentials, input.entityRef);
    }
    const writers = options.writers;
    if (!writers || !options.gitops) {
      throw new InputError(
        'kubevirtGitops.gitops is not configured: set repoUrl, environments (with limits) and images in app-config.yaml',
      );
    }
    const annotations = target.annotations;
    const operation = checkVmOperationInput(
      {
        operation: input.operation,
        ...(annotations
          ? {
              vmName: annotations.vmName,
              ...(annotations.gitopsPath
                ? { gitopsPath: annotations.gitopsPath }
                : {}),
            }
          : {}),
        ...input.fields,
      },
      options.gitops,
    );
    const writer = writers.targetOf({
      operation: input.operation,
      gitopsRepoUrl: annotations?.gitopsRepo,
    });
    const event = await auditor.createEvent({
      eventId: 'vm-pull-request',
      severityLevel: input.dryRun ? 'low' : 'medium',
      meta: {
        actor: caller,
        operation: input.operation,
        entityRef: target.entityRef ?? null,
        repository: writer.configured.repoUrl,
        dryRun: Boolean(input.dryRun),
      },
    });
    let outcome: VmPullRequestOutcome;
    try {
      outcome = await writer.writer.openPullRequest({
        operation,
        requester: caller,
        dryRun: Boolean(input.dryRun),
      });
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
    await announceRequest(
      vmRequestEventOf({
        outcome,
        operation,
        repoUrl: writer.configured.repoUrl,
        ...(caller.startsWith('user:') ? { requester: caller } : {}),
      }),
    );
    await event.success({
      meta: {
        entityRef: outcome.changeSet.entityRef,
        pullRequest: outcome.pullRequest?.url ?? null,
        reused: outcome.pullRequest?.reused ?? false,
      },
    });
    const verification = outcome.changeSet.verification;
    return {
      output: {
        ...(outcome.pullRequest
          ? {
              pullRequestUrl: outcome.pullRequest.url,
              pullRequestNumber: outcome.pullRequest.number,
              reused: outcome.pullRequest.reused,
            }
          : {}),
        dryRun: Boolean(input.dryRun),
        branch: outcome.changeSet.branch,
        repository: writer.configured.repoUrl,
        entityRef: outcome.changeSet.entityRef,
        files: outcome.changeSet.files.map(file => ({
          path: file.path,
          change: 'deleted' in file ? 'delete' : 'write',
        })),
        rendered:
          'verdict' in verification
            ? verification.verdict.changes.map(change => ({
                ...(change.environment
                  ? { environment: change.environment }
                  : {}),
                object: change.object,
                fields: change.fields,
              }))
            : [],
        verification:
          'verdict' in verification
            ? `verified with ${verification.verdict.command}: ${verification.verdict.directories.length} kustomizations rendered before and after`
            : `not verified: ${verification.notRun}`,
        requestedBy: caller,
        warnings: outcome.warnings,
      },
    };
  }

  /** The environments asked; none (or an empty list) means every one of the VM's. */
  const someEnvironments = (environments?: string[]) =>
    environments?.length ? { environments } : {};

  const dryRun = (z: Zod) =>
    z
      .boolean()
      .describe('Plan and render only: return the change, open nothing')
      .optional();
  const environments = (z: Zod) =>
    z
      .array(z.string())
      .describe("Environments to change; every one of the VM's when absent")
      .optional();
  const entityRefField = (z: Zod) =>
    z.string().describe('The VM entity, e.g. resource:default/demo-vm');
  const sizeField = (z: Zod) =>
    z
      .object({
        instancetype: z
          .string()
          .describe('A common instancetype, e.g. u1.medium')
          .optional(),
        vcpus: z
          .number()
          .describe('Custom size: vCPUs (with memory)')
          .optional(),
        memory: z
          .string()
          .describe('Custom size: memory, e.g. 8Gi (with vcpus)')
          .optional(),
      })
      .describe('An instancetype, or vcpus and memory');

  registry.register({
    name: 'request-vm',
    title: 'Request a new VM (opens a pull request)',
    description:
      'Opens a pull request in the GitOps repository that adds a VM to the environments asked (a Kustomize overlay per environment), for the platform team to review. Nothing reaches a cluster until it is merged. Same fields and rules as the request-vm template; dryRun returns the plan.',
    attributes: { destructive: false, readOnly: false, idempotent: true },
    visibilityPermission: kubevirtGitopsVmPullRequestCreatePermission,
    schema: {
      input: z =>
        z.object({
          request: z
            .object({
              name: z.string().describe('Base name, a DNS label'),
              namespace: z.string().describe('Namespace on the clusters'),
              owner: z
                .string()
                .describe('Owning group or user, e.g. group:default/team-a'),
              environments: z.array(z.string()),
              size: sizeField(z),
              bootSource: z
                .object({
                  image: z
                    .string()
                    .describe('Id of a catalog image, e.g. fedora')
                    .optional(),
                  containerDisk: z.string().optional(),
                })
                .describe('A catalog image id or a container disk'),
              rootDiskSize: z.string().describe('e.g. 30Gi'),
              runStrategy: z.string().describe('Always or Halted'),
              sshKeys: z
                .array(z.string())
                .describe('SSH public keys (never private keys or passwords)'),
              purpose: z.string().describe('One line: what the VM is for'),
              description: z.string().optional(),
              preference: z.string().optional(),
            })
            .passthrough(),
          dryRun: dryRun(z),
        }),
      output: writeOutput,
    },
    action: async ({ input, credentials }) =>
      openPullRequest(credentials, {
        operation: 'create',
        dryRun: input.dryRun,
        fields: { request: input.request },
      }),
  });

  registry.register({
    name: 'set-vm-run-strategy',
    title: 'Start or stop a VM (opens a pull request)',
    description:
      "Opens a pull request that sets the VM's runStrategy (Always = start, Halted = stop) in the overlays of the environments asked, in the VM's own layout. Never patches a cluster.",
    attributes: { destructive: false, readOnly: false, idempotent: true },
    visibilityPermission: kubevirtGitopsVmPullRequestCreatePermission,
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefField(z),
          runStrategy: z
            .string()
            .describe('Always (start), Halted (stop), Manual, RerunOnFailure'),
          environments: environments(z),
          dryRun: dryRun(z),
        }),
      output: writeOutput,
    },
    action: async ({ input, credentials }) =>
      openPullRequest(credentials, {
        operation: 'set-run-strategy',
        entityRef: input.entityRef,
        dryRun: input.dryRun,
        fields: {
          runStrategy: input.runStrategy,
          ...someEnvironments(input.environments),
        },
      }),
  });

  registry.register({
    name: 'resize-vm',
    title: 'Resize a VM (opens a pull request)',
    description:
      'Opens a pull request that changes the VM size (instancetype, or vCPUs and memory) where it is set for each environment asked, keeping the patch style the repository uses.',
    attributes: { destructive: false, readOnly: false, idempotent: true },
    visibilityPermission: kubevirtGitopsVmPullRequestCreatePermission,
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefField(z),
          size: sizeField(z),
          environments: environments(z),
          dryRun: dryRun(z),
        }),
      output: writeOutput,
    },
    action: async ({ input, credentials }) =>
      openPullRequest(credentials, {
        operation: 'resize',
        entityRef: input.entityRef,
        dryRun: input.dryRun,
        fields: {
          size: input.size,
          ...someEnvironments(input.environments),
        },
      }),
  });

  registry.register({
    name: 'decommission-vm',
    title: 'Decommission a VM (opens a pull request)',
    description:
      'Opens a pull request that removes the VM from the environments asked, or the whole VM (its folder, ApplicationSet included) when all are asked. Destructive once merged.',
    attributes: { destructive: true, readOnly: false, idempotent: true },
    visibilityPermission: kubevirtGitopsVmPullRequestCreatePermission,
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefField(z),
          reason: z.string().describe('Why the VM goes, one line'),
          environments: environments(z),
          dryRun: dryRun(z),
        }),
      output: writeOutput,
    },
    action: async ({ input, credentials }) =>
      openPullRequest(credentials, {
        operation: 'decommission',
        entityRef: input.entityRef,
        dryRun: input.dryRun,
        fields: {
          reason: input.reason,
          ...someEnvironments(input.environments),
        },
      }),
  });
}
