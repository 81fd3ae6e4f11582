import type { TemplateParams } from '../fasttemplate';
import type { GeneratorSpec } from './types';
import { GeneratorError } from './types';

/** The `list` generator: each element's string fields, and `values.<key>`. */
export function generateList(
  spec: NonNullable<GeneratorSpec['list']>,
): TemplateParams[] {
  return (spec.elements ?? []).map(element => {
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(element)) {
      if (key === 'values' && typeof value === 'object' && value !== null) {
        for (const [valueKey, item] of Object.entries(value)) {
          params[`values.${valueKey}`] = String(item);
        }
      } else if (typeof value === 'string') {
        params[key] = value;
      } else {
        throw new GeneratorError(
          `error parsing value as string: list element key "${key}" is not a string`,
        );
      }
    }
    return params;
  });
}
