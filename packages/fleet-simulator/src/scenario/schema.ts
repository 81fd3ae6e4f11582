import path from 'node:path';
import { z } from 'zod';

const QUANTITY =
  /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const name = z
  .string()
  .regex(DNS_LABEL, 'must be a lowercase DNS label (a-z, 0-9, -)');
const port = z.number().int().min(0).max(65535);
const quantity = z
  .union([z.string(), z.number()])
  .transform(String)
  .refine(
    text => QUANTITY.test(text),
    'must be a Kubernetes quantity such as 64, 500m, 256Gi',
  );
const resources = z.record(quantity);
const availability = z.enum(['True', 'False', 'Unknown']);

const labelSelector = z
  .object({
    matchLabels: z.record(z.string()).optional(),
    matchExpressions: z
      .array(
        z
          .object({
            key: z.string().min(1),
            operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
            values: z.array(z.string()).optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

const cluster = z
  .object({
    name,
    clusterSet: z
      .string()
      .optional()
      .describe('ManagedClusterSet (exclusive label)'),
    env: z.string().optional().describe('the env label: dev, prod, ...'),
    labels: z.record(z.string()).optional(),
    availability: availability
      .default('True')
      .describe('Unknown = the agent stopped renewing its lease'),
    kubeVersion: z
      .string()
      .regex(/^v\d+\.\d+\.\d+/, 'must look like v1.30.4')
      .optional(),
    platform: z.string().optional(),
    product: z.string().optional(),
    capacity: resources.optional(),
    allocatable: resources.optional(),
    claims: z.record(z.string()).optional(),
    apiServerUrl: z.string().url().optional(),
    taints: z
      .array(
        z
          .object({
            key: z.string().min(1),
            value: z.string().optional(),
            effect: z.enum(['NoSelect', 'PreferNoSelect', 'NoSelectIfNew']),
          })
          .strict(),
      )
      .optional()
      .describe('spec.taints beside the availability taints the hub sets'),
    hubCluster: z
      .boolean()
      .optional()
      .describe('the hub itself (label local-cluster: "true")'),
    registration: z
      .enum(['joined', 'accepted', 'pending'])
      .optional()
      .describe(
        'joined (default); accepted: hubAcceptsClient true, no status yet; pending: not accepted',
      ),
    deleting: z
      .boolean()
      .optional()
      .describe('deletionTimestamp set, condition Deleting True'),
  })
  .strict();

const placement = z
  .object({
    name,
    namespace: name,
    clusterSets: z.array(z.string()).optional(),
    labelSelector: labelSelector.optional(),
    claimSelector: labelSelector
      .pick({ matchExpressions: true })
      .strict()
      .optional(),
    numberOfClusters: z.number().int().min(0).optional(),
    tolerations: z
      .array(
        z
          .object({
            key: z.string().optional(),
            operator: z.enum(['Exists', 'Equal']).optional(),
            value: z.string().optional(),
            effect: z
              .enum(['NoSelect', 'PreferNoSelect', 'NoSelectIfNew'])
              .optional(),
            tolerationSeconds: z.number().int().min(0).optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

/** A GitHub owner or repository name. */
const githubName = z
  .string()
  .regex(
    /^[A-Za-z0-9_.-]+$/,
    'must be a GitHub name (letters, digits, "-", "_", ".")',
  )
  .refine(text => text !== '.' && text !== '..', 'must not be "." or ".."');

/** A path inside a repository: relative, "/"-separated, without "." or ".." segments. */
const repositoryPath = z
  .string()
  .min(1)
  .refine(
    text =>
      !text.startsWith('/') &&
      !text.includes('\\') &&
      text
        .replace(/\/+$/, '')
        .split('/')
        .every(part => part !== '' && part !== '.' && part !== '..'),
    'must be a relative path inside the repository, such as applicationsets/demo-vm/',
  );

const repository = z
  .object({
    owner: githubName,
    repo: githubName,
    defaultBranch: z.string().min(1).default('main'),
    folder: z
      .string()
      .min(1)
      .optional()
      .describe('initial files, relative to the scenario file'),
    reference: z
      .string()
      .min(1)
      .refine(
        text => !path.isAbsolute(text),
        'must be a folder relative to the reference directory',
      )
      .optional()
      .describe(
        'initial files from this folder of the reference directory (startSimulator referenceDir, else KUBEVIRT_GITOPS_REFERENCE_DIR, else ../shared/reference beside the monorepo); the repository is not served when it is missing',
      ),
    exclude: z
      .array(repositoryPath)
      .default([])
      .describe(
        'files or folders (path prefixes) of folder/reference that are not loaded',
      ),
    files: z
      .record(z.string())
      .default({})
      .describe(
        'more initial files (path → content), over the folder or reference',
      ),
    applicationSets: z
      .array(repositoryPath)
      .optional()
      .describe(
        "only the ApplicationSets in these files are applied to ArgoCD (default: every *.yaml file's)",
      ),
  })
  .strict();

type RepositoryInput = z.output<typeof repository>;

function checkRepositories(
  scenario: {
    repository?: RepositoryInput;
    repositories?: RepositoryInput[];
  },
  context: z.RefinementCtx,
): void {
  const { repository: single, repositories: list } = scenario;
  if (!single && !list) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['repositories'],
      message:
        'Required: list the GitOps repositories (repositories:), or give one as repository:',
    });
    return;
  }
  if (list && list.length === 0) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['repositories'],
      message: 'must list at least one repository',
    });
    return;
  }
  if (
    single &&
    list &&
    `${single.owner}/${single.repo}`.toLowerCase() !==
      `${list[0].owner}/${list[0].repo}`.toLowerCase()
  ) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['repository'],
      message: `${single.owner}/${single.repo} is not repositories[0] (${list[0].owner}/${list[0].repo}): give repositories: alone, or repository: for its first entry`,
    });
  }
  const entries: Array<{
    entry: RepositoryInput;
    path: Array<string | number>;
  }> = list
    ? list.map((entry, index) => ({
        entry: index === 0 && single ? single : entry,
        path: ['repositories', index],
      }))
    : [{ entry: single as RepositoryInput, path: ['repository'] }];
  const seen = new Map<string, number>();
  entries.forEach(({ entry, path: at }, index) => {
    if (entry.folder !== undefined && entry.reference !== undefined) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: at,
        message: `${entry.owner}/${entry.repo}: give folder or reference, not both`,
      });
    }
    const key = `${entry.owner}/${entry.repo}`.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: [...at, 'repo'],
        message: `duplicate repository ${entry.owner}/${entry.repo}: repositories[${first}] is the same (owner/repo must be unique, case-insensitive)`,
      });
    } else {
      seen.set(key, index);
    }
  });
}

