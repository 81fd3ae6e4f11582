/*
 * `yarn simulator [--scenario FILE] [--time-scale N] [--seed N] [--clusters N --vms N]`
 *
 * Starts the fleet simulator on loopback, prints its URLs, the scenario's
 * credentials and the hub CA file, and stops cleanly on SIGINT/SIGTERM.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { summary } from './summary';
import { ScenarioError } from './scenario';
import type { RunningSimulator, StartSimulatorOptions } from './startSimulator';
import { startSimulator } from './startSimulator';

const USAGE = `Usage: fleet-simulator [options]

  --scenario FILE    scenario YAML (default: scenarios/demo.yaml; one
                     repository only: scenarios/single-repository.yaml)
  --time-scale N     simulated time runs N times faster (default: the scenario's)
  --seed N           seed of random choices (default: the scenario's)
  --clusters N       replace the scenario's clusters by N generated ones
  --vms N            add N generated VMs to the GitOps repository (each on every cluster)
  --hub-http         serve the hub over plain HTTP instead of HTTPS
  --ports C,A,H,G    ports of the control API, ArgoCD, hub and GitHub
                     (default: the scenario's; 0 picks a free port)
  --reference-dir DIR
                     where the scenario's reference: folders are (default:
                     $KUBEVIRT_GITOPS_REFERENCE_DIR, else ../shared/reference
                     beside the monorepo)
  --state-dir DIR    write the hub CA (ca.crt) and server key pair here
                     (default: a new temporary folder)
  --quiet            print only the summary
  --hide-credentials leave the credentials out of the summary (the fault
                     suite scans every log line for them)
  --help             show this help
`;

function positiveNumber(
  name: string,
  value: string | undefined,
  integer: boolean,
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (
    !Number.isFinite(number) ||
    number < 0 ||
    (integer && !Number.isInteger(number))
  ) {
    throw new Error(
      `--${name} must be a ${
        integer ? 'non-negative integer' : 'positive number'
      }, got "${value}"`,
    );
  }
  return number;
}

function parsePorts(value: string | undefined) {
  if (value === undefined) return undefined;
  const parts = value.split(',');
  const ports = parts.map(part => positiveNumber('ports', part.trim(), true));
  if (
    parts.length !== 4 ||
    ports.some(port => port === undefined || port > 65535)
  ) {
    throw new Error(
      `--ports must be four ports (control,argocd,hub,github), got "${value}"`,
    );
  }
  const [control, argocd, hub, github] = ports as number[];
  return { control, argocd, hub, github };
}

type CliOptions = StartSimulatorOptions & { hideCredentials?: boolean };

function parseOptions(argv: string[]): CliOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string' },
      'time-scale': { type: 'string' },
      seed: { type: 'string' },
      clusters: { type: 'string' },
      vms: { type: 'string' },
      'hub-http': { type: 'boolean' },
      ports: { type: 'string' },
      'reference-dir': { type: 'string' },
      'state-dir': { type: 'string' },
      quiet: { type: 'boolean' },
      'hide-credentials': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  // `yarn simulator` runs this in the package folder; resolve the scenario
  // path from where the user typed the command (yarn's INIT_CWD).
  const invokedFrom = process.env.INIT_CWD ?? process.cwd();
  return {
    scenario: values.scenario
      ? path.resolve(invokedFrom, values.scenario)
      : undefined,
    timeScale: positiveNumber('time-scale', values['time-scale'], false),
    seed: positiveNumber('seed', values.seed, true),
    clusters: positiveNumber('clusters', values.clusters, true),
    vms: positiveNumber('vms', values.vms, true),
    hubTls: values['hub-http'] ? false : undefined,
    ports: parsePorts(values.ports),
    referenceDir: values['reference-dir']
      ? path.resolve(invokedFrom, values['reference-dir'])
      : undefined,
    stateDir: values['state-dir']
      ? path.resolve(invokedFrom, values['state-dir'])
      : undefined,
    quiet: values.quiet,
    hideCredentials: values['hide-credentials'],
  };
}

async function main(): Promise<void> {
  let options: CliOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`,
    );
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  let simulator: RunningSimulator;
  try {
    simulator = await startSimulator(options);
  } catch (error) {
    const message =
      error instanceof ScenarioError || error instanceof Error
        ? error.message
        : String(error);
    process.stderr.write(`fleet-simulator failed to start: ${message}\n`);
    process.exit(1);
  }
  process.stdout.write(
    summary(simulator, { hideCredentials: options.hideCredentials }),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the fleet simulator\n`);
    simulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(
          `fleet-simulator did not stop cleanly: ${String(error)}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `fleet-simulator: ${
      error instanceof Error ? error.stack : String(error)
    }\n`,
  );
  process.exit(1);
});
