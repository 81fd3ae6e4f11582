import type { ArgocdHarness } from './__testUtils__/argocdHarness';
import {
  ADMIN,
  API_TOKEN,
  startDemoHarness,
  vmResourcePath,
} from './__testUtils__/argocdHarness';
import {
  ARGOCD_SWAGGER,
  readThirdPartyJson,
} from '../__testUtils__/thirdParty';
import { schemaErrors, swaggerValidators } from './__testUtils__/schemas';
import { openSse } from './__testUtils__/sse';

/*
 * ArgoCD's own swagger.json, from the checksum-verified copy in
 * third_party/argo-cd (see its PROVENANCE.md).
 */
describe('ArgoCD API responses against swagger.json', () => {
  const validator = swaggerValidators(readThirdPartyJson(ARGOCD_SWAGGER));
  let harness: ArgocdHarness;

  beforeAll(async () => {
    harness = await startDemoHarness();
    harness.git.commit({
      'applicationsets/demo-vm/kustomize/prod/kustomization.yaml':
        'resources:\n  - ../nowhere\n',
    });
    await harness.argocd.reconcile();
  });
  afterAll(() => harness.stop());

  it('validates every endpoint the product calls', async () => {
    expect(
      schemaErrors(validator('v1alpha1ApplicationList'), {
        items: [{ status: { health: 'Healthy' } }],
      }),
    ).not.toEqual([]);
    const cases: Array<
      [string, string, RequestInit & { token?: string | null }, number]
    > = [
      ['/api/v1/applications', 'v1alpha1ApplicationList', {}, 200],
      [
        '/api/v1/applications?selector=kubevirt-gitops.io/vm%20in%20(analytics-db)',
        'v1alpha1ApplicationList',
        {},
        200,
      ],
      [
        '/api/v1/applications?fields=items.metadata.name,items.status.health,items.status.sync',
        'v1alpha1ApplicationList',
        {},
        200,
      ],
      ['/api/v1/applications/dev-1-demo-vm', 'v1alpha1Application', {}, 200],
      [
        '/api/v1/applications/prod-2-analytics-db?refresh=normal',
        'v1alpha1Application',
        {},
        200,
      ],
      ['/api/v1/applications/prod-1-demo-vm', 'v1alpha1Application', {}, 200],
      [
        '/api/v1/applications/dev-1-demo-vm/resource-tree',
        'v1alpha1ApplicationTree',
        {},
        200,
      ],
      [
        '/api/v1/applications/prod-1-analytics-db/resource-tree',
        'v1alpha1ApplicationTree',
        {},
        200,
      ],
      [
        '/api/v1/applications/prod-2-demo-vm/resource-tree',
        'v1alpha1ApplicationTree',
        {},
        200,
      ],
      [
        '/api/v1/applications/dev-1-demo-vm/managed-resources',
        'applicationManagedResourcesResponse',
        {},
        200,
      ],
      [
        vmResourcePath('dev-1-demo-vm', 'demo-vm', 'dev-demo-vm'),
        'applicationApplicationResourceResponse',
        {},
        200,
      ],
      [
        '/api/v1/applications/dev-1-demo-vm/sync',
        'v1alpha1Application',
        { method: 'POST' },
        200,
      ],
      ['/api/v1/applicationsets', 'v1alpha1ApplicationSetList', {}, 200],
      ['/api/v1/applicationsets/demo-vm', 'v1alpha1ApplicationSet', {}, 200],
      ['/api/v1/clusters', 'v1alpha1ClusterList', {}, 200],
      [
        '/api/v1/session',
        'sessionSessionResponse',
        { method: 'POST', token: null, body: JSON.stringify(ADMIN) },
        200,
      ],
      ['/api/version', 'versionVersionMessage', { token: null }, 200],
      ['/api/v1/settings', 'clusterSettings', { token: null }, 200],
      ['/api/v1/applications/missing', 'runtimeError', {}, 403],
      ['/api/v1/applications', 'runtimeError', { token: null }, 401],
      ['/api/v1/applications?selector=in%20(', 'runtimeError', {}, 400],
      [
        vmResourcePath('dev-1-demo-vm', 'demo-vm', 'nope'),
        'runtimeError',
        {},
        404,
      ],
    ];
    for (const [url, definition, init, expectedStatus] of cases) {
      const { status, body } = await harness.api(url, init);
      expect({ url, status }).toEqual({ url, status: expectedStatus });
      expect({
        url,
        errors: schemaErrors(validator(definition), body),
      }).toEqual({ url, errors: [] });
    }
  });

  it('validates stream frames as v1alpha1ApplicationWatchEvent results', async () => {
    const validate = validator('v1alpha1ApplicationWatchEvent');
    const stream = await openSse(
      `${await harness.listen()}/api/v1/stream/applications?selector=kubevirt-gitops.io/cluster%3Ddev-1`,
      API_TOKEN,
    );
    try {
      const events = (await stream.waitFor(2)) as Array<{ result: unknown }>;
      for (const event of events) {
        expect(Object.keys(event)).toEqual(['result']);
        expect(schemaErrors(validate, event.result)).toEqual([]);
      }
    } finally {
      stream.close();
    }
  });
});
