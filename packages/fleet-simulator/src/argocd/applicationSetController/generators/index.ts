import { matchesLabelSelectorObject } from '../../../store';
import type { TemplateParams } from '../fasttemplate';
import { renderTemplate } from '../fasttemplate';
import { generateClusterDecisionResource } from './clusterDecisionResource';
import { generateClusters } from './clusters';
import { generateGitDirectories } from './gitDirectories';
import { generateList } from './list';
import type { GeneratorContext, GeneratorSpec } from './types';
import { GeneratorError } from './types';

export type {
  GeneratorCluster,
  GeneratorContext,
  GeneratorSpec,
} from './types';
export { GeneratorError } from './types';
export { clusterParams } from './clusters';
export { directoryParams, globToRegExp } from './gitDirectories';

/** Merges two parameter sets; a key with two different values is an error (ArgoCD `CombineStringMaps`). */
function combine(a: TemplateParams, b: TemplateParams): TemplateParams {
  const result: Record<string, string> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (key in result && result[key] !== value) {
      throw new GeneratorError(
        `found duplicate key ${key} with different value, a: ${result[key]} ,b: ${value}`,
      );
    }
    result[key] = value;
  }
  return result;
}

function generateMatrix(
  spec: NonNullable<GeneratorSpec['matrix']>,
  context: GeneratorContext,
): TemplateParams[] {
  if (spec.generators.length !== 2) {
    throw new GeneratorError(
      'found less than two generators, Matrix requires exactly two',
    );
  }
  const [first, second] = spec.generators;
  const result: TemplateParams[] = [];
  for (const left of generateParams(first, context)) {
    const interpolated = renderTemplate(second, left);
    for (const right of generateParams(interpolated, context)) {
      result.push(combine(left, right));
    }
  }
  return result;
}

function generateUnfiltered(
  generator: GeneratorSpec,
  context: GeneratorContext,
): TemplateParams[] {
  if (generator.clusters) return generateClusters(generator.clusters, context);
  if (generator.list) return generateList(generator.list);
  if (generator.git) return generateGitDirectories(generator.git, context);
  if (generator.matrix) return generateMatrix(generator.matrix, context);
  if (generator.clusterDecisionResource) {
    return generateClusterDecisionResource(
      generator.clusterDecisionResource,
      context,
    );
  }
  const kinds = Object.keys(generator).filter(key => key !== 'selector');
  throw new GeneratorError(
    `the simulator does not implement the generator ${
      kinds.join(', ') || '(empty)'
    }`,
  );
}

/** Expands one generator (fasttemplate mode) into its parameter sets. */
export function generateParams(
  generator: GeneratorSpec,
  context: GeneratorContext,
): TemplateParams[] {
  const params = generateUnfiltered(generator, context);
  const selector = generator.selector;
  return selector
    ? params.filter(p => matchesLabelSelectorObject({ ...p }, selector))
    : params;
}
