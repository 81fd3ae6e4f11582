/*
 * Child process of `yarn bench:live`: runs the fleet simulator at one size
 * on free loopback ports and reports its endpoints over IPC; stops on
 * request. In its own process so that its CPU (the simulated ArgoCD, hub and
 * VM loop) is not counted in the backend's event loop.
 *
 *   BENCH_LIVE_SIZE=demo   the bundled demo scenario (what `make start` runs)
 *   BENCH_LIVE_SIZE=large  the single-repository scenario's hub and
 *                          credentials with BENCH_LIVE_CLUSTERS generated
 *                          clusters and BENCH_LIVE_VMS generated VMs (one
 *                          Application per VM and cluster)
 */
import {
  DEMO_SCENARIO_FILE,
  SINGLE_REPOSITORY_SCENARIO_FILE,
  loadScenarioFile,
  startSimulator,
  type RunningSimulator,
} from '@internal/fleet-simulator';
import type { SimulatorEndpoints } from '../src/__testUtils__/simulatorConfig';

/** What the parent gets once the simulator answers. */
export interface LiveSimulatorReady extends SimulatorEndpoints {
  type: 'ready';
  startupSeconds: number;
  clusters: number;
  applications: number;
  timeScale: number;
  urls: SimulatorEndpoints['urls'] & { control: string };
}

async function start(): Promise<RunningSimulator> {
  const ports = { control: 0, argocd: 0, hub: 0, github: 0 };
  if (process.env.BENCH_LIVE_SIZE === 'large') {
    const { scenario, baseDir } = await loadScenarioFile(
      SINGLE_REPOSITORY_SCENARIO_FILE,
    );
    scenario.repository = { ...scenario.repository, folder: undefined };
    return startSimulator({
      scenario,
      scenarioBaseDir: baseDir,
      clusters: Number(process.env.BENCH_LIVE_CLUSTERS ?? '2000'),
      vms: Number(process.env.BENCH_LIVE_VMS ?? '10'),
      ports,
      timeScale: 20,
      quiet: true,
    });
  }
  return startSimulator({
    scenario: DEMO_SCENARIO_FILE,
    ports,
    timeScale: 20,
    quiet: true,
  });
}

async function main() {
  const started = performance.now();
  const simulator = await start();
  const ready: LiveSimulatorReady = {
    type: 'ready',
    startupSeconds: (performance.now() - started) / 1000,
    clusters: simulator.scenario.hub.clusters.length,
    applications: simulator.argocd.applications().length,
    timeScale: simulator.clock.timeScale,
    urls: simulator.urls,
    ...(simulator.caFile ? { caFile: simulator.caFile } : {}),
    credentials: simulator.credentials,
    scenario: {
      repository: simulator.repositories[0],
      repositories: simulator.repositories,
    },
    skippedRepositories: simulator.skippedRepositories,
  };
  process.send?.(ready);
  process.on('message', message => {
    if (message === 'stop') {
      simulator.stop().finally(() => process.exit(0));
    }
  });
  process.on('disconnect', () => {
    simulator.stop().finally(() => process.exit(0));
  });
}

main().catch(error => {
  process.stderr.write(`simulator failed: ${String(error)}\n`);
  process.exit(1);
});
