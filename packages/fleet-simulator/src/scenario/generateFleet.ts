import { seededRandom } from '../server/random';
import type { Scenario } from './schema';
import { vmFolderFiles } from './vmFolder';

/** Options of {@link generateFleet}. */
export interface FleetOptions {
  clusters: number;
  /** VMs in the repository, each deployed to every cluster (clusters × vms Applications). */
  vms: number;
  seed?: number;
  envs?: readonly string[];
  /** Cluster set the generated clusters join (default: the scenario's first, or `managed`). */
  clusterSet?: string;
}

const SIZES = [
  {
    cpu: '32',
    memory: '131921384Ki',
    allocCpu: '31500m',
    allocMemory: '129824232Ki',
  },
  {
    cpu: '64',
    memory: '263842772Ki',
    allocCpu: '63500m',
    allocMemory: '261745620Ki',
  },
  {
    cpu: '128',
    memory: '527685544Ki',
    allocCpu: '127500m',
    allocMemory: '525588392Ki',
  },
];

function pad(index: number, total: number): string {
  return String(index).padStart(String(total).length, '0');
}

/**
 * A large fleet on top of a scenario: `clusters` generated clusters replace
 * the scenario's (envs in turn, about 2% with a stopped lease and 1%
 * unavailable, seeded), and `vms` VM folders in the `per-vm-applicationset`
 * layout are added to its first repository, each selecting every env.
 */
export function generateFleet(base: Scenario, options: FleetOptions): Scenario {
  const random = seededRandom(options.seed ?? base.seed);
  const envs = options.envs ?? ['dev', 'prod'];
  const clusterSet =
    options.clusterSet ?? base.hub.clusterSets[0]?.name ?? 'managed';
  const clusters = Array.from({ length: options.clusters }, (_, index) => {
    const roll = random();
    const size = SIZES[Math.floor(random() * SIZES.length)];
    let availability: 'True' | 'False' | 'Unknown' = 'True';
    if (roll < 0.02) availability = 'Unknown';
    else if (roll < 0.03) availability = 'False';
    return {
      name: `cluster-${pad(index + 1, options.clusters)}`,
      clusterSet,
      env: envs[index % envs.length],
      availability,
      kubeVersion: 'v1.30.4',
      capacity: {
        cpu: size.cpu,
        memory: size.memory,
        pods: '250',
        'devices.kubevirt.io/kvm': '1k',
      },
      allocatable: {
        cpu: size.allocCpu,
        memory: size.allocMemory,
        pods: '250',
        'devices.kubevirt.io/kvm': '1k',
      },
    };
  });
  const [first, ...others] = base.repositories;
  const { owner, repo } = first;
  const files: Record<string, string> = { ...first.files };
  for (let index = 1; index <= options.vms; index += 1) {
    Object.assign(
      files,
      vmFolderFiles({
        vm: `fleet-vm-${pad(index, options.vms)}`,
        envs,
        repoUrl: `https://github.com/${owner}/${repo}.git`,
        argocdNamespace: base.argocd.namespace,
      }),
    );
  }
  const clusterSets = base.hub.clusterSets.some(s => s.name === clusterSet)
    ? base.hub.clusterSets
    : [...base.hub.clusterSets, { name: clusterSet }];
  return {
    ...base,
    name: `${base.name}-fleet-${options.clusters}x${options.vms}`,
    hub: { ...base.hub, clusterSets, clusters },
    repository: { ...first, files },
    repositories: [{ ...first, files }, ...others],
  };
}
