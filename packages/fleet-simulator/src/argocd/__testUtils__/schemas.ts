import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('int64', { type: 'number', validate: Number.isInteger });
  ajv.addFormat('int32', { type: 'number', validate: Number.isInteger });
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  return ajv;
}

interface Swagger {
  definitions: Record<string, unknown>;
}

function isSwagger(value: unknown): value is Swagger {
  return (
    typeof value === 'object' &&
    value !== null &&
    'definitions' in value &&
    typeof value.definitions === 'object' &&
    value.definitions !== null
  );
}

/** Validators for definitions of ArgoCD's swagger.json (Swagger 2.0), by name. */
export function swaggerValidators(swagger: unknown) {
  if (!isSwagger(swagger)) {
    throw new Error('not a Swagger 2.0 document: it has no definitions');
  }
  const ajv = createAjv();
  ajv.addSchema({ $id: 'argocd', definitions: swagger.definitions });
  const cache = new Map<string, ValidateFunction>();
  return (definition: string): ValidateFunction => {
    let validate = cache.get(definition);
    if (!validate) {
      if (!swagger.definitions[definition])
        throw new Error(`swagger.json has no definition ${definition}`);
      validate = ajv.compile({ $ref: `argocd#/definitions/${definition}` });
      cache.set(definition, validate);
    }
    return validate;
  };
}

/** A validator for one JSON schema (a KubeVirt schema, parsed). */
export function jsonSchemaValidator(schema: unknown): ValidateFunction {
  if (typeof schema !== 'object' || schema === null) {
    throw new Error('not a JSON schema: expected an object');
  }
  return createAjv().compile(schema);
}

/** `validate`'s errors as readable lines (empty when valid), for `toEqual([])`. */
export function schemaErrors(
  validate: ValidateFunction,
  value: unknown,
): string[] {
  return validate(value)
    ? []
    : (validate.errors ?? []).map(
        e =>
          `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(
            e.params,
          )}`,
      );
}
