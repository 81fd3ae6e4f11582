/*
 * Starts the simulated GitHub on 127.0.0.1 (random port) with a manual
 * clock, and an @octokit/rest client pointed at its /api/v3.
 */
import { createServer } from 'node:http';
import { Octokit } from '@octokit/rest';
import { createGithubSimulator } from '../index';
import type { Clock, UpstreamHandler } from '../../contracts';
import type { GithubSimulator, GithubSimulatorOptions } from '../types';

export const TEST_TOKEN = 'ghp_simulatortoken';

export interface ManualClock extends Clock {
  advance(ms: number): void;
}

export function manualClock(
  start = Date.parse('2025-01-15T09:00:00Z'),
): ManualClock {
  let now = start;
  return {
    now: () => new Date(now),
    setTimeout(fn, simulatedMs) {
      const timer = setTimeout(fn, simulatedMs);
      return () => clearTimeout(timer);
    },
    timeScale: 1,
    advance(ms) {
      now += ms;
    },
  };
}

export const SEED_FILES: Record<string, string> = {
  'README.md': '# GitOps\n',
  'catalog-info.yaml':
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: gitops\nspec:\n  type: service\n  owner: platform\n  lifecycle: production\n',
  'applicationsets/demo-vm/applicationset.yaml':
    'kind: ApplicationSet\nmetadata:\n  name: demo-vm\n',
  'applicationsets/demo-vm/kustomize/base/kustomization.yaml':
    'resources:\n- virtualmachine.yaml\n',
  'applicationsets/demo-vm/kustomize/base/virtualmachine.yaml':
    'kind: VirtualMachine\nmetadata:\n  name: demo-vm\nspec:\n  runStrategy: Always\n',
  'applicationsets/demo-vm/catalog-info.yaml':
    'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: demo-vm\nspec:\n  type: virtual-machine\n  owner: platform\n',
};

export interface TestGithub {
  simulator: GithubSimulator;
  clock: ManualClock;
  webUrl: string;
  apiUrl: string;
  octokit: Octokit;
  /** An Octokit with another token. */
  octokitWith(token: string | undefined): Octokit;
  close(): Promise<void>;
}

export async function startTestGithub(
  overrides: Partial<Omit<GithubSimulatorOptions, 'publicUrl' | 'clock'>> = {},
  /** Wraps the simulator's handler, e.g. to inject faults. */
  wrap: (handler: UpstreamHandler) => UpstreamHandler = handler => handler,
): Promise<TestGithub> {
  const target: { handler?: UpstreamHandler } = {};
  const server = createServer((req, res) => {
    if (!target.handler) throw new Error('simulator not ready');
    return target.handler(req, res);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string')
    throw new Error('no TCP address');
  const { port } = address;
  const webUrl = `http://127.0.0.1:${port}`;
  const clock = manualClock();
  const simulator = createGithubSimulator({
    clock,
    publicUrl: webUrl,
    tokens: [TEST_TOKEN],
    users: [{ login: 'backstage-bot' }, { login: 'alice' }, { login: 'bob' }],
    teams: [{ org: 'acme', slug: 'platform-team' }],
    repos: [
      {
        owner: 'acme',
        repo: 'gitops',
        defaultBranch: 'main',
        files: SEED_FILES,
        description: 'GitOps repository',
      },
    ],
    ...overrides,
  });
  target.handler = wrap(simulator.handler);
  const apiUrl = `${webUrl}/api/v3`;
  const octokitWith = (token: string | undefined) =>
    new Octokit({
      baseUrl: apiUrl,
      ...(token ? { auth: token } : {}),
      log: { debug() {}, info() {}, warn() {}, error() {} },
    });
  return {
    simulator,
    clock,
    webUrl,
    apiUrl,
    octokit: octokitWith(TEST_TOKEN),
    octokitWith,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
