import type { TemplateParams } from '../fasttemplate';
import { renderString } from '../fasttemplate';

/**
 * Adds a generator's `values` as `values.<key>` parameters, each rendered
 * with the parameters generated so far (ArgoCD `appendTemplatedValues`).
 */
export function withValues(
  params: Record<string, string>,
  values: Record<string, string> | undefined,
): TemplateParams {
  if (!values) {
    return params;
  }
  const result = { ...params };
  for (const [key, value] of Object.entries(values)) {
    result[`values.${key}`] = renderString(String(value), params);
  }
  return result;
}
