/*
 * A real MCP client (@modelcontextprotocol/sdk, Streamable HTTP) against a
 * running backend: this plugin's actions in Backstage's real actions
 * registry and actions service, served as MCP tools by
 * @backstage/plugin-mcp-actions-backend, over the fleet simulator (ArgoCD,
 * OCM hub, GitHub on loopback). The simulator's request log counts what
 * reached the upstreams during each call.
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import {
  AuthorizeResult,
  type AuthorizePermissionRequest,
} from '@backstage/plugin-permission-common';
import { type RunningSimulator } from '@internal/fleet-simulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { AddressInfo } from 'node:net';
import { simulatorConfig } from '../__testUtils__/simulatorConfig';
import {
  simulatorLog,
  startTestSimulator,
} from '../__testUtils__/simulatorHarness';
import { kubevirtGitopsPlugin } from '../plugin';

jest.setTimeout(120_000);

const SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINGllMjfwshMnmEtGDjjofz3g+fbAoKYVrimpyQ8RWwr agent@example.com';

const entity = (name: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'virtual-machine', owner: 'group:default/platform-team' },
});

const entities = [
  entity('demo-vm', {
    'kubevirt-gitops.io/vm-name': 'demo-vm',
    'kubevirt-gitops.io/applicationset': 'demo-vm',
    'kubevirt-gitops.io/gitops-path': 'applicationsets/demo-vm',
  }),
  entity('analytics-db', {
    'kubevirt-gitops.io/vm-name': 'analytics-db',
    'kubevirt-gitops.io/gitops-path': 'applicationsets/vms/analytics-db',
  }),
];

/** What the test permission policy denies (permission names, or name@entity). */
const denied = new Set<string>();

function decide(request: AuthorizePermissionRequest) {
  const name = request.permission.name;
  const scoped =
    'resourceRef' in request && request.resourceRef
      ? `${name}@${request.resourceRef}`
      : undefined;
  return {
    result:
      denied.has(name) || (scoped && denied.has(scoped))
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  } as const;
}

/** The parts of the tools' JSON output these tests read. */
interface ToolOutput {
  clusters?: Array<{ name?: string; cluster?: string }>;
  environments?: Array<{ name: string }>;
  pullRequestUrl?: string;
  requestedBy?: string;
  files?: Array<{ path: string; change: string }>;
}

