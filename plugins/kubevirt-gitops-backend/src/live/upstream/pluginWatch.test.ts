/*
 * The plugin with its default refresh.watch (on) against the fleet
 * simulator: the fleet route follows a hub change within about a second,
 * without a LIST, while the scheduled lists stay off (the watching replica
 * lists only as its safety net).
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { type RunningSimulator } from '@internal/fleet-simulator';
import type { FleetResponse } from '@internal/plugin-kubevirt-gitops-common';
import request from 'supertest';
import { kubevirtGitopsPlugin } from '../../plugin';
import { simulatorConfig } from '../../__testUtils__/simulatorConfig';
import {
  simulatorLog,
  startTestSimulator,
  untilWith,
} from '../../__testUtils__/simulatorHarness';

jest.setTimeout(90_000);

const until = untilWith({ intervalMs: 50 });

describe('the plugin with upstream watches', () => {
  let simulator: RunningSimulator;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const logger = mockServices.logger.mock();

  const fleet = async (): Promise<FleetResponse> =>
    (
      await request(backend.server)
        .get('/api/kubevirt-gitops/fleet')
        .set('Authorization', mockCredentials.user.header())
    ).body;
  const hubRequests = async (since: Date) => {
    const entries = await simulatorLog(simulator, { upstream: 'hub', since });
    const clusters = entries.filter(entry =>
      entry.path.endsWith('/managedclusters'),
    );
    return {
      lists: clusters.filter(entry => !/(^|&)watch=true/.test(entry.query))
        .length,
      watches: clusters.filter(entry => /(^|&)watch=true/.test(entry.query))
        .length,
    };
  };

  beforeAll(async () => {
    simulator = await startTestSimulator();
    backend = await startTestBackend({
      features: [
        kubevirtGitopsPlugin,
        mockServices.rootConfig.factory({ data: simulatorConfig(simulator) }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        schedulerServiceFactory,
        logger.factory,
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await simulator?.stop();
  });

  it('follows a cluster availability change within about a second, with no LIST, and lists no more than the watches need', async () => {
    const started = new Date();
    const first = await until(fleet, body =>
      body.clusters?.some(
        cluster =>
          cluster.name === 'dev-cluster-1' &&
          cluster.availability === 'available',
      ),
    );
    expect(
      first.clusters.find(cluster => cluster.name === 'dev-cluster-1')
        ?.availability,
    ).toBe('available');
    // the watches are up: their lists are done
    await until(
      async () => (await hubRequests(started)).watches,
      watches => watches >= 1,
    );
    await new Promise(resolve => setTimeout(resolve, 1500));
    const since = new Date();
    const changedAt = Date.now();
    simulator.setAvailability('dev-cluster-1', 'False');
    const after = await until(
      fleet,
      body =>
        body.clusters?.find(cluster => cluster.name === 'dev-cluster-1')
          ?.availability !== 'available',
      5000,
    );
    const latencyMs = Date.now() - changedAt;
    expect(
      after.clusters.find(cluster => cluster.name === 'dev-cluster-1')
        ?.availability,
    ).not.toBe('available');
    expect(latencyMs).toBeLessThan(1500);
    // fleetIntervalSeconds is 1 here: without watches, about one LIST a
    // second; with them, none over 3 s (the safety net is 5 minutes away)
    await new Promise(resolve => setTimeout(resolve, 3000));
    expect((await hubRequests(since)).lists).toBe(0);
    // the other clusters as they were
    const others = (body: FleetResponse) =>
      body.clusters
        .filter(cluster => cluster.name !== 'dev-cluster-1')
        .map(cluster => `${cluster.name}:${cluster.availability}`);
    expect(others(await fleet())).toEqual(others(first));
    // eslint-disable-next-line no-console
    console.log(
      `plugin watch: /fleet showed the change after ${latencyMs} ms; hub ManagedCluster LISTs since start ${
        (await hubRequests(started)).lists
      }`,
    );
    simulator.setAvailability('dev-cluster-1', 'True');
  });
});
