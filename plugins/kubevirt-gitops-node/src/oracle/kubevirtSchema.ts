/*
 * The KubeVirt VirtualMachine JSON schema shipped in third_party/kubevirt
 * (see its PROVENANCE.md), loaded once with its checksum verified, and
 * applied closed: an unknown field is an error, since the API server would
 * otherwise drop a typo such as `runStategy` without a word.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** sha256 of third_party/kubevirt/virtualmachine_v1.json (PROVENANCE.md). */
export const VM_SCHEMA_SHA256 =
  'b604310d66da7aeaeb5bf366dea44d4dd433096f5f237800e397577b1c4d8124';

type Schema = { [key: string]: unknown };

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!isSchema(schema)) return schema;
  const result: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    result[key] =
      key === 'properties' && isSchema(value)
        ? Object.fromEntries(
            Object.entries(value).map(([name, sub]) => [
              name,
              closeObjects(sub),
            ]),
          )
        : closeObjects(value);
  }
  if (
    isSchema(result.properties) &&
    result.additionalProperties === undefined &&
    !result['x-kubernetes-preserve-unknown-fields']
  ) {
    result.additionalProperties = false;
  }
  return result;
}

/** The schema file's path in this package. */
export function vmSchemaPath(): string {
  return resolvePackagePath(
    '@internal/plugin-kubevirt-gitops-node',
    'third_party/kubevirt/virtualmachine_v1.json',
  );
}

/** The schema's text, refused when its checksum is not the pinned one. */
export function readVmSchemaText(file = vmSchemaPath()): string {
  const text = readFileSync(file, 'utf8');
  const sha = createHash('sha256').update(text).digest('hex');
  if (sha !== VM_SCHEMA_SHA256) {
    throw new Error(
      `${file} has sha256 ${sha}, not the pinned ${VM_SCHEMA_SHA256} (third_party/kubevirt/PROVENANCE.md)`,
    );
  }
  return text;
}

let validator: ValidateFunction | undefined;

/** Schema errors of a VirtualMachine (empty when valid), as `<pointer> <message>`. */
export function virtualMachineSchemaErrors(object: unknown): string[] {
  if (!validator) {
    const schema = closeObjects(JSON.parse(readVmSchemaText()));
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    validator = ajv.compile(isSchema(schema) ? schema : {});
  }
  if (validator(object)) return [];
  return (validator.errors ?? []).map(error => {
    const extra =
      error.keyword === 'additionalProperties'
        ? ` (${String(
            (error.params as { additionalProperty?: string })
              .additionalProperty,
          )})`
        : '';
    return `${error.instancePath || '/'} ${
      error.message ?? 'is invalid'
    }${extra}`;
  });
}
