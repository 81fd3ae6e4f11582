/*
 * The two backends the benchmark compares, each in a test backend (mock
 * auth, ALLOW permissions, an in-memory catalog) in this process:
 * `@internal/plugin-kubevirt-gitops-backend` with the real scheduler, and
 * `@backstage-community/plugin-ocm-backend` pointed at the same hub.
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { AddressInfo } from 'node:net';
import { simulatorConfig } from '../src/__testUtils__/simulatorConfig';
import kubevirtGitopsPlugin from '../src';
import type { SimulatorReady } from './simulatorProcess';

export interface RunningBackend {
  baseUrl: string;
  stop(): Promise<void>;
}

function baseUrlOf(server: { address(): string | AddressInfo | null }): string {
  const address = server.address();
  if (!address || typeof address === 'string')
    throw new Error('backend is not listening');
  return `http://127.0.0.1:${address.port}`;
}

/** The generated VMs as catalog entities (as their catalog-info.yaml declares them). */
export function vmEntities(names: string[]): Entity[] {
  return names.map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'kubevirt-gitops.io/vm-name': name,
        'kubevirt-gitops.io/argocd-app-selector': `kubevirt-gitops.io/vm=${name}`,
        'kubevirt-gitops.io/gitops-path': `applicationsets/vms/${name}`,
      },
    },
    spec: { type: 'virtual-machine', owner: 'group:default/platform-team' },
  }));
}

/** Starts our plugin against the simulator. */
export async function startKubevirtGitopsBackend(
  simulator: SimulatorReady,
  entities: Entity[],
  fleetIntervalSeconds: number,
): Promise<RunningBackend> {
  const config = simulatorConfig(simulator, {
    refresh: {
      fleetIntervalSeconds,
      detailTtlSeconds: 15,
      pullRequestTtlSeconds: 60,
    },
    timeouts: { argocdMs: 20000, hubMs: 10000, githubMs: 5000 },
  });
  const backend = await startTestBackend({
    features: [
      kubevirtGitopsPlugin,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      schedulerServiceFactory,
      catalogServiceMock.factory({ entities }),
    ],
  });
  return { baseUrl: baseUrlOf(backend.server), stop: () => backend.stop() };
}

/** Starts the community OCM backend against a hub URL. */
export async function startCommunityOcmBackend(
  hubUrl: string,
  token: string,
  ca: string,
): Promise<RunningBackend> {
  const { ocmPlugin } = await import('@backstage-community/plugin-ocm-backend');
  const backend = await startTestBackend({
    features: [
      ocmPlugin,
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            providers: {
              ocm: {
                sim: {
                  name: 'sim-hub',
                  url: hubUrl,
                  serviceAccountToken: token,
                  caData: Buffer.from(ca).toString('base64'),
                },
              },
            },
          },
        },
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
  });
  return { baseUrl: baseUrlOf(backend.server), stop: () => backend.stop() };
}
