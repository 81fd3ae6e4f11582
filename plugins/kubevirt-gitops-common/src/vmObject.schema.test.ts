/*
 * Contract test against the KubeVirt VirtualMachine JSON schema
 * (../shared/reference/kubevirt/schemas/kubevirt.io/virtualmachine_v1.json):
 * the fields readVmStateFields reads exist with the types it expects, and
 * the VM objects our tests feed to deriveVmState are valid VirtualMachines.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readReference } from './__testUtils__/reference';
import { readVmStateFields } from './vmObject';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}

function loadSchema(): JsonSchema | undefined {
  const text = readReference(
    'kubevirt',
    'schemas',
    'kubevirt.io',
    'virtualmachine_v1.json',
  );
  return text === undefined ? undefined : JSON.parse(text);
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
    if (!schema) {
      return;
    }
    expect([at(schema, path)?.type].flat()).toContain(type);
  });

  it('accepts the VM objects our tests use, and reads them', () => {
    const schema = loadSchema();
    if (!schema) {
      return;
    }
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
    if (!schema) {
      return;
    }
    const validate = vmValidator(schema);
    expect(
      validate({
        ...ourVirtualMachine,
        spec: { ...ourVirtualMachine.spec, runStrategy: 3 },
      }),
    ).toBe(false);
  });
});
