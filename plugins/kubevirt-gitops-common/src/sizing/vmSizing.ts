/*
 * Sizes: resolving an instancetype or custom size to vCPUs and memory, the
 * effective size of each environment (overrides applied), and the plan of a
 * request per environment with its limit checks.
 */
import type { EnvironmentConfig } from '../config/configTypes';
import { findCommonInstancetype } from './instancetypes';
import type { VmRunStrategy } from '../state/kubevirt';
import { tryParseQuantity } from './quantity';
import type {
  VmEnvironmentPlan,
  VmLimitCheck,
  VmRequest,
  VmRequestContext,
  VmSize,
} from '../request/vmRequestTypes';

/**
 * A size resolved to guest vCPUs and memory.
 *
 * @public
 */
export interface ResolvedVmSize {
  vcpus: number;
  /** Memory as a quantity, e.g. `4Gi`. */
  memory: string;
  memoryBytes: number;
  /** For people: `u1.medium (1 vCPU, 4Gi)` or `2 vCPUs, 8Gi`. */
  label: string;
}

function vcpuWords(vcpus: number): string {
  return `${vcpus} vCPU${vcpus === 1 ? '' : 's'}`;
}

/**
 * Resolves a size to vCPUs and memory. `undefined` for an unknown
 * instancetype or an unparseable memory quantity.
 *
 * @public
 */
export function resolveVmSize(size: VmSize): ResolvedVmSize | undefined {
  if ('instancetype' in size) {
    const instancetype = findCommonInstancetype(size.instancetype);
    const memoryBytes = instancetype && tryParseQuantity(instancetype.memory);
    if (!instancetype || memoryBytes === undefined) {
      return undefined;
    }
    return {
      vcpus: instancetype.vcpus,
      memory: instancetype.memory,
      memoryBytes,
      label: `${instancetype.name} (${vcpuWords(instancetype.vcpus)}, ${
        instancetype.memory
      })`,
    };
  }
  const memoryBytes = tryParseQuantity(size.memory);
  if (memoryBytes === undefined) {
    return undefined;
  }
  return {
    vcpus: size.vcpus,
    memory: size.memory,
    memoryBytes,
    label: `${vcpuWords(size.vcpus)}, ${size.memory}`,
  };
}

/**
 * The size of one environment (its override, or the request's size) and
 * the field path that holds it (`overrides.prod.size` or `size`).
 */
export function effectiveSize(
  request: Pick<VmRequest, 'size' | 'overrides'>,
  environment: string,
): { size: VmSize; field: Array<string | number> } {
  const override = request.overrides?.[environment]?.size;
  return override
    ? { size: override, field: ['overrides', environment, 'size'] }
    : { size: request.size, field: ['size'] };
}

/** The run strategy of one environment (its override, or the request's). */
export function effectiveRunStrategy(
  request: Pick<VmRequest, 'runStrategy' | 'overrides'>,
  environment: string,
): VmRunStrategy {
  return request.overrides?.[environment]?.runStrategy ?? request.runStrategy;
}

/**
 * Compares a resolved size (and the root disk, when given) with an
 * environment's limits.
 *
 * @public
 */
export function checkLimits(
  resolved: ResolvedVmSize,
  rootDiskSize: string | undefined,
  environment: EnvironmentConfig,
): VmLimitCheck[] {
  const { limits } = environment;
  const maxMemory = tryParseQuantity(limits.maxMemory) ?? 0;
  const checks: VmLimitCheck[] = [
    {
      resource: 'vcpus',
      requested: String(resolved.vcpus),
      limit: String(limits.maxVcpus),
      withinLimit: resolved.vcpus <= limits.maxVcpus,
    },
    {
      resource: 'memory',
      requested: resolved.memory,
      limit: limits.maxMemory,
      withinLimit: resolved.memoryBytes <= maxMemory,
    },
  ];
  if (rootDiskSize !== undefined) {
    const maxRootDisk = tryParseQuantity(limits.maxRootDisk) ?? 0;
    const rootDisk = tryParseQuantity(rootDiskSize) ?? Number.POSITIVE_INFINITY;
    checks.push({
      resource: 'rootDisk',
      requested: rootDiskSize,
      limit: limits.maxRootDisk,
      withinLimit: rootDisk <= maxRootDisk,
    });
  }
  return checks;
}

/**
 * What a validated request becomes in each of its environments: rendered
 * name, effective size and run strategy, and the checks against the
 * environment's limits (for the pull request body). Throws when the request
 * names an unknown environment or instancetype: validate it first.
 *
 * @public
 */
export function planVmEnvironments(
  request: VmRequest,
  context: VmRequestContext,
): VmEnvironmentPlan[] {
  return request.environments.map(name => {
    const environment = context.environments.find(env => env.name === name);
    if (!environment) {
      throw new Error(
        `Unknown environment "${name}"; validate the request first`,
      );
    }
    const { size } = effectiveSize(request, name);
    const resolved = resolveVmSize(size);
    if (!resolved) {
      throw new Error(
        `Unresolvable size in "${name}"; validate the request first`,
      );
    }
    return {
      environment: name,
      vmName: `${environment.namePrefix}${request.name}`,
      size,
      vcpus: resolved.vcpus,
      memory: resolved.memory,
      memoryBytes: resolved.memoryBytes,
      runStrategy: effectiveRunStrategy(request, name),
      limitChecks: checkLimits(resolved, request.rootDiskSize, environment),
    };
  });
}
