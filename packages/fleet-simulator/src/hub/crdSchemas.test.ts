import Ajv from 'ajv';
import type { AnySchema } from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { OCM_CRDS, readThirdParty } from '../__testUtils__/thirdParty';
import { field, isRecord, list } from './fields';
import { HUB_RESOURCES } from './resources';
import { smallHub } from './testing/fixtures';
import type { TestHub } from './testing/startTestHub';
import { startTestHub } from './testing/startTestHub';

/**
 * The API server prunes fields a structural schema does not declare, so a
 * field the simulator invents would never reach a real client: close every
 * object schema that lists its properties.
 */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!isRecord(schema)) return schema;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    result[key] =
      key === 'properties' && isRecord(value)
        ? Object.fromEntries(
            Object.entries(value).map(([name, child]) => [
              name,
              closeObjects(child),
            ]),
          )
        : closeObjects(value);
  }
  if (
    isRecord(schema.properties) &&
    schema.additionalProperties === undefined &&
    !schema['x-kubernetes-preserve-unknown-fields']
  ) {
    result.additionalProperties = false;
  }
  return result;
}

/**
 * openAPIV3Schema by `group/version/kind`, from OCM's own CRDs (the
 * checksum-verified copies in third_party/ocm-*, see their PROVENANCE.md).
 */
function loadCrdSchemas(): Map<string, unknown> {
  const schemas = new Map<string, unknown>();
  for (const file of OCM_CRDS) {
    const crd: unknown = parseYaml(readThirdParty(file));
    if (field(crd, 'kind') !== 'CustomResourceDefinition') {
      throw new Error(`${file} is not a CustomResourceDefinition`);
    }
    const spec = field(crd, 'spec');
    const kind = String(field(field(spec, 'names'), 'kind'));
    for (const version of list<unknown>(field(spec, 'versions'))) {
      const schema = field(field(version, 'schema'), 'openAPIV3Schema');
      schemas.set(
        `${field(spec, 'group')}/${field(version, 'name')}/${kind}`,
        closeObjects(schema),
      );
    }
  }
  return schemas;
}

function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('int32', {
    type: 'number',
    validate: n => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat('int64', {
    type: 'number',
    validate: n => Number.isInteger(n),
  });
  return ajv;
}

describe('hub objects against the OCM CRD schemas', () => {
  let hub: TestHub;
  let schemas: Map<string, unknown>;
  const ajv = validator();

  beforeAll(async () => {
    schemas = loadCrdSchemas();
    const definition = smallHub();
    definition.placements.push({
      name: 'claims',
      namespace: 'argocd',
      claimSelector: {
        matchExpressions: [
          {
            key: 'region.open-cluster-management.io',
            operator: 'In',
            values: ['eu-west-1'],
          },
        ],
      },
      numberOfClusters: 2,
      tolerations: [
        {
          key: 'cluster.open-cluster-management.io/unavailable',
          operator: 'Exists',
          tolerationSeconds: 300,
        },
      ],
    });
    definition.clusterSets.push({
      name: 'by-label',
      labelSelector: {
        matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }],
      },
    });
    // Issue 18: the cluster cases the backend must read as OCM defines them.
    definition.clusters.push(
      {
        name: 'maint-1',
        clusterSet: 'managed',
        env: 'dev',
        taints: [{ key: 'maintenance', value: 'kernel', effect: 'NoSelect' }],
      },
      {
        name: 'local-cluster',
        clusterSet: 'managed',
        hubCluster: true,
        allocatable: {
          cpu: '94500m',
          memory: '524485752Ki',
          'devices.kubevirt.io/kvm': '0',
        },
      },
      { name: 'new-1', clusterSet: 'managed', registration: 'accepted' },
      { name: 'pending-1', clusterSet: 'managed', registration: 'pending' },
      { name: 'old-1', clusterSet: 'managed', env: 'dev', deleting: true },
    );
    hub = await startTestHub({ definition });
    hub.hub.setAvailability('dev-2', 'False');
    await Promise.resolve();
  });

  afterAll(async () => {
    await hub.close();
  });

  it('rejects fields the CRD does not declare and values outside its enums', () => {
    const validate = ajv.compile(
      schemas.get(
        'cluster.open-cluster-management.io/v1/ManagedCluster',
      ) as AnySchema,
    );
    const cluster = hub.store.get('ManagedCluster', 'dev-1');
    expect(validate(cluster)).toBe(true);
    expect(validate({ ...cluster, status: { inventedField: true } })).toBe(
      false,
    );
    expect(
      validate({
        ...cluster,
        spec: { taints: [{ key: 'a', effect: 'NoSchedule' }] },
      }),
    ).toBe(false);
  });

  it.each(HUB_RESOURCES.map(resource => [resource.kind, resource] as const))(
    'serves %s objects valid against the CRD schema',
    async (_kind, resource) => {
      const schema = schemas.get(
        `${resource.group}/${resource.version}/${resource.kind}`,
      );
      expect(schema).toBeDefined();
      const validate = ajv.compile(schema as AnySchema);
      const response = await fetch(
        `${hub.url}/apis/${resource.group}/${resource.version}/${resource.plural}`,
        {
          headers: { authorization: `Bearer ${hub.token}` },
        },
      );
      expect(response.status).toBe(200);
      const body: { items: unknown[] } = await response.json();
      expect(body.items.length).toBeGreaterThan(0);
      for (const item of body.items) {
        const valid = validate(item);
        expect({
          item: field(field(item, 'metadata'), 'name'),
          errors: validate.errors ?? null,
        }).toEqual({
          item: field(field(item, 'metadata'), 'name'),
          errors: null,
        });
        expect(valid).toBe(true);
      }
    },
  );
});
