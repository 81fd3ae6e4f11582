// The stack the fault suite runs against: the fleet simulator (demo
// scenario, time at 1x) and one backend from packages/backend's
// testing/faultsBackend.ts entry (every feature of index.ts, with the
// steerable test policy of testing/steerablePolicy.ts), SQLite in memory,
// everything on free loopback ports, with a short refresh interval so a
// fault and its recovery each take seconds.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  freePort,
  startProcess,
  startSimulator,
  waitForHttp,
} from '../lib/processes.mjs';
import {
  simulatorBackstageConfig,
  simulatorConnection,
} from '../../packages/fleet-simulator/src/backstageConfig/index.ts';

export const root = resolve(import.meta.dirname, '../..');
export const resultsDir = join(root, 'test-results', 'faults');
export const logDir = join(resultsDir, 'logs');

/** Seconds between scheduled fleet refreshes in the fault suite. */
export const INTERVAL_S = 2;
/** Upstream timeouts (ms): a 5 s slow answer still arrives, a hang gives up. */
export const TIMEOUTS = { argocdMs: 8000, hubMs: 8000, githubMs: 8000 };

/** The credentials the suite configures; the secret scan looks for each. */
export function newSecrets() {
  return {
    // the simulator's scenario values (packages/fleet-simulator/scenarios/demo.yaml)
    githubToken: 'github-simulator-demo-token',
    argocdPassword: 'simulator-demo-password',
    hubToken: 'hub-simulator-demo-token',
    // this run's own
    staticToken: randomBytes(24).toString('hex'),
    restrictedToken: randomBytes(24).toString('hex'),
    backendSecret: randomBytes(24).toString('hex'),
  };
}

/**
 * Starts the simulator and the backend. Returns URLs, the secrets, the
 * policy file (write `{ deny: [...], hiddenEntities: [...] }` to steer the
 * policy) and the log files.
 */
