/*
 * zod schemas of the raw `kubevirtGitops` configuration (the parts this
 * backend owns). Messages never repeat a value, so a mistyped secret never
 * ends up in a startup error.
 */
import { z } from 'zod';

const name = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    'must be a DNS label (lowercase letters, digits and "-")',
  );

const httpUrl = z.string().refine(value => {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      !url.username &&
      !url.password
    );
  } catch {
    return false;
  }
}, 'must be an http(s) URL without credentials in it');

const labelSelector = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[^\n\r]+$/, 'must be a single-line label selector');

const timeoutMs = z.number().int().min(100).max(120_000);

const tlsFields = {
  caData: z.string().min(1).optional(),
  caFile: z.string().min(1).optional(),
  skipTLSVerify: z.boolean().optional(),
};

/** One `kubevirtGitops.argocd.instances[]` entry. */
export const argocdInstanceSchema = z
  .object({
    name,
    url: httpUrl,
    token: z.string().min(1).optional(),
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    ...tlsFields,
    uiUrl: httpUrl.optional(),
    appNamespace: name.optional(),
    applicationSelector: labelSelector.optional(),
    timeoutMs: timeoutMs.optional(),
  })
  .strict()
  .superRefine((instance, ctx) => {
    const hasToken = instance.token !== undefined;
    const hasLogin =
      instance.username !== undefined || instance.password !== undefined;
    if (hasToken && hasLogin) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['token'],
        message: 'set either token or username/password, not both',
      });
    } else if (!hasToken && !hasLogin) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['token'],
        message: 'is required (or username and password)',
      });
    } else if (hasLogin && instance.username === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['username'],
        message: 'is required with password',
      });
    } else if (hasLogin && instance.password === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['password'],
        message: 'is required with username',
      });
    }
    if (instance.caData !== undefined && instance.caFile !== undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['caFile'],
        message: 'set either caData or caFile, not both',
      });
    }
  });

/** One `kubevirtGitops.ocm.hubs[]` entry. */
export const ocmHubSchema = z
  .object({
    name,
    url: httpUrl.optional(),
    token: z.string().min(1).optional(),
    ...tlsFields,
    kubeconfigPath: z.string().min(1).optional(),
    kubeconfigContext: z.string().min(1).optional(),
    clusterSets: z.array(name).max(100).optional(),
    timeoutMs: timeoutMs.optional(),
    pageSize: z.number().int().min(10).max(5000).optional(),
  })
  .strict()
  .superRefine((hub, ctx) => {
    if (hub.kubeconfigPath !== undefined) {
      for (const field of ['url', 'token', 'caData', 'caFile'] as const) {
        if (hub[field] !== undefined) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [field],
            message: 'cannot be combined with kubeconfigPath',
          });
        }
      }
      return;
    }
    if (hub.url === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['url'],
        message: 'is required (or kubeconfigPath)',
      });
    }
    if (hub.token === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['token'],
        message: 'is required with url',
      });
    }
    if (hub.caData !== undefined && hub.caFile !== undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['caFile'],
        message: 'set either caData or caFile, not both',
      });
    }
  });

function uniqueNames(
  items: Array<{ name: string }>,
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.name)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [index, 'name'],
        message: `duplicate name "${item.name}"`,
      });
    }
    seen.add(item.name);
  });
}

const seconds = (max: number) => z.number().min(1).max(max);

/** The parts of `kubevirtGitops` this backend reads (besides `gitops`). */
export const backendConfigSchema = z.object({
  argocd: z
    .object({
      instances: z
        .array(argocdInstanceSchema)
        .max(50)
        .superRefine(uniqueNames)
        .default([]),
    })
    .strict()
    .optional(),
  ocm: z
    .object({
      hubs: z.array(ocmHubSchema).max(20).superRefine(uniqueNames).default([]),
    })
    .strict()
    .optional(),
  refresh: z
    .object({
      fleetIntervalSeconds: seconds(3600).optional(),
      detailTtlSeconds: seconds(600).optional(),
      pullRequestTtlSeconds: seconds(3600).optional(),
      maxSnapshotPartMegabytes: z.number().positive().max(512).optional(),
      watch: z.boolean().optional(),
      watchSafetyNetSeconds: seconds(86400).optional(),
      liveRecheckSeconds: z
        .object({
          pending: seconds(86400).optional(),
          settled: seconds(86400).optional(),
        })
        .strict()
        .optional(),
      requestCheckSeconds: seconds(86400).optional(),
    })
    .strict()
    .optional(),
  timeouts: z
    .object({
      argocdMs: timeoutMs.optional(),
      hubMs: timeoutMs.optional(),
      githubMs: timeoutMs.optional(),
    })
    .strict()
    .optional(),
  detail: z
    .object({
      maxApplications: z.number().int().min(1).max(500).optional(),
      concurrency: z.number().int().min(1).max(64).optional(),
    })
    .strict()
    .optional(),
  fleet: z
    .object({
      virtualizationStackPattern: z
        .string()
        .min(1)
        .max(500)
        .refine(pattern => {
          try {
            return new RegExp(pattern) instanceof RegExp;
          } catch {
            return false;
          }
        }, 'must be a valid regular expression')
        .optional(),
    })
    .strict()
    .optional(),
});

export type RawBackendConfig = z.infer<typeof backendConfigSchema>;
export type RawArgocdInstance = z.infer<typeof argocdInstanceSchema>;
export type RawOcmHub = z.infer<typeof ocmHubSchema>;