/** `repository:` is a one-element `repositories:`; both fields are set in the result. */
function normalizeRepositories<
  T extends { repository?: RepositoryInput; repositories?: RepositoryInput[] },
>(
  scenario: T,
): Omit<T, 'repository' | 'repositories'> & {
  /** The first of {@link repositories} (what one-repository callers read). */
  repository: RepositoryInput;
  /** Every repository of the scenario, in order. */
  repositories: RepositoryInput[];
} {
  const { repository: single, repositories: list, ...rest } = scenario;
  const repositories = single
    ? [single, ...(list ?? []).slice(1)]
    : [...(list ?? [])];
  return { ...rest, repository: repositories[0], repositories };
}

export const scenarioSchema = z
  .object({
    name: z.string().default('custom'),
    timeScale: z
      .number()
      .positive()
      .default(1)
      .describe('simulated time runs this many times faster'),
    seed: z
      .number()
      .int()
      .default(1)
      .describe(
        'seed of every random choice (fault error rates, generated fleets)',
      ),
    ports: z
      .object({
        control: port.default(7100),
        argocd: port.default(7101),
        hub: port.default(7102),
        github: port.default(7103),
      })
      .strict()
      .default({}),
    credentials: z
      .object({
        argocd: z
          .object({
            username: z.string().min(1),
            password: z.string().min(8),
            tokens: z
              .array(z.string().min(16))
              .default([])
              .describe('static API tokens (bearer)'),
          })
          .strict(),
        hub: z.object({ token: z.string().min(16) }).strict(),
        github: z.object({ token: z.string().min(16) }).strict(),
      })
      .strict(),
    argocd: z
      .object({
        namespace: name.default('argocd'),
        resourceHealth: z
          .enum(['appTree', 'inline'])
          .default('appTree')
          .describe(
            'where per-resource health is kept: appTree (ArgoCD >= 3.0: only in the resource tree) or inline (ArgoCD 2.x: status.resources[].health)',
          ),
        vmHealth: z
          .enum(['builtin', 'post-pr-29664'])
          .default('builtin')
          .describe(
            "ArgoCD's VirtualMachine health check: builtin (a stopped VM is Suspended) or post-pr-29664 (Healthy, 'Stopped as declared')",
          ),
      })
      .strict()
      .default({}),
    hub: z
      .object({
        tls: z
          .boolean()
          .default(true)
          .describe('serve HTTPS with a generated CA'),
        clusterSets: z
          .array(
            z
              .object({ name, labelSelector: labelSelector.optional() })
              .strict(),
          )
          .default([]),
        clusterSetBindings: z
          .array(z.object({ namespace: name, clusterSet: name }).strict())
          .default([]),
        placements: z.array(placement).default([]),
        gitopsClusters: z
          .array(
            z
              .object({
                name,
                namespace: name,
                placement: name,
                argoNamespace: name,
              })
              .strict(),
          )
          .default([]),
        clusters: z.array(cluster).default([]),
      })
      .strict(),
    github: z
      .object({
        users: z
          .array(z.object({ login: z.string().min(1) }).strict())
          .default([]),
        teams: z
          .array(
            z
              .object({ org: z.string().min(1), slug: z.string().min(1) })
              .strict(),
          )
          .default([]),
      })
      .strict()
      .default({}),
    repository: repository
      .optional()
      .describe('one repository: the same as a one-element repositories list'),
    repositories: z
      .array(repository)
      .optional()
      .describe(
        'the GitHub repositories the simulator serves (ArgoCD reads all)',
      ),
  })
  .strict()
  .superRefine(checkRepositories)
  .transform(normalizeRepositories);

/** A validated scenario (defaults applied). */
export type Scenario = z.infer<typeof scenarioSchema>;
/** A scenario as written (defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** One repository of a validated scenario. */
export type ScenarioRepository = Scenario['repositories'][number];
