import type { JsonObject } from '../argocd/health';
import { asObject, asObjectArray, asString } from '../argocd/health/types';
import { parseQuantity } from './quantity';

export type RunStrategy =
  | 'Always'
  | 'Halted'
  | 'Manual'
  | 'RerunOnFailure'
  | 'Once';

/** What the simulator needs to know about a VirtualMachine manifest. */
export interface VmFacts {
  runStrategy: RunStrategy;
  /** Whether the run strategy starts the VM without a user action. */
  wantsRunning: boolean;
  /** Guest memory in bytes, when the manifest or its instancetype says. */
  memoryBytes?: number;
  /** `spec.dataVolumeTemplates`. */
  dataVolumeTemplates: JsonObject[];
  /** The template spec as JSON, to notice changes that need a restart. */
  templateFingerprint: string;
}

const RUN_STRATEGIES = new Set<RunStrategy>([
  'Always',
  'Halted',
  'Manual',
  'RerunOnFailure',
  'Once',
]);

/** Sizes of the common-instancetypes `u1` series (the general-purpose one). */
const U1_MEMORY_GI: Record<string, number> = {
  nano: 0.5,
  micro: 1,
  small: 2,
  medium: 4,
  '2xmedium': 4,
  large: 8,
  xlarge: 16,
  '2xlarge': 32,
  '4xlarge': 64,
  '8xlarge': 128,
};
/** Memory per vCPU relative to `u1` for the other series named like it. */
const SERIES_FACTOR: Record<string, number> = { u1: 1, o1: 1, cx1: 0.5, m1: 2 };

/** Guest memory of a common instancetype name such as `u1.medium`, if known. */
export function instancetypeMemoryBytes(name: string): number | undefined {
  const [series, size] = name.split('.');
  const base = U1_MEMORY_GI[size ?? ''];
  const factor = SERIES_FACTOR[series ?? ''];
  return base === undefined || factor === undefined
    ? undefined
    : base * factor * 2 ** 30;
}

function runStrategyOf(spec: JsonObject | undefined): RunStrategy {
  const strategy = asString(spec?.runStrategy);
  if (strategy && RUN_STRATEGIES.has(strategy as RunStrategy)) {
    return strategy as RunStrategy;
  }
  if (spec?.running === true) {
    return 'Always';
  }
  return 'Halted';
}

function memoryOf(spec: JsonObject | undefined): number | undefined {
  const templateSpec = asObject(asObject(spec?.template)?.spec);
  const domain = asObject(templateSpec?.domain);
  const guest = parseQuantity(asObject(domain?.memory)?.guest);
  const request = parseQuantity(
    asObject(asObject(domain?.resources)?.requests)?.memory,
  );
  if (guest !== undefined || request !== undefined) {
    return Math.max(guest ?? 0, request ?? 0);
  }
  const instancetype = asString(asObject(spec?.instancetype)?.name);
  return instancetype ? instancetypeMemoryBytes(instancetype) : undefined;
}

/** Reads run strategy (`spec.runStrategy`, or the deprecated `spec.running`), memory and volumes. */
export function readVmFacts(vm: JsonObject): VmFacts {
  const spec = asObject(vm.spec);
  const runStrategy = runStrategyOf(spec);
  return {
    runStrategy,
    wantsRunning:
      runStrategy === 'Always' ||
      runStrategy === 'RerunOnFailure' ||
      runStrategy === 'Once',
    memoryBytes: memoryOf(spec),
    dataVolumeTemplates: asObjectArray(spec?.dataVolumeTemplates),
    templateFingerprint: JSON.stringify([
      spec?.template ?? null,
      spec?.instancetype ?? null,
    ]),
  };
}
