#!/usr/bin/env node
// End-to-end tests: builds the app, starts the fleet simulator (demo
// scenario, as make start does) and the backend (which serves the built app)
// on loopback, runs the browser tests in e2e/ with node's test
// runner (playwright-core driving Debian's Chromium), and stops everything it
// started, also on failure. Screenshots and logs go to test-results/.
//
// E2E_SKIP_BUILD=1 reuses an existing packages/app/dist (for quick reruns).
// E2E_ONLY=live.test.ts,catalog.test.ts runs only those files of e2e/ (for
// quick reruns; make test runs them all).
//
// `make test` runs it without arguments: it needs nothing beside the checkout
// (the simulator gets an empty reference folder, so the seed repository is
// not served, and no repository is adopted). `--seed` (run by
// `make test-contracts`, with KUBEVIRT_GITOPS_REFERENCE_DIR) serves the seed
// GitOps repository from the reference folder as 0xFelix/gitops-demo,
// adopts it, and runs only e2e/seed-demo-vm.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  aptInstall,
  freePort,
  startProcess,
  startSimulator,
  stopAll,
  waitForHttp,
} from './lib/processes.mjs';
import {
  simulatorBackstageConfig,
  simulatorConnection,
} from '../packages/fleet-simulator/src/backstageConfig/index.ts';

const root = resolve(import.meta.dirname, '..');
const resultsDir = join(root, 'test-results');
const logDir = join(resultsDir, 'logs');
// Free ports picked at run time (not make start's 7007 and 7100-7103), so
// the e2e runs while `make start` is up; the simulator keeps its state
// (the hub CA) in its own folder.
const ports = {
  backend: await freePort(),
  control: await freePort(),
  argocd: await freePort(),
  hub: await freePort(),
  github: await freePort(),
};
const backendUrl = `http://localhost:${ports.backend}`;
const SEED_TESTS = 'seed-demo-vm.test.ts';
const seedMode = process.argv.includes('--seed');
const only = process.env.E2E_ONLY?.split(',').map(f => f.trim());
const referenceDir = seedMode
  ? process.env.KUBEVIRT_GITOPS_REFERENCE_DIR
  : join(resultsDir, 'no-reference');
if (seedMode && !referenceDir) {
  console.error(
    'e2e --seed: set KUBEVIRT_GITOPS_REFERENCE_DIR to the folder holding seed-gitops-repo (make test-contracts does)',
  );
  process.exit(2);
}
const simulatorStateDir = join(resultsDir, 'simulator-state');

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  console.log('e2e: /usr/bin/chromium is missing; installing Debian chromium');
  aptInstall(['chromium'], 'make e2e');
}

function buildApp() {
  if (
    process.env.E2E_SKIP_BUILD === '1' &&
    existsSync(join(root, 'packages/app/dist/index.html'))
  ) {
    console.log('e2e: E2E_SKIP_BUILD=1, reusing packages/app/dist');
    return;
  }
  console.log('e2e: building the app (production bundle)');
  execFileSync('yarn', ['workspace', 'app', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
}

async function startFleetSimulator() {
  const simulator = await startSimulator({
    root,
    logDir,
    stateDir: simulatorStateDir,
    ports,
    // Time runs at 1x (not the demo's 10x) so the browser sees the VM's
    // intermediate states (import, Provisioning, Starting) before Running.
    extraArgs: ['--time-scale', '1', '--reference-dir', referenceDir],
  });
  console.log(`e2e: fleet simulator ready (log: ${simulator.logFile})`);
}

/**
 * app-config.yaml and app-config.e2e.yaml, with every port and the hub CA
 * replaced by this run's (a generated file, given last).
 */
function portsConfig() {
  const simulator = simulatorBackstageConfig(
    simulatorConnection(ports, simulatorStateDir),
    { clusterSets: ['managed'], argocdUiUrl: true },
  );
  const config = {
    app: { baseUrl: backendUrl },
    backend: {
      baseUrl: backendUrl,
      listen: { host: '127.0.0.1', port: ports.backend },
    },
    integrations: simulator.integrations,
    kubevirtGitops: {
      // make test: the seed repository is not served, so none is adopted
      ...(seedMode ? {} : { gitops: { adoptedRepositories: [] } }),
      ...simulator.kubevirtGitops,
    },
  };
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, 'app-config.e2e-ports.yaml');
  // JSON is YAML
  writeFileSync(file, JSON.stringify(config, null, 1));
  return file;
}

async function startBackend() {
  const backend = startProcess(
    'backend',
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      '@backstage/cli-node/config/nodeTransform.cjs',
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      '--config',
      '../../app-config.e2e.yaml',
      '--config',
      portsConfig(),
    ],
    {
      cwd: join(root, 'packages/backend'),
      env: { NODE_ENV: 'development' },
      logDir,
    },
  );
  console.log(`e2e: started the backend (log: ${backend.logFile})`);
  await waitForHttp(`${backendUrl}/.backstage/health/v1/readiness`, {
    timeoutMs: 180_000,
    process: backend,
  });
  console.log('e2e: backend ready');
}

let exitCode = 1;
try {
  if (!seedMode) mkdirSync(referenceDir, { recursive: true });
  if (seedMode && !existsSync(join(referenceDir, 'seed-gitops-repo'))) {
    throw new Error(
      `--seed: ${join(referenceDir, 'seed-gitops-repo')} does not exist`,
    );
  }
  ensureChromium();
  buildApp();
  await startFleetSimulator();
  await startBackend();
  const tests = readdirSync(join(root, 'e2e'))
    .filter(f => f.endsWith('.test.ts'))
    .filter(f => (f === SEED_TESTS) === seedMode)
    .filter(f => !only || only.includes(f))
    .map(f => join('e2e', f));
  const result = spawnSync(
    process.execPath,
    ['--test', '--test-concurrency=1', '--test-reporter=spec', ...tests],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        E2E_BASE_URL: backendUrl,
        E2E_RESULTS_DIR: resultsDir,
        E2E_SIMULATOR_URL: `http://127.0.0.1:${ports.control}`,
        E2E_GITHUB_API_URL: `http://127.0.0.1:${ports.github}/api/v3`,
      },
    },
  );
  exitCode = result.status ?? 1;
} catch (error) {
  console.error(`e2e: ${error.message}`);
} finally {
  await stopAll();
}
process.exit(exitCode);
