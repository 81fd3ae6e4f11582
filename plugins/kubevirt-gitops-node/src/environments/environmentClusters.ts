/*
 * Which clusters each environment's VMs land on, from the kubevirt-gitops
 * backend's `/environments` endpoint when it is installed. Injectable; a
 * failure is an answer ("could not resolve"), never a failed pull request.
 */
import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { z } from 'zod';

/**
 * One managed cluster of an environment.
 *
 * @public
 */
export interface EnvironmentCluster {
  name: string;
  /** e.g. `available`, `unavailable`, `unknown`. */
  availability?: string;
}

/**
 * The clusters of the requested environments, or why they are not known.
 *
 * @public
 */
export type EnvironmentClustersResult =
  | { ok: true; clusters: Record<string, EnvironmentCluster[]> }
  | { ok: false; reason: string };

/**
 * Resolves the clusters of environments.
 *
 * @public
 */
export type EnvironmentClustersFetcher = (
  environments: readonly string[],
) => Promise<EnvironmentClustersResult>;

function availabilityOf(available: boolean | undefined): string | undefined {
  if (available === undefined) return undefined;
  return available ? 'available' : 'unavailable';
}

const clusterSchema = z.union([
  z.string().transform(name => ({ name })),
  z
    .object({
      name: z.string(),
      availability: z.string().optional(),
      available: z.boolean().optional(),
    })
    .passthrough()
    .transform(cluster => ({
      name: cluster.name,
      availability: cluster.availability ?? availabilityOf(cluster.available),
    })),
]);

const environmentSchema = z
  .object({ name: z.string(), clusters: z.array(clusterSchema) })
  .passthrough();

/**
 * The accepted answers of `GET /api/kubevirt-gitops/environments`:
 * `{ environments: [{ name, clusters: [{ name, availability? }] }] }` or the
 * bare array.
 */
export const environmentsResponseSchema = z.union([
  z
    .object({ environments: z.array(environmentSchema) })
    .passthrough()
    .transform(body => body.environments),
  z.array(environmentSchema),
]);

/**
 * Options of {@link createBackendEnvironmentClustersFetcher}.
 *
 * @public
 */
export interface BackendEnvironmentClustersOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  /** Plugin id of the backend (default `kubevirt-gitops`). */
  pluginId?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * A fetcher that asks the kubevirt-gitops backend with a service token.
 *
 * @public
 */
export function createBackendEnvironmentClustersFetcher(
  options: BackendEnvironmentClustersOptions,
): EnvironmentClustersFetcher {
  const pluginId = options.pluginId ?? 'kubevirt-gitops';
  // Resolved per call, so a fetch replaced after start-up (test interceptors) is used.
  const doFetch: typeof fetch = (...args) => (options.fetch ?? fetch)(...args);
  return async environments => {
    try {
      const baseUrl = await options.discovery.getBaseUrl(pluginId);
      const { token } = await options.auth.getPluginRequestToken({
        onBehalfOf: await options.auth.getOwnServiceCredentials(),
        targetPluginId: pluginId,
      });
      const response = await doFetch(`${baseUrl}/environments`, {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
        },
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      if (!response.ok) {
        return {
          ok: false,
          reason: `the ${pluginId} backend answered ${response.status} ${response.statusText}`,
        };
      }
      const parsed = environmentsResponseSchema.safeParse(
        await response.json(),
      );
      if (!parsed.success) {
        return {
          ok: false,
          reason: `the ${pluginId} backend's answer has an unexpected shape`,
        };
      }
      const clusters: Record<string, EnvironmentCluster[]> = {};
      for (const name of environments) {
        clusters[name] =
          parsed.data.find(environment => environment.name === name)
            ?.clusters ?? [];
      }
      return { ok: true, clusters };
    } catch (error) {
      return {
        ok: false,
        reason: `the ${pluginId} backend could not be reached (${
          error instanceof Error ? error.message : String(error)
        })`,
      };
    }
  };
}

/**
 * A fetcher for when no backend is installed.
 *
 * @public
 */
export const noEnvironmentClusters: EnvironmentClustersFetcher = async () => ({
  ok: false,
  reason: 'the kubevirt-gitops backend is not configured',
});
