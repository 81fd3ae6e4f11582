import type { VmClusterRow } from '@internal/plugin-kubevirt-gitops-common';

/** The group of rows without an environment label. */
export const NO_ENVIRONMENT = '(no environment)';

/**
 * Rows grouped by environment (alphabetical, rows without one last), each
 * group sorted by cluster name: a stable order across refreshes.
 */
export function groupRowsByEnvironment(
  rows: readonly VmClusterRow[],
): Array<{ environment: string; rows: VmClusterRow[] }> {
  const groups = new Map<string, VmClusterRow[]>();
  for (const row of rows) {
    const environment = row.environment || NO_ENVIRONMENT;
    const group = groups.get(environment) ?? [];
    group.push(row);
    groups.set(environment, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => {
      if (a === NO_ENVIRONMENT || b === NO_ENVIRONMENT) {
        return a === NO_ENVIRONMENT ? 1 : -1;
      }
      return a.localeCompare(b);
    })
    .map(([environment, group]) => ({
      environment,
      rows: group.sort(
        (x, y) =>
          x.cluster.localeCompare(y.cluster) ||
          x.argocd.application.localeCompare(y.argocd.application),
      ),
    }));
}
