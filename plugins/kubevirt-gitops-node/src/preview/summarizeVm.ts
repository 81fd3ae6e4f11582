/*
 * Reads what a reviewer needs from a rendered VirtualMachine: name, size,
 * run strategy, image, root disk, and the checks against the environment's
 * limits.
 */
import type { JsonObject, JsonValue } from '@backstage/types';
import {
  resolveVmSize,
  tryParseQuantity,
  type EnvironmentConfig,
  type VmLimitCheck,
} from '@internal/plugin-kubevirt-gitops-common';
import type { EnvironmentSummary } from '../operations/types';

function at(
  value: JsonValue | undefined,
  ...path: Array<string | number>
): JsonValue | undefined {
  let current = value;
  for (const key of path) {
    if (typeof key === 'number') {
      current = Array.isArray(current) ? current[key] : undefined;
    } else {
      current =
        typeof current === 'object' &&
        current !== null &&
        !Array.isArray(current)
          ? current[key]
          : undefined;
    }
  }
  return current;
}

function text(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function count(value: JsonValue | undefined): number {
  return typeof value === 'number' && value > 0 ? value : 1;
}

function vcpuWords(vcpus: number): string {
  return `${vcpus} vCPU${vcpus === 1 ? '' : 's'}`;
}

function readSize(vm: JsonObject): {
  vcpus?: number;
  memory?: string;
  label: string;
} {
  const instancetype = text(at(vm, 'spec', 'instancetype', 'name'));
  if (instancetype) {
    // the same label the request's size gets (common's resolveVmSize)
    const known = resolveVmSize({ instancetype });
    return known
      ? { vcpus: known.vcpus, memory: known.memory, label: known.label }
      : { label: `${instancetype} (not a common instancetype)` };
  }
  const domain = at(vm, 'spec', 'template', 'spec', 'domain');
  const cpu = at(domain, 'cpu');
  const vcpus =
    cpu === undefined
      ? 1
      : count(at(cpu, 'cores')) *
        count(at(cpu, 'sockets')) *
        count(at(cpu, 'threads'));
  const memory =
    text(at(domain, 'memory', 'guest')) ??
    text(at(domain, 'resources', 'requests', 'memory'));
  return {
    vcpus,
    memory,
    label: `${vcpuWords(vcpus)}, ${memory ?? 'memory not set'}`,
  };
}

function readImage(vm: JsonObject): string {
  const template = at(vm, 'spec', 'dataVolumeTemplates', 0, 'spec');
  const sourceRef = at(template, 'sourceRef');
  if (sourceRef) {
    return `DataSource ${text(at(sourceRef, 'namespace')) ?? ''}/${
      text(at(sourceRef, 'name')) ?? ''
    }`;
  }
  const registry = text(at(template, 'source', 'registry', 'url'));
  if (registry) return registry.replace(/^docker:\/\//, '');
  const volumes = at(vm, 'spec', 'template', 'spec', 'volumes');
  const disk = Array.isArray(volumes)
    ? volumes
        .map(volume => text(at(volume, 'containerDisk', 'image')))
        .find(Boolean)
    : undefined;
  return disk ?? 'unknown';
}

function readRunStrategy(vm: JsonObject): string {
  const strategy = text(at(vm, 'spec', 'runStrategy'));
  if (strategy) return strategy;
  const running = at(vm, 'spec', 'running');
  if (typeof running === 'boolean')
    return running ? 'Always (running: true)' : 'Halted (running: false)';
  return 'not set';
}

function check(
  resource: VmLimitCheck['resource'],
  requested: string | undefined,
  limit: string,
  within: (r: string) => boolean,
): VmLimitCheck[] {
  return requested === undefined
    ? []
    : [{ resource, requested, limit, withinLimit: within(requested) }];
}

/** The summary of the first VirtualMachine in an environment's manifests. */
export function summarizeVm(
  objects: readonly JsonObject[],
  environment: EnvironmentConfig,
): EnvironmentSummary | undefined {
  const vm = objects.find(object => object.kind === 'VirtualMachine');
  if (!vm) return undefined;
  const size = readSize(vm);
  const rootDisk = text(
    at(
      vm,
      'spec',
      'dataVolumeTemplates',
      0,
      'spec',
      'storage',
      'resources',
      'requests',
      'storage',
    ),
  );
  const { limits } = environment;
  const maxMemory = tryParseQuantity(limits.maxMemory) ?? 0;
  const maxRootDisk = tryParseQuantity(limits.maxRootDisk) ?? 0;
  const limitChecks = [
    ...check(
      'vcpus',
      size.vcpus === undefined ? undefined : String(size.vcpus),
      String(limits.maxVcpus),
      r => Number(r) <= limits.maxVcpus,
    ),
    ...check(
      'memory',
      size.memory,
      limits.maxMemory,
      r => (tryParseQuantity(r) ?? Infinity) <= maxMemory,
    ),
    ...check(
      'rootDisk',
      rootDisk,
      limits.maxRootDisk,
      r => (tryParseQuantity(r) ?? Infinity) <= maxRootDisk,
    ),
  ];
  return {
    environment: environment.name,
    vmName: text(at(vm, 'metadata', 'name')) ?? '',
    sizeLabel: size.label,
    runStrategy: readRunStrategy(vm),
    image: readImage(vm),
    rootDisk: rootDisk ?? 'not set',
    limitChecks,
  };
}
