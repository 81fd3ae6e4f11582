/*
 * The `GET /environments` answer (pure): each configured environment with
 * the clusters its selector matches, how many are available, and their free
 * capacity. The hub does not report what is already requested on a cluster,
 * so free capacity is the allocatable capacity of the available clusters.
 */
import type {
  EnvironmentsResponse,
  EnvironmentSummary,
  GitopsConfig,
  UpstreamError,
} from '@internal/plugin-kubevirt-gitops-common';
import type { FleetIndex } from './fleetIndex';
import { matchesLabels } from './labelSelector';

/** Builds the environments answer; no gitops config means no environments. */
export function buildEnvironmentsResponse(
  index: FleetIndex,
  gitops: GitopsConfig | undefined,
  generatedAt: string,
): EnvironmentsResponse {
  const errors: UpstreamError[] = index.errors.filter(error =>
    error.source.startsWith('ocm:'),
  );
  if (!gitops) {
    errors.push({
      source: 'config',
      message:
        'kubevirtGitops.gitops is not configured: no environments to offer',
    });
    return { environments: [], errors, generatedAt };
  }
  const environments = gitops.environments.map(
    (environment): EnvironmentSummary => {
      const clusters = [...index.clusters.values()].filter(entry =>
        matchesLabels(environment.clusterSelector, entry.cluster.labels),
      );
      const available = clusters.filter(
        entry => entry.cluster.availability === 'available',
      );
      const summary: EnvironmentSummary = {
        name: environment.name,
        title: environment.title ?? environment.name,
        clusters: clusters.map(entry => ({
          name: entry.cluster.name,
          availability: entry.cluster.availability,
        })),
        availableClusters: available.length,
        freeCapacity: {
          cpu: available.reduce(
            (sum, entry) => sum + (entry.cluster.allocatable.cpu ?? 0),
            0,
          ),
          memory: available.reduce(
            (sum, entry) => sum + (entry.cluster.allocatable.memory ?? 0),
            0,
          ),
        },
        limits: environment.limits,
      };
      if (environment.description)
        summary.description = environment.description;
      return summary;
    },
  );
  return { environments, errors, generatedAt };
}