export async function startStack({ name = 'faults', extraConfig = {} } = {}) {
  // one folder per run (runs may overlap: free ports, own folders)
  const dir = join(resultsDir, `${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  const logs = join(dir, 'logs');
  mkdirSync(logs, { recursive: true });
  const ports = {
    backend: await freePort(),
    control: await freePort(),
    argocd: await freePort(),
    hub: await freePort(),
    github: await freePort(),
  };
  const secrets = newSecrets();
  const simulatorStateDir = join(dir, 'simulator-state');
  const referenceDir = join(dir, 'no-reference');
  mkdirSync(referenceDir, { recursive: true });
  const simulator = await startSimulator({
    root,
    logDir: logs,
    stateDir: simulatorStateDir,
    ports,
    extraArgs: [
      '--time-scale',
      '1',
      '--reference-dir',
      referenceDir,
      '--hide-credentials',
    ],
  });
  const simulatorConfig = simulatorBackstageConfig(
    simulatorConnection(ports, simulatorStateDir, {
      argocd: { username: 'admin', password: secrets.argocdPassword },
      hub: { token: secrets.hubToken },
      github: { token: secrets.githubToken },
    }),
    { clusterSets: ['managed'], argocdUiUrl: true },
  );
  const sim = port => `http://127.0.0.1:${port}`;
  const backendUrl = `http://127.0.0.1:${ports.backend}`;
  const policyFile = join(dir, 'policy.json');
  const probeFile = join(dir, 'probe.jsonl');
  writeFileSync(policyFile, JSON.stringify({ deny: [], hiddenEntities: [] }));
  const config = {
    app: { baseUrl: backendUrl },
    backend: {
      baseUrl: backendUrl,
      listen: { host: '127.0.0.1', port: ports.backend },
      auth: {
        keys: [{ secret: secrets.backendSecret }],
        externalAccess: [
          {
            type: 'static',
            options: { token: secrets.staticToken, subject: 'faults-suite' },
          },
          {
            // a service token configured for the catalog only
            type: 'static',
            options: {
              token: secrets.restrictedToken,
              subject: 'catalog-only',
            },
            accessRestrictions: [{ plugin: 'catalog' }],
          },
        ],
      },
    },
    integrations: simulatorConfig.integrations,
    kubevirtGitops: {
      gitops: {
        adoptedRepositories: [],
        // app-config.yaml's environments, and one no cluster belongs to
        // (the bad-input family asks for a VM there)
        environments: [
          ...parseYaml(readFileSync(join(root, 'app-config.yaml'), 'utf8'))
            .kubevirtGitops.gitops.environments,
          {
            name: 'staging',
            title: 'Staging (no clusters)',
            limits: { maxVcpus: 8, maxMemory: '32Gi', maxRootDisk: '100Gi' },
          },
        ],
      },
      ...simulatorConfig.kubevirtGitops,
      refresh: {
        fleetIntervalSeconds: INTERVAL_S,
        detailTtlSeconds: 1,
        pullRequestTtlSeconds: 1,
        // The suite injects faults into the scheduled lists; an open watch
        // does not see a fault on a new request. The watches' own faults
        // (cut streams, 410 Gone, a refused stream) are tested in the
        // backend's src/live/upstream.
        watch: false,
        // nor the live signals' rereads of watched VMs: the families count
        // upstream calls per route (authorization: 0 per denial)
        liveRecheckSeconds: { pending: 3600, settled: 3600 },
        // nor the request tracker's reads of open requests' pull requests
        requestCheckSeconds: 3600,
      },
      timeouts: TIMEOUTS,
      ...extraConfig.kubevirtGitops,
    },
    ...Object.fromEntries(
      Object.entries(extraConfig).filter(([key]) => key !== 'kubevirtGitops'),
    ),
  };
  const configFile = join(dir, 'app-config.faults.yaml');
  // JSON is YAML
  writeFileSync(configFile, JSON.stringify(config, null, 1));
  const backend = startProcess(
    'backend',
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      join(root, 'scripts/faults/probe.cjs'),
      '--require',
      '@backstage/cli-node/config/nodeTransform.cjs',
      'src/testing/faultsBackend.ts',
      '--config',
      '../../app-config.yaml',
      '--config',
      '../../app-config.e2e.yaml',
      '--config',
      configFile,
    ],
    {
      cwd: join(root, 'packages/backend'),
      env: {
        NODE_ENV: 'development',
        KUBEVIRT_GITOPS_TEST_POLICY_FILE: policyFile,
        KUBEVIRT_GITOPS_PROBE_FILE: probeFile,
        GITHUB_WEBHOOK_SECRET: randomBytes(12).toString('hex'),
      },
      logDir: logs,
    },
  );
  await waitForHttp(`${backendUrl}/.backstage/health/v1/readiness`, {
    timeoutMs: 240_000,
    process: backend,
  });
  // the catalog has read the demo's VMs (the suite's routes need entities)
  const token = await guestToken(backendUrl);
  const catalogDeadline = Date.now() + 180_000;
  for (;;) {
    const res = await fetch(
      `${backendUrl}/api/catalog/entities?filter=metadata.annotations.kubevirt-gitops.io/vm-name`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (res.ok && (await res.json()).length > 0) break;
    if (Date.now() > catalogDeadline) {
      throw new Error(
        `the catalog has no VM entity after 180 s; see ${backend.logFile}`,
      );
    }
    await new Promise(r => setTimeout(r, 500));
  }
  const control = sim(ports.control);
  return {
    ports,
    backendUrl,
    controlUrl: control,
    githubApiUrl: `${sim(ports.github)}/api/v3`,
    secrets,
    policyFile,
    probeFile,
    configFile,
    dir,
    processes: { simulator, backend },
    logFiles: [simulator.logFile, backend.logFile],
  };
}

/** A guest user's Backstage token (user:development/guest). */
export async function guestToken(backendUrl) {
  const res = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in: HTTP ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

/** Sets the steerable policy's rules (read again on every decision). */
export function setPolicy(stack, rules) {
  writeFileSync(
    stack.policyFile,
    JSON.stringify({ deny: [], hiddenEntities: [], ...rules }),
  );
}

/** The simulator's request log since `sinceIndex` (entries), per upstream. */
export async function upstreamLog(stack) {
  const res = await fetch(`${stack.controlUrl}/log`);
  if (!res.ok) throw new Error(`simulator /log: HTTP ${res.status}`);
  return (await res.json()).entries;
}

/** Repositories, branches, commits and pull requests in the simulated GitHub. */
export async function githubCounts(stack, repo = 'demo-org/gitops-demo') {
  const headers = { authorization: `token ${stack.secrets.githubToken}` };
  const get = async path => {
    const res = await fetch(`${stack.githubApiUrl}/repos/${repo}${path}`, {
      headers,
    });
    if (!res.ok) throw new Error(`GitHub ${path}: HTTP ${res.status}`);
    return res.json();
  };
  const pulls = await get('/pulls?state=all&per_page=100');
  const refs = await get('/git/matching-refs/heads/');
  const commits = await get('/commits?per_page=100');
  return {
    pulls: pulls.length,
    branches: refs.length,
    commits: commits.length,
    headCommits: refs.map(ref => ref.object.sha).sort(),
  };
}

export const sleep = ms => new Promise(r => setTimeout(r, ms));
