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
    repository: z
      .object({
        owner: z.string().min(1),
        repo: z.string().min(1),
        defaultBranch: z.string().min(1).default('main'),
        folder: z
          .string()
          .min(1)
          .optional()
          .describe('initial files, relative to the scenario file'),
        files: z
          .record(z.string())
          .default({})
          .describe('more initial files (path → content), over the folder'),
      })
      .strict(),
  })
  .strict();

/** A validated scenario (defaults applied). */
export type Scenario = z.infer<typeof scenarioSchema>;
/** A scenario as written (defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
