/*
 * Child process of the benchmark: runs the fleet simulator's large fleet
 * (the demo scenario's hub and credentials, a repository of generated VMs
 * only) on free loopback ports, reports its endpoints over IPC, and stops on
 * request. Keeping it in its own process keeps its memory and CPU out of the
 * backend's figures.
 */
import {
  SINGLE_REPOSITORY_SCENARIO_FILE,
  loadScenarioFile,
  startSimulator,
  type SimulatorConnection,
} from '@internal/fleet-simulator';

/** The simulator's endpoints, as the one config builder takes them. */
export interface SimulatorReady extends SimulatorConnection {
  type: 'ready';
  startupSeconds: number;
  clusters: number;
  urls: SimulatorConnection['urls'] & { control: string };
  scenario: {
    repository: { owner: string; repo: string; defaultBranch: string };
  };
}

async function main() {
  const clusters = Number(process.env.BENCH_CLUSTERS ?? '2000');
  const vms = Number(process.env.BENCH_VMS ?? '10');
  const { scenario, baseDir } = await loadScenarioFile(
    SINGLE_REPOSITORY_SCENARIO_FILE,
  );
  scenario.repository = { ...scenario.repository, folder: undefined };
  const started = performance.now();
  const simulator = await startSimulator({
    scenario,
    scenarioBaseDir: baseDir,
    clusters,
    vms,
    ports: { control: 0, argocd: 0, hub: 0, github: 0 },
    timeScale: 20,
    quiet: true,
  });
  const { owner, repo, defaultBranch } = simulator.scenario.repository;
  const ready: SimulatorReady = {
    type: 'ready',
    startupSeconds: (performance.now() - started) / 1000,
    clusters: simulator.scenario.hub.clusters.length,
    urls: simulator.urls,
    ...(simulator.caFile ? { caFile: simulator.caFile } : {}),
    credentials: simulator.credentials,
    scenario: { repository: { owner, repo, defaultBranch } },
  };
  process.send?.(ready);
  process.on('message', message => {
    if (message === 'stop') {
      simulator.stop().finally(() => process.exit(0));
    }
  });
}

main().catch(error => {
  process.stderr.write(`simulator failed: ${String(error)}\n`);
  process.exit(1);
});
