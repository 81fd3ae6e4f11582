import { matchesLabelSelectorObject } from '../../../store';
import type { TemplateParams } from '../fasttemplate';
import { sanitizeName } from '../fasttemplate';
import type {
  GeneratorCluster,
  GeneratorContext,
  GeneratorSpec,
} from './types';
import { withValues } from './values';

function hasSelector(spec: NonNullable<GeneratorSpec['clusters']>): boolean {
  const selector = spec.selector;
  return (
    Object.keys(selector?.matchLabels ?? {}).length > 0 ||
    (selector?.matchExpressions ?? []).length > 0
  );
}

/** The parameters ArgoCD's cluster generator produces for one cluster. */
export function clusterParams(
  cluster: GeneratorCluster,
): Record<string, string> {
  const params: Record<string, string> = {
    name: cluster.name,
    nameNormalized: sanitizeName(cluster.name),
    server: cluster.server,
  };
  for (const [key, value] of Object.entries(cluster.annotations)) {
    params[`metadata.annotations.${key}`] = value;
  }
  for (const [key, value] of Object.entries(cluster.secretLabels)) {
    params[`metadata.labels.${key}`] = value;
  }
  return params;
}

/**
 * The `clusters` generator: one parameter set per ArgoCD cluster whose secret
 * labels match the selector; without a selector the local in-cluster counts too.
 */
export function generateClusters(
  spec: NonNullable<GeneratorSpec['clusters']>,
  context: GeneratorContext,
): TemplateParams[] {
  const selective = hasSelector(spec);
  return context
    .clusters()
    .filter(cluster =>
      selective
        ? cluster.hasSecret &&
          matchesLabelSelectorObject(
            { ...cluster.secretLabels },
            spec.selector ?? {},
          )
        : true,
    )
    .map(cluster => withValues(clusterParams(cluster), spec.values));
}
