/*
 * The clusters of environments for the pull request body, read in process
 * from the fleet snapshot (the scaffolder module asks this backend over
 * HTTP for the same answer).
 */
import type { EnvironmentClustersFetcher } from '@internal/plugin-kubevirt-gitops-node';
import type { FleetViews } from '../fleet/FleetViews';

/** A fetcher over the snapshot's environments. */
export function environmentClustersFrom(
  views: FleetViews,
): EnvironmentClustersFetcher {
  return async names => {
    try {
      const { environments } = await views.environments();
      return {
        ok: true,
        clusters: Object.fromEntries(
          names.map(name => [
            name,
            (
              environments.find(environment => environment.name === name)
                ?.clusters ?? []
            ).map(cluster => ({
              name: cluster.name,
              availability: cluster.availability,
            })),
          ]),
        ),
      };
    } catch (error) {
      return {
        ok: false,
        reason: `the fleet snapshot has no environments yet: ${
          error instanceof Error ? error.message : String(error)
        }`,
      };
    }
  };
}
