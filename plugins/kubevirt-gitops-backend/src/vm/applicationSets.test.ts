/*
 * Issue 18 point 8: ApplicationSets read from ArgoCD's API and shown with
 * their errors; their key carries their namespace.
 *
 * The failing ApplicationSet is our own object, its status shaped after
 * argo-cd resource_customizations/argoproj.io/ApplicationSet/testdata/
 * errorApplicationSetWithStatusMessage.yaml (ErrorOccurred True,
 * ParametersGenerated False, ResourcesUpToDate False); the health rule is
 * that folder's health.lua; the list is `GET /api/v1/applicationsets`
 * (argo-cd assets/swagger.json).
 */
import { mockServices } from '@backstage/backend-test-utils';
import type { VmAnnotations } from '@internal/plugin-kubevirt-gitops-common';
import {
  ARGO_TOKEN,
  ARGO_URL,
  application,
  argoCluster,
  managedCluster,
} from '../__testUtils__/fixtures';
import {
  argocdPart,
  hubPart,
  indexOf,
  snapshotOf,
} from '../__testUtils__/snapshot';
import { createArgocdClient } from '../argocd/ArgocdClient';
import type { FleetViews } from '../fleet/FleetViews';
import {
  applicationSetHealth,
  mapApplicationSet,
} from '../fleet/mapArgoObjects';
import { serializeJson } from '../service/serializedBody';
import { createRedactor } from '../upstream/errors';
import { createVmDetailService } from './VmDetailService';
import { createVmStatusService } from './VmStatusService';

const MERGE_ERROR =
  'found less than two generators, Merge requires two or more';

function applicationSet(name: string, namespace: string, failing: boolean) {
  const at = '2025-03-01T10:00:00Z';
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name, namespace },
    spec: { generators: [{ merge: { generators: [] } }] },
    status: failing
      ? {
          conditions: [
            {
              lastTransitionTime: at,
              message: MERGE_ERROR,
              reason: 'ApplicationGenerationFromParamsError',
              status: 'True',
              type: 'ErrorOccurred',
            },
            {
              lastTransitionTime: at,
              message: MERGE_ERROR,
              reason: 'ErrorOccurred',
              status: 'False',
              type: 'ParametersGenerated',
            },
            {
              lastTransitionTime: at,
              message: MERGE_ERROR,
              reason: 'ApplicationGenerationFromParamsError',
              status: 'False',
              type: 'ResourcesUpToDate',
            },
          ],
        }
      : {
          conditions: [
            {
              lastTransitionTime: at,
              message: 'All applications have been generated successfully',
              reason: 'ApplicationSetUpToDate',
              status: 'True',
              type: 'ResourcesUpToDate',
            },
          ],
          resources: [{ name: `dev-1-${name}`, kind: 'Application' }],
        },
  };
}

function serviceFor(options: {
  applications: unknown[];
  applicationSets: unknown[];
}) {
  const index = indexOf(
    snapshotOf(
      [hubPart({ clusters: [managedCluster({ name: 'dev-1', env: 'dev' })] })],
      [
        argocdPart({
          clusters: [argoCluster('dev-1')],
          applications: options.applications,
          applicationSets: options.applicationSets,
        }),
      ],
    ),
  );
  const views: FleetViews = {
    index: async () => index,
    fleet: async () => serializeJson({}),
    environments: async () => ({
      environments: [],
      errors: [],
      generatedAt: '',
    }),
    choices: async () => ({
      sizes: [],
      images: [],
      uncataloguedImages: [],
      errors: [],
      generatedAt: '',
    }),
  };
  const client = createArgocdClient({
    instance: {
      name: 'main',
      url: ARGO_URL,
      auth: { type: 'token', token: ARGO_TOKEN },
      tls: { skipTLSVerify: false },
      uiUrl: 'https://argocd-ui.test',
      timeoutMs: 200,
    },
    // No detail call is expected to succeed here; the rows stand without it.
    fetch: async () => new Response('{}', { status: 503 }),
  });
  return createVmStatusService({
    views,
    argocd: new Map([['main', client]]),
    details: createVmDetailService({ ttlMs: 10_000 }),
    detail: { maxApplications: 0, concurrency: 1 },
    githubTimeoutMs: 100,
    redact: createRedactor([ARGO_TOKEN]),
    logger: mockServices.logger.mock(),
  });
}

describe('ApplicationSets on the VM tab', () => {
  it("computes an ApplicationSet's health as ArgoCD does", () => {
    expect(mapApplicationSet(applicationSet('web', 'argocd', true))).toEqual({
      name: 'web',
      namespace: 'argocd',
      health: { status: 'Degraded', message: MERGE_ERROR },
      problems: [
        expect.objectContaining({ type: 'ErrorOccurred', status: 'True' }),
        expect.objectContaining({
          type: 'ParametersGenerated',
          status: 'False',
        }),
        expect.objectContaining({ type: 'ResourcesUpToDate', status: 'False' }),
      ],
      applications: [],
    });
    expect(applicationSetHealth([])).toEqual({
      status: 'Progressing',
      message: 'Waiting for the status to be reported',
    });
  });

  it('shows an ApplicationSet in ErrorOccurred that generated nothing, with its error, instead of an empty tab', async () => {
    const annotations: VmAnnotations = {
      vmName: 'web',
      applicationSet: 'web',
      gitopsPath: 'applicationsets/vms/web',
    };
    const response = await serviceFor({
      applications: [],
      applicationSets: [applicationSet('web', 'argocd', true)],
    }).getStatus('resource:default/web', annotations);
    expect(response.rows).toEqual([]);
    expect(response.applicationSets).toEqual([
      expect.objectContaining({
        instance: 'main',
        namespace: 'argocd',
        name: 'web',
        health: { status: 'Degraded', message: MERGE_ERROR },
        applications: 0,
        problems: expect.arrayContaining([
          expect.objectContaining({
            type: 'ErrorOccurred',
            reason: 'ApplicationGenerationFromParamsError',
            message: MERGE_ERROR,
          }),
        ]),
      }),
    ]);
  });

  it('says when the ApplicationSet the entity names is not listed', async () => {
    const response = await serviceFor({
      applications: [],
      applicationSets: [],
    }).getStatus('resource:default/web', {
      vmName: 'web',
      applicationSet: 'web',
    });
    expect(response.errors).toEqual([
      {
        source: 'argocd:main',
        kind: 'not-listed',
        message: expect.stringContaining(
          'ApplicationSet web (annotation kubevirt-gitops.io/applicationset) is not among',
        ),
      },
    ]);
  });

  it('keeps same-named ApplicationSets of two namespaces apart', async () => {
    const inTeam = application({ vm: 'web', cluster: 'dev-1' });
    const response = await serviceFor({
      applications: [
        application({ vm: 'web', cluster: 'dev-1' }),
        {
          ...inTeam,
          metadata: {
            ...inTeam.metadata,
            name: 'team-web',
            namespace: 'team-a',
          },
        },
      ],
      applicationSets: [
        applicationSet('web', 'argocd', false),
        applicationSet('web', 'team-a', true),
      ],
    }).getStatus('resource:default/web', { vmName: 'web' });
    expect(
      response.applicationSets.map(set => [
        set.namespace,
        set.name,
        set.health.status,
      ]),
    ).toEqual([
      ['argocd', 'web', 'Healthy'],
      ['team-a', 'web', 'Degraded'],
    ]);
  });
});
