/*
 * Test helper: validates VirtualMachines against the KubeVirt schema from
 * ../shared/reference, closed (unknown fields are errors, as a typo such as
 * `runStategy` would be silently pruned by the API server otherwise).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readReferenceJson } from './referenceFiles';

type Schema = { [key: string]: unknown };

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!isSchema(schema)) return schema;
  const result: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    result[key] = key === 'properties' && isSchema(value)
      ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, closeObjects(sub)]))
      : closeObjects(value);
  }
  if (isSchema(result.properties) && result.additionalProperties === undefined && !result['x-kubernetes-preserve-unknown-fields']) {
    result.additionalProperties = false;
  }
  return result;
}

let validator: ValidateFunction | undefined;

/** Schema errors of a VirtualMachine object (empty when valid). */
export function virtualMachineSchemaErrors(object: unknown): string[] {
  if (!validator) {
    const schema = closeObjects(readReferenceJson('kubevirt', 'schemas', 'kubevirt.io', 'virtualmachine_v1.json'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    validator = ajv.compile(isSchema(schema) ? schema : {});
  }
  return validator(object)
    ? []
    : (validator.errors ?? []).map(error => `${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}
