import fs from 'node:fs';
import path from 'node:path';
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

/** Validators for definitions of ArgoCD's swagger.json (Swagger 2.0). */
export function swaggerValidators(reference: string) {
  const swagger = JSON.parse(
    fs.readFileSync(path.join(reference, 'argocd/assets/swagger.json'), 'utf8'),
  );
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

/** Validators for the KubeVirt JSON schemas (`kubevirt/schemas/<group>/<file>.json`). */
export function kubevirtValidators(reference: string) {
  const ajv = createAjv();
  const load = (file: string) =>
    ajv.compile(
      JSON.parse(
        fs.readFileSync(path.join(reference, 'kubevirt/schemas', file), 'utf8'),
      ),
    );
  return {
    VirtualMachine: load('kubevirt.io/virtualmachine_v1.json'),
    VirtualMachineInstance: load('kubevirt.io/virtualmachineinstance_v1.json'),
    DataVolume: load('cdi.kubevirt.io/datavolume_v1beta1.json'),
  };
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
