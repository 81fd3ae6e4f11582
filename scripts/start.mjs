#!/usr/bin/env node
// `make start`: the fleet simulator (ArgoCD, OCM hub and GitHub stand-ins on
// 127.0.0.1:7100-7103, scenario packages/fleet-simulator/scenarios/demo.yaml),
// then the app on :3000 and the backend on :7007 (`backstage-cli repo start`).
// Ctrl-C stops everything.
//
// The simulator is not started when app-config.local.yaml configures
// `kubevirtGitops:` itself (pointing the plugins at a real ArgoCD, OCM hub and
// GitHub), or when SIMULATOR=off.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startSimulator, stopAll } from './lib/processes.mjs';
import { spawn } from 'node:child_process';

const root = resolve(import.meta.dirname, '..');
const localConfig = join(root, 'app-config.local.yaml');

function simulatorWanted() {
  if (process.env.SIMULATOR === 'off') {
    console.log('start: SIMULATOR=off, not starting the fleet simulator');
    return false;
  }
  if (
    existsSync(localConfig) &&
    /^kubevirtGitops:/m.test(readFileSync(localConfig, 'utf8'))
  ) {
    console.log(
      'start: app-config.local.yaml configures kubevirtGitops, so the fleet simulator is not started',
    );
    return false;
  }
  return true;
}

// Without the reference folder the simulator does not serve the seed
// repository; then nothing is adopted, so discovery keeps reading the demo
// repository instead of failing on the missing one.
let configArgs = [];
if (simulatorWanted()) {
  let simulator;
  try {
    simulator = await startSimulator({
      root,
      logDir: join(root, '.simulator'),
    });
  } catch (error) {
    console.error(`start: the fleet simulator did not start: ${error.message}`);
    await stopAll();
    process.exit(1);
  }
  console.log(readFileSync(simulator.logFile, 'utf8'));
  console.log(`start: fleet simulator running (log: ${simulator.logFile})`);
  if (
    /0xFelix\/gitops-demo not served/.test(
      readFileSync(simulator.logFile, 'utf8'),
    )
  ) {
    const noSeed = join(root, '.simulator', 'app-config.no-seed.yaml');
    // JSON is YAML
    writeFileSync(
      noSeed,
      JSON.stringify({
        kubevirtGitops: { gitops: { adoptedRepositories: [] } },
      }),
    );
    configArgs = [
      '--config',
      join(root, 'app-config.yaml'),
      ...(existsSync(localConfig) ? ['--config', localConfig] : []),
      '--config',
      noSeed,
    ];
    console.log(
      `start: the seed repository is not served, so kubevirtGitops.gitops.adoptedRepositories is emptied (${noSeed}); set KUBEVIRT_GITOPS_REFERENCE_DIR to a folder holding seed-gitops-repo to get demo-vm`,
    );
  }
}

const app = spawn('yarn', ['start', ...configArgs, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  detached: true,
});
const stop = async () => {
  try {
    process.kill(-app.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  await stopAll();
};
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());
app.on('exit', async code => {
  await stopAll();
  process.exit(code ?? 0);
});
