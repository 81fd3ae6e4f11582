/*
 * Against KubeVirt's VirtualMachine JSON schema (the node library's
 * checksum-verified third-party copy, see __testUtils__/kubevirtSchema.ts):
 * the fields readVmStateFields reads exist with the types it expects, and
 * the VM objects our tests feed to deriveVmState are valid VirtualMachines.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  KUBEVIRT_VM_SCHEMA_SHA256,
  readKubevirtVmSchema,
  readVerified,
} from '../__testUtils__/kubevirtSchema';
import { readVmStateFields } from './vmObject';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}

let loaded: JsonSchema | undefined;

function loadSchema(): JsonSchema {
  loaded ??= readKubevirtVmSchema() as JsonSchema;
  return loaded;
}

let compiled: ReturnType<Ajv['compile']> | undefined;

/** Compiles the VM schema once; Kubernetes' int32/int64 formats are integer checks. */
function vmValidator(schema: JsonSchema): ReturnType<Ajv['compile']> {
  if (!compiled) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat('int32', { type: 'number', validate: Number.isInteger });
    ajv.addFormat('int64', { type: 'number', validate: Number.isInteger });
    compiled = ajv.compile(schema);
  }
  return compiled;
}

function at(schema: JsonSchema, path: string[]): JsonSchema | undefined {
  return path.reduce<JsonSchema | undefined>(
    (node, key) => (key === '[]' ? node?.items : node?.properties?.[key]),
    schema,
  );
}

/** A VM as this product writes it, with a status as KubeVirt reports it. */
const ourVirtualMachine = {
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: 'dev-build-runner', namespace: 'team-a-vms' },
  spec: {
    runStrategy: 'Always',
    instancetype: {
      kind: 'VirtualMachineClusterInstancetype',
      name: 'u1.medium',
    },
    preference: { kind: 'VirtualMachineClusterPreference', name: 'fedora' },
    template: {
      spec: {
        domain: { devices: {} },
        volumes: [
          {
            name: 'rootdisk',
            dataVolume: { name: 'dev-build-runner-rootdisk' },
          },
        ],
      },
    },
  },
  status: {
    created: true,
    ready: true,
    printableStatus: 'Running',
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        lastTransitionTime: '2025-01-01T10:00:00Z',
      },
      {
        type: 'RestartRequired',
        status: 'True',
        reason: 'NonLiveUpdate',
        message: 'a non-live-updatable field was changed',
      },
    ],
  },
};

describe('the VirtualMachine schema and readVmStateFields', () => {
  it.each<[string[], string]>([
    [['spec', 'runStrategy'], 'string'],
    [['spec', 'running'], 'boolean'],
    [['status', 'printableStatus'], 'string'],
    [['status', 'created'], 'boolean'],
    [['status', 'conditions'], 'array'],
    [['status', 'conditions', '[]', 'type'], 'string'],
    [['status', 'conditions', '[]', 'status'], 'string'],
    [['status', 'conditions', '[]', 'reason'], 'string'],
    [['status', 'conditions', '[]', 'message'], 'string'],
  ])('has %j of type %s', (path, type) => {
    const schema = loadSchema();
    expect([at(schema, path)?.type].flat()).toContain(type);
  });

  it('accepts the VM objects our tests use, and reads them', () => {
    const schema = loadSchema();
    const validate = vmValidator(schema);
    expect({
      valid: validate(ourVirtualMachine),
      errors: validate.errors ?? [],
    }).toEqual({ valid: true, errors: [] });
    expect(readVmStateFields(ourVirtualMachine)).toMatchObject({
      runStrategy: 'Always',
      printableStatus: 'Running',
      created: true,
    });
  });

  it('rejects a VM whose runStrategy has the wrong type (the schema is really applied)', () => {
    const schema = loadSchema();
    const validate = vmValidator(schema);
    expect(
      validate({
        ...ourVirtualMachine,
        spec: { ...ourVirtualMachine.spec, runStrategy: 3 },
      }),
    ).toBe(false);
  });
});

describe('the third-party schema file', () => {
  it('is refused when its content is not the pinned one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vm-schema-'));
    try {
      const file = join(dir, 'virtualmachine_v1.json');
      writeFileSync(file, '{"type":"object"}');
      expect(() => readVerified(file, KUBEVIRT_VM_SCHEMA_SHA256)).toThrow(
        `not the pinned ${KUBEVIRT_VM_SCHEMA_SHA256}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
