/** The `spec.source.kustomize` options the simulator applies (ArgoCD `kustomize edit` equivalents). */
export interface KustomizeOptions {
  namePrefix?: string;
  nameSuffix?: string;
  namespace?: string;
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
}

/** Options that change names or namespaces: only kustomize itself can apply them. */
export type StructuralOptions = Pick<
  KustomizeOptions,
  'namePrefix' | 'nameSuffix' | 'namespace'
>;

/** Options that only add metadata. */
export type DecorationOptions = Pick<
  KustomizeOptions,
  'commonLabels' | 'commonAnnotations'
>;

/** Reads the supported options from an Application's `source.kustomize`. */
export function kustomizeOptionsFrom(value: unknown): KustomizeOptions {
  if (typeof value !== 'object' || value === null) {
    return {};
  }
  const source = value as Record<string, unknown>;
  const options: KustomizeOptions = {};
  for (const key of ['namePrefix', 'nameSuffix', 'namespace'] as const) {
    const item = source[key];
    if (typeof item === 'string' && item.length > 0) {
      options[key] = item;
    }
  }
  for (const key of ['commonLabels', 'commonAnnotations'] as const) {
    const item = source[key];
    if (
      typeof item === 'object' &&
      item !== null &&
      Object.keys(item).length > 0
    ) {
      options[key] = Object.fromEntries(
        Object.entries(item).map(([k, v]) => [k, String(v)]),
      );
    }
  }
  return options;
}

export function structuralPart(options: KustomizeOptions): StructuralOptions {
  const { namePrefix, nameSuffix, namespace } = options;
  return JSON.parse(JSON.stringify({ namePrefix, nameSuffix, namespace }));
}

export function decorationPart(options: KustomizeOptions): DecorationOptions {
  const { commonLabels, commonAnnotations } = options;
  return JSON.parse(JSON.stringify({ commonLabels, commonAnnotations }));
}

export function hasOptions(options: KustomizeOptions): boolean {
  return Object.values(options).some(value => value !== undefined);
}