describe('MCP: the kubevirt-gitops tools through @backstage/plugin-mcp-actions-backend', () => {
  let sim: RunningSimulator;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let client: Client;
  const auditor = mockServices.auditor.mock();
  const auditEvents: Array<{ eventId: string; meta?: unknown }> = [];
  const outcomes: Array<{ kind: 'success' | 'fail'; meta?: unknown }> = [];

  const upstreamCalls = async (upstream: 'github' | 'argocd' | 'hub') =>
    (await simulatorLog(sim, { upstream })).length;
  const allUpstreamCalls = async () =>
    (await upstreamCalls('github')) +
    (await upstreamCalls('argocd')) +
    (await upstreamCalls('hub'));
  const openPulls = async () => {
    const res = await fetch(
      `${sim.urls.githubApi}/repos/demo-org/gitops-demo/pulls?state=all&per_page=100`,
      { headers: { authorization: `token ${sim.credentials.github.token}` } },
    );
    return (await res.json()) as Array<{
      html_url: string;
      head: { ref: string };
    }>;
  };

  async function call(name: string, args: Record<string, unknown>) {
    const result = (await client.callTool({
      name: `kubevirt-gitops.${name}`,
      arguments: args,
    })) as {
      isError?: boolean;
      content: Array<{ type: string; text?: string }>;
      structuredContent?: unknown;
    };
    const text = result.content.map(part => part.text ?? '').join('\n');
    let json: ToolOutput = {};
    try {
      json = JSON.parse(text) as ToolOutput;
    } catch {
      // an error's text, not JSON: json stays empty
    }
    return { isError: Boolean(result.isError), text, json };
  }

  beforeAll(async () => {
    sim = await startTestSimulator();
    auditor.createEvent.mockImplementation(async options => {
      auditEvents.push({ eventId: options.eventId, meta: options.meta });
      return {
        success: async ({ meta } = {}) => {
          outcomes.push({ kind: 'success', meta });
        },
        fail: async ({ meta }) => {
          outcomes.push({ kind: 'fail', meta });
        },
      };
    });
    // One snapshot refresh at start, then none for an hour: any upstream
    // call during a test is one the tool made.
    const config = simulatorConfig(sim, {
      refresh: {
        fleetIntervalSeconds: 3600,
        detailTtlSeconds: 1,
        pullRequestTtlSeconds: 5,
      },
    });
    backend = await startTestBackend({
      features: [
        kubevirtGitopsPlugin,
        mcpActionsPlugin,
        // the real scheduler, so the snapshot refreshes at start
        schedulerServiceFactory,
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        auditor.factory,
        mockServices.rootConfig.factory({
          data: {
            ...config,
            backend: { actions: { pluginSources: ['kubevirt-gitops'] } },
            app: { baseUrl: 'http://backstage.test' },
          },
        }),
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(request =>
              decide(request as AuthorizePermissionRequest),
            ),
        }).factory,
        catalogServiceMock.factory({ entities }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    client = new Client({ name: 'kubevirt-gitops-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`http://127.0.0.1:${port}/api/mcp-actions/v1`),
        {
          requestInit: {
            headers: { Authorization: mockCredentials.user.header() },
          },
        },
      ),
    );
    // the fleet snapshot is ready once the fleet lists the demo clusters
    const deadline = Date.now() + 30_000;
    for (;;) {
      const fleet = await call('get-fleet', {});
      if (!fleet.isError && fleet.json.clusters?.length === 4) break;
      if (Date.now() > deadline) throw new Error(`no fleet: ${fleet.text}`);
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  });

  afterAll(async () => {
    // Each step is timed: a teardown that hangs says which step it is.
    const step = async (name: string, run: () => Promise<void> | undefined) => {
      const started = Date.now();
      const slow = setTimeout(
        () =>
          console.warn(`mcp test teardown: ${name} still running after 10 s`),
        10_000,
      );
      try {
        await run();
      } finally {
        clearTimeout(slow);
        const ms = Date.now() - started;
        if (ms > 10_000)
          console.warn(`mcp test teardown: ${name} took ${ms} ms`);
      }
    };
    await step('the MCP client', () => client?.close());
    await step('the backend', () => backend?.stop());
    await step('the simulator', () => sim?.stop());
  });

  beforeEach(() => denied.clear());

  it('lists the tools, read-only ones marked so and decommission destructive', async () => {
    const { tools } = await client.listTools();
    const ours = tools.filter(tool => tool.name.startsWith('kubevirt-gitops.'));
    expect(ours.map(tool => tool.name).sort()).toEqual(
      [
        'decommission-vm',
        'get-fleet',
        'get-vm-status',
        'list-environments',
        'list-vm-pull-requests',
        'request-vm',
        'resize-vm',
        'set-vm-run-strategy',
      ].map(name => `kubevirt-gitops.${name}`),
    );
    const hints = Object.fromEntries(
      ours.map(tool => [
        tool.name.replace('kubevirt-gitops.', ''),
        [tool.annotations?.readOnlyHint, tool.annotations?.destructiveHint],
      ]),
    );
    expect(hints['get-fleet']).toEqual([true, false]);
    expect(hints['get-vm-status']).toEqual([true, false]);
    expect(hints['request-vm']).toEqual([false, false]);
    expect(hints['decommission-vm']).toEqual([false, true]);
  });

  it('reads the demo fleet and a VM from the snapshot, with 0 upstream calls per call', async () => {
    const before = await allUpstreamCalls();
    const fleet = await call('get-fleet', {});
    const dev = await call('get-fleet', { environment: 'dev' });
    const environments = await call('list-environments', {});
    const vm = await call('get-vm-status', {
      entityRef: 'resource:default/demo-vm',
    });
    const after = await allUpstreamCalls();
    expect({ fleet: fleet.isError, vm: vm.isError }).toEqual({
      fleet: false,
      vm: false,
    });
    expect((fleet.json.clusters ?? []).map(c => c.name)).toEqual([
      'dev-cluster-1',
      'dev-cluster-2',
      'prod-cluster-1',
      'prod-cluster-2',
    ]);
    expect((dev.json.clusters ?? []).map(c => c.name)).toEqual([
      'dev-cluster-1',
      'dev-cluster-2',
    ]);
    expect((environments.json.environments ?? []).map(e => e.name)).toEqual([
      'dev',
      'prod',
    ]);
    expect((vm.json.clusters ?? []).map(c => c.cluster).sort()).toEqual([
      'dev-cluster-1',
      'dev-cluster-2',
      'prod-cluster-1',
      'prod-cluster-2',
    ]);
    expect(after - before).toBe(0);
  });

  it('requests a VM and gets a pull request in the simulated GitHub, audited with the caller', async () => {
    const name = `mcp-${Date.now().toString(36).slice(-5)}`;
    const result = await call('request-vm', {
      request: {
        name,
        namespace: 'vms',
        owner: 'group:default/app-team',
        environments: ['dev'],
        size: { instancetype: 'u1.small' },
        bootSource: { containerDisk: 'quay.io/containerdisks/fedora:42' },
        preference: 'fedora',
        rootDiskSize: '30Gi',
        runStrategy: 'Always',
        sshKeys: [SSH_KEY],
        purpose: 'Asked by an agent over MCP',
      },
    });
    expect({
      isError: result.isError,
      text: result.isError ? result.text : '',
    }).toEqual({ isError: false, text: '' });
    expect(result.json.pullRequestUrl).toMatch(
      /\/demo-org\/gitops-demo\/pull\/\d+$/,
    );
    expect(result.json.requestedBy).toBe('user:default/mock');
    expect((result.json.files ?? []).map(f => f.path)).toEqual(
      expect.arrayContaining([
        `applicationsets/vms/${name}/kustomize/dev/kustomization.yaml`,
      ]),
    );
    const pulls = await openPulls();
    expect(pulls.map(pull => pull.html_url)).toContain(
      result.json.pullRequestUrl,
    );
    expect(auditEvents).toContainEqual({
      eventId: 'vm-pull-request',
      meta: expect.objectContaining({
        actor: 'user:default/mock',
        operation: 'create',
      }),
    });
    expect(outcomes).toContainEqual({
      kind: 'success',
      meta: expect.objectContaining({
        entityRef: `resource:default/${name}`,
        pullRequest: result.json.pullRequestUrl,
      }),
    });
  });

  it('a dry run returns the plan and opens nothing', async () => {
    const before = (await openPulls()).length;
    const result = await call('set-vm-run-strategy', {
      entityRef: 'resource:default/demo-vm',
      runStrategy: 'Halted',
      environments: ['dev'],
      dryRun: true,
    });
    expect({
      isError: result.isError,
      text: result.isError ? result.text : '',
    }).toEqual({ isError: false, text: '' });
    expect(result.json).toMatchObject({
      dryRun: true,
      branch: 'kubevirt-gitops/set-run-strategy/demo-vm',
      files: [
        {
          path: 'applicationsets/demo-vm/kustomize/dev/kustomization.yaml',
          change: 'write',
        },
      ],
    });
    expect(result.json.pullRequestUrl).toBeUndefined();
    expect((await openPulls()).length).toBe(before);
  });

  it('with the write permission denied: no pull request, no branch, 0 upstream calls', async () => {
    denied.add('kubevirt-gitops.vm.pull-request.create');
    const pullsBefore = (await openPulls()).length;
    const githubBefore = await upstreamCalls('github');
    const result = await call('set-vm-run-strategy', {
      entityRef: 'resource:default/demo-vm',
      runStrategy: 'Halted',
    });
    const githubAfter = await upstreamCalls('github');
    // the visibility permission hides the action from this caller: invoking
    // it is "not found", and it is not listed
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(
      /Action "kubevirt-gitops\.set-vm-run-strategy" not found/,
    );
    const { tools } = await client.listTools();
    expect(tools.map(tool => tool.name)).not.toContain(
      'kubevirt-gitops.set-vm-run-strategy',
    );
    expect(tools.map(tool => tool.name)).toContain('kubevirt-gitops.get-fleet');
    // the two counting calls of this test are the only GitHub requests
    expect(githubAfter - githubBefore).toBe(0);
    expect((await openPulls()).length).toBe(pullsBefore);
  });

  it('an entity the caller cannot read is not found, for reads and writes alike', async () => {
    denied.add('kubevirt-gitops.vm.read@resource:default/analytics-db');
    const read = await call('get-vm-status', {
      entityRef: 'resource:default/analytics-db',
    });
    expect(read.isError).toBe(true);
    expect(read.text).toMatch(/not found/i);
    const missing = await call('get-vm-status', {
      entityRef: 'resource:default/no-such-vm',
    });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/not found/i);
    const write = await call('decommission-vm', {
      entityRef: 'resource:default/analytics-db',
      reason: 'agent says so',
      dryRun: true,
    });
    expect(write.isError).toBe(true);
    expect(write.text).toMatch(/not found/i);
  });
});
