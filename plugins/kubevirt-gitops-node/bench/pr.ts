/*
 * Benchmark: GitHub calls, sequential round trips and wall time of opening
 * one VM pull request for 1, 3 and 10 environments, with 50 ms of latency
 * injected into every simulated GitHub call, side by side with Backstage's
 * core publish:github:pull-request action opening a pull request with the
 * same files and reviewers (it has no labels).
 *
 *   yarn workspace @internal/plugin-kubevirt-gitops-node bench
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createPublishGithubPullRequestAction } from '@backstage/plugin-scaffolder-backend-module-github';
import {
  SINGLE_REPOSITORY_SCENARIO_FILE,
  startSimulator,
  type RunningSimulator,
} from '@internal/fleet-simulator';
import {
  parseGitopsConfig,
  type GitopsConfig,
} from '@internal/plugin-kubevirt-gitops-common';
import {
  checkVmOperationInput,
  createIntegrationClientFactory,
  createVmPullRequestWriter,
  type VmChangeSet,
} from '../src';

const LATENCY_MS = 50;
const RUNS = 3;
const SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINGllMjfwshMnmEtGDjjofz3g+fbAoKYVrimpyQ8RWwr jane@example.com';

interface Call {
  start: number;
  end: number;
}

interface Measure {
  calls: number;
  roundTrips: number;
  ms: number;
}

const silentLogger: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => silentLogger,
};

function gitopsConfig(environments: number): GitopsConfig {
  const names = [
    'dev',
    'prod',
    ...Array.from(
      { length: Math.max(0, environments - 2) },
      (_, i) => `env${i + 3}`,
    ),
  ];
  return parseGitopsConfig({
    repoUrl: 'https://github.com/demo-org/gitops-demo',
    environments: names.slice(0, environments).map(name => ({
      name,
      limits: { maxVcpus: 16, maxMemory: '64Gi', maxRootDisk: '500Gi' },
      reviewers: name === 'prod' ? ['platform-reviewer'] : undefined,
      teamReviewers: name === 'prod' ? ['platform-team'] : undefined,
    })),
    images: [
      {
        id: 'fedora',
        title: 'Fedora',
        preference: 'fedora',
        source: {
          kind: 'dataSource',
          name: 'fedora',
          namespace: 'openshift-virtualization-os-images',
        },
      },
    ],
  });
}

async function githubLog(sim: RunningSimulator): Promise<Call[]> {
  const response = await fetch(`${sim.urls.control}/log?upstream=github`);
  const body = (await response.json()) as {
    entries: Array<{ time: string; durationMs: number }>;
  };
  return body.entries.map(entry => {
    const start = Date.parse(entry.time);
    return { start, end: start + entry.durationMs };
  });
}

function roundTrips(calls: readonly Call[]): number {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  sorted.forEach((call, index) => {
    let longest = 0;
    for (let j = 0; j < index; j++) {
      if (sorted[j].end <= call.start) longest = Math.max(longest, depth[j]);
    }
    depth.push(longest + 1);
  });
  return Math.max(0, ...depth);
}

async function measure(
  sim: RunningSimulator,
  run: () => Promise<void>,
): Promise<Measure> {
  await fetch(`${sim.urls.control}/log`, { method: 'DELETE' });
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  const calls = await githubLog(sim);
  return { calls: calls.length, roundTrips: roundTrips(calls), ms };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function oursOnce(
  sim: RunningSimulator,
  config: GitopsConfig,
  vm: string,
): Promise<{ measure: Measure; changeSet: VmChangeSet }> {
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        github: [
          {
            host: 'github.com',
            apiBaseUrl: sim.urls.githubApi,
            token: sim.credentials.github.token,
          },
        ],
      },
    }),
  );
  const writer = createVmPullRequestWriter({
    config,
    clientFactory: createIntegrationClientFactory({ integrations }),
  });
  const operation = checkVmOperationInput(
    {
      operation: 'create',
      request: {
        name: vm,
        namespace: 'vms',
        owner: 'group:default/platform-team',
        environments: config.environments.map(env => env.name),
        size: { instancetype: 'u1.medium' },
        bootSource: { image: 'fedora' },
        rootDiskSize: '30Gi',
        runStrategy: 'Always',
        sshKeys: [SSH_KEY],
        purpose: 'Benchmark VM',
      },
    },
    config,
  );
  let changeSet: VmChangeSet | undefined;
  const result = await measure(sim, async () => {
    changeSet = (await writer.openPullRequest({ operation })).changeSet;
  });
  if (!changeSet) throw new Error('no change set');
  return { measure: result, changeSet };
}

async function coreOnce(
  sim: RunningSimulator,
  config: GitopsConfig,
  changeSet: VmChangeSet,
  branch: string,
): Promise<Measure> {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'bench-core-pr-'));
  for (const file of changeSet.files) {
    if ('content' in file) {
      await mkdir(path.dirname(path.join(workspace, file.path)), {
        recursive: true,
      });
      await writeFile(path.join(workspace, file.path), file.content);
    }
  }
  const appConfig = new ConfigReader({
    integrations: {
      github: [
        {
          host: 'github.com',
          apiBaseUrl: sim.urls.githubApi,
          token: sim.credentials.github.token,
        },
      ],
    },
  });
  const action = createPublishGithubPullRequestAction({
    integrations: ScmIntegrations.fromConfig(appConfig),
    config: appConfig,
  });
  const environments = config.environments.filter(env =>
    changeSet.changedEnvironments.includes(env.name),
  );
  const input = {
    repoUrl: 'github.com?owner=demo-org&repo=gitops-demo',
    branchName: branch,
    title: changeSet.title,
    description: changeSet.description,
    reviewers: environments.flatMap(env => env.reviewers ?? []),
    teamReviewers: environments.flatMap(env => env.teamReviewers ?? []),
  };
  try {
    return await measure(sim, async () => {
      await action.handler({
        logger: silentLogger,
        workspacePath: workspace,
        input,
        output: () => {},
        checkpoint: async ({ fn }) => fn(),
        createTemporaryDirectory: async () =>
          mkdtemp(path.join(os.tmpdir(), 'bench-tmp-')),
        getInitiatorCredentials: async () => ({
          $$type: '@backstage/BackstageCredentials',
          principal: { type: 'none' },
        }),
        task: { id: 'bench' },
      });
    });
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
}

function row(cells: Array<string | number>): string {
  return `| ${cells.join(' | ')} |`;
}

async function main() {
  const sim = await startSimulator({
    // one repository, demo-org/gitops-demo, with the seed-style demo-vm
    scenario: SINGLE_REPOSITORY_SCENARIO_FILE,
    ports: { control: 0, argocd: 0, hub: 0, github: 0 },
    quiet: true,
    hubTls: false,
  });
  try {
    await fetch(`${sim.urls.control}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        upstream: 'github',
        pathPattern: '.*',
        latencyMs: LATENCY_MS,
      }),
    });
    const lines = [
      `One VM pull request against the fleet simulator's GitHub, ${LATENCY_MS} ms latency per call, median of ${RUNS} runs.`,
      '',
      row([
        'environments',
        'files',
        'kubevirt:vm:pull-request calls',
        'round trips',
        'wall ms',
        'publish:github:pull-request calls',
        'round trips',
        'wall ms',
        'calls ratio',
        'time ratio',
      ]),
      row(Array.from({ length: 10 }, () => '---')),
    ];
    for (const environments of [1, 3, 10]) {
      const config = gitopsConfig(environments);
      const ours: Measure[] = [];
      const core: Measure[] = [];
      let files = 0;
      for (let runIndex = 0; runIndex < RUNS; runIndex++) {
        const vm = `bench-${environments}-${runIndex}`;
        const result = await oursOnce(sim, config, vm);
        ours.push(result.measure);
        files = result.changeSet.files.length;
        core.push(
          await coreOnce(sim, config, result.changeSet, `core-bench/${vm}`),
        );
      }
      const summary = (measures: Measure[]) => ({
        calls: median(measures.map(m => m.calls)),
        roundTrips: median(measures.map(m => m.roundTrips)),
        ms: median(measures.map(m => m.ms)),
      });
      const a = summary(ours);
      const b = summary(core);
      lines.push(
        row([
          environments,
          files,
          a.calls,
          a.roundTrips,
          Math.round(a.ms),
          b.calls,
          b.roundTrips,
          Math.round(b.ms),
          `${(b.calls / a.calls).toFixed(2)}x`,
          `${(b.ms / a.ms).toFixed(2)}x`,
        ]),
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await sim.stop();
  }
}

main().catch(error => {
  process.stderr.write(
    `${
      error instanceof Error ? error.stack ?? error.message : String(error)
    }\n`,
  );
  process.exitCode = 1;
});
