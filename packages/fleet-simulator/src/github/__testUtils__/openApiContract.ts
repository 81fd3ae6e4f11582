/*
 * Validates simulator responses against GitHub's OpenAPI description from
 * @octokit/openapi (the GHES 3.19 variant, served under /api/v3). Loads the
 * description once; compiles each operation's response schema on first use,
 * carrying along only the components it references.
 */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

export const GITHUB_DESCRIPTION = 'ghes-3.19';

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(
  value: JsonValue | undefined,
  ...keys: string[]
): JsonValue | undefined {
  let current = value;
  for (const key of keys) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * OpenAPI 3.0 `nullable: true` as JSON Schema: `null` joins the type (and
 * enum), or the schema becomes `anyOf: [schema, {type: null}]` when it has no type.
 */
export function withNullables(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(withNullables);
  if (!isObject(value)) return value;
  const copy: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key !== 'nullable') copy[key] = withNullables(child);
  }
  if (value.nullable !== true) return copy;
  if (typeof copy.type === 'string') {
    copy.type = [copy.type, 'null'];
    if (Array.isArray(copy.enum) && !copy.enum.includes(null))
      copy.enum = [...copy.enum, null];
    return copy;
  }
  return { anyOf: [copy, { type: 'null' }] };
}

export class OpenApiContract {
  private readonly description: JsonObject;
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    const path = require.resolve(
      `@octokit/openapi/generated/${GITHUB_DESCRIPTION}.json`,
    );
    const parsed: JsonValue = JSON.parse(readFileSync(path, 'utf8'));
    if (!isObject(parsed))
      throw new Error(`${path} is not an OpenAPI description`);
    this.description = parsed;
    addFormats(this.ajv);
  }

  /** `$ref`s to `#/components/...` reachable from `value`, transitively. */
  private collectComponents(
    value: JsonValue | undefined,
    into: JsonObject,
  ): void {
    if (Array.isArray(value)) {
      value.forEach(item => this.collectComponents(item, into));
      return;
    }
    if (!isObject(value)) return;
    const ref = value.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/')) {
      const [, , section, name] = ref.split('/');
      const sectionObject = isObject(into[section]) ? into[section] : {};
      into[section] = sectionObject;
      if (isObject(sectionObject) && !(name in sectionObject)) {
        const target = at(this.description, 'components', section, name);
        if (target === undefined) throw new Error(`Dangling ${ref}`);
        sectionObject[name] = withNullables(target);
        this.collectComponents(target, into);
      }
    }
    Object.values(value).forEach(item => this.collectComponents(item, into));
  }

  private resolveResponse(
    response: JsonValue | undefined,
  ): JsonValue | undefined {
    const ref = at(response, '$ref');
    if (typeof ref !== 'string') return response;
    const [, , section, name] = ref.split('/');
    return at(this.description, 'components', section, name);
  }

  /** The schema GitHub documents for `method path` answering `status`, or undefined if it documents none. */
  schemaFor(
    method: string,
    pathTemplate: string,
    status: number,
    mediaType = 'application/json',
  ): JsonValue | undefined {
    const operation = at(
      this.description,
      'paths',
      pathTemplate,
      method.toLowerCase(),
    );
    if (!operation)
      throw new Error(
        `${method} ${pathTemplate} is not in ${GITHUB_DESCRIPTION}`,
      );
    const response = this.resolveResponse(
      at(operation, 'responses', String(status)),
    );
    if (!response)
      throw new Error(
        `${method} ${pathTemplate} does not document status ${status}`,
      );
    return at(response, 'content', mediaType, 'schema');
  }

  /** Validation errors of `body` against the documented response; empty when it conforms. */
  validate(
    method: string,
    pathTemplate: string,
    status: number,
    body: unknown,
    mediaType = 'application/json',
  ): string[] {
    const key = `${method} ${pathTemplate} ${status} ${mediaType}`;
    let validator = this.compiled.get(key);
    if (!validator) {
      const schema = this.schemaFor(method, pathTemplate, status, mediaType);
      if (!isObject(schema)) throw new Error(`${key} documents no JSON schema`);
      const components: JsonObject = {};
      this.collectComponents(schema, components);
      const converted = withNullables(schema);
      if (!isObject(converted))
        throw new Error(`${key} documents no JSON schema`);
      validator = this.ajv.compile({ ...converted, components });
      this.compiled.set(key, validator);
    }
    if (validator(body)) return [];
    return (validator.errors ?? []).map(
      error =>
        `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(
          error.params,
        )}`,
    );
  }
}
