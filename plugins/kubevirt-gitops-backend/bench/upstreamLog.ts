/*
 * Upstream calls counted from the simulator's request log (control API).
 */

interface LogEntry {
  upstream: string;
  method: string;
  path: string;
  query: string;
}

export interface UpstreamCounts {
  total: number;
  byUpstream: Record<string, number>;
  /** List calls per kind (pages counted). */
  lists: Record<string, number>;
}

const LIST_PATHS: Array<[string, RegExp]> = [
  ['ManagedCluster', /\/managedclusters$/],
  ['ManagedClusterSet', /\/managedclustersets$/],
  ['Placement', /\/placements$/],
  ['PlacementDecision', /\/placementdecisions$/],
  ['ArgoCD Application', /^\/api\/v1\/applications$/],
  ['ArgoCD cluster', /^\/api\/v1\/clusters$/],
];

export async function clearLog(controlUrl: string): Promise<void> {
  await fetch(`${controlUrl}/log`, { method: 'DELETE' });
}

export async function countUpstreamCalls(
  controlUrl: string,
): Promise<UpstreamCounts> {
  const body = (await (await fetch(`${controlUrl}/log`)).json()) as {
    entries: LogEntry[];
  };
  const counts: UpstreamCounts = { total: 0, byUpstream: {}, lists: {} };
  for (const entry of body.entries) {
    counts.total += 1;
    counts.byUpstream[entry.upstream] =
      (counts.byUpstream[entry.upstream] ?? 0) + 1;
    const kind = LIST_PATHS.find(([, pattern]) =>
      pattern.test(entry.path),
    )?.[0];
    if (kind) counts.lists[kind] = (counts.lists[kind] ?? 0) + 1;
  }
  return counts;
}
