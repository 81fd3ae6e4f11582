import type { JsonObject } from '../health';
import { asObject, asObjectArray, asString } from '../health/types';
import type { ApplicationSpec } from '../types';
import type { DesiredApplication } from '../applicationController/appRuntime';
import type { RepoApplicationSet } from './applicationSets';
import { renderTemplate } from './fasttemplate';
import type { GeneratorContext, GeneratorSpec } from './generators';
import { GeneratorError, generateParams } from './generators';

const NAME_PATTERN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export interface Expansion {
  applications: DesiredApplication[];
  /** Why generation failed or was partial (the ErrorOccurred condition). */
  error?: string;
}

/** Deep merge for generator-level templates: objects merge, everything else replaces. */
function mergeTemplate(base: unknown, override: unknown): unknown {
  const baseObject = asObject(base);
  const overrideObject = asObject(override);
  if (!baseObject || !overrideObject)
    return override === undefined ? base : override;
  const result: JsonObject = { ...baseObject };
  for (const [key, value] of Object.entries(overrideObject)) {
    result[key] = mergeTemplate(baseObject[key], value);
  }
  return result;
}

function stringMap(value: unknown): Record<string, string> | undefined {
  const object = asObject(value);
  if (!object || Object.keys(object).length === 0) return undefined;
  return Object.fromEntries(
    Object.entries(object).map(([k, v]) => [k, String(v)]),
  );
}

function toDesired(rendered: JsonObject): DesiredApplication {
  const metadata = asObject(rendered.metadata) ?? {};
  const name = asString(metadata.name) ?? '';
  if (!NAME_PATTERN.test(name)) {
    throw new GeneratorError(
      `application name "${name}" is invalid: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'`,
    );
  }
  const finalizers = Array.isArray(metadata.finalizers)
    ? metadata.finalizers.map(String)
    : undefined;
  return {
    name,
    labels: stringMap(metadata.labels),
    annotations: stringMap(metadata.annotations),
    ...(finalizers && finalizers.length > 0 ? { finalizers } : {}),
    spec: (asObject(rendered.spec) ?? {}) as ApplicationSpec,
  };
}

/** A generator's own `template`, which ArgoCD merges over the ApplicationSet's. */
function generatorTemplate(generator: GeneratorSpec): unknown {
  for (const value of Object.values(generator)) {
    const template = asObject(value)?.template;
    if (template) return template;
  }
  return undefined;
}

/** The Applications an ApplicationSet generates now (fasttemplate mode). */
export function expandApplicationSet(
  applicationSet: RepoApplicationSet,
  context: GeneratorContext,
): Expansion {
  const spec = applicationSet.spec;
  if (spec.goTemplate === true) {
    return {
      applications: [],
      error:
        'the simulator implements only fasttemplate ApplicationSets (goTemplate: false)',
    };
  }
  const applications: DesiredApplication[] = [];
  const names = new Set<string>();
  try {
    for (const generator of asObjectArray(spec.generators) as GeneratorSpec[]) {
      const template = mergeTemplate(
        spec.template,
        generatorTemplate(generator),
      );
      for (const params of generateParams(generator, context)) {
        const desired = toDesired(
          renderTemplate(asObject(template) ?? {}, params),
        );
        if (names.has(desired.name)) {
          throw new GeneratorError(
            `ApplicationSet ${applicationSet.name} contains applications with duplicate name: ${desired.name}`,
          );
        }
        names.add(desired.name);
        applications.push(desired);
      }
    }
  } catch (error) {
    return {
      applications,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  return { applications };
}
