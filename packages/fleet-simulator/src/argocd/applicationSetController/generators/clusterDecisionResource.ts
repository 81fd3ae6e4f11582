import type { TemplateParams } from '../fasttemplate';
import type { GeneratorContext, GeneratorSpec } from './types';
import { GeneratorError } from './types';
import { withValues } from './values';

/**
 * The `clusterDecisionResource` generator with OCM's `acm-placement`
 * ConfigMap semantics (resource PlacementDecision, list `status.decisions`,
 * match key `clusterName`): one parameter set per decision whose cluster
 * ArgoCD knows, with the decision's fields plus `name` and `server`.
 * `requeueAfterSeconds` is ignored: the simulator regenerates on every change.
 */
export function generateClusterDecisionResource(
  spec: NonNullable<GeneratorSpec['clusterDecisionResource']>,
  context: GeneratorContext,
): TemplateParams[] {
  if (!spec.labelSelector && !spec.name) {
    throw new GeneratorError(
      'there is a problem with the definition of the ClusterDecisionResource generator: labelSelector or name is required',
    );
  }
  const selector = spec.labelSelector ?? {};
  const decisions = context
    .placementDecisions(context.namespace, selector)
    .filter(decision => !spec.name || decision.metadata.name === spec.name);
  const clustersByName = new Map(context.clusters().map(c => [c.name, c]));
  const result: TemplateParams[] = [];
  for (const decision of decisions) {
    const status = decision.status as { decisions?: unknown } | undefined;
    const entries = Array.isArray(status?.decisions) ? status.decisions : [];
    for (const entry of entries) {
      if (typeof entry !== 'object' || entry === null) {
        continue;
      }
      const fields = entry as Record<string, unknown>;
      const clusterName = fields.clusterName;
      const cluster =
        typeof clusterName === 'string'
          ? clustersByName.get(clusterName)
          : undefined;
      if (!cluster) {
        continue;
      }
      const params: Record<string, string> = {
        name: cluster.name,
        server: cluster.server,
      };
      for (const [key, value] of Object.entries(fields)) {
        params[key] = String(value);
      }
      result.push(withValues(params, spec.values));
    }
  }
  return result;
}
