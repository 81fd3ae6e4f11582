/*
 * The rules of a VM request checked once per requested environment: the
 * rendered name, the allowed images, the limits (overrides applied) and the
 * preference's minimum requirements.
 */
import type {
  EnvironmentConfig,
  ImageCatalogEntry,
} from '../config/configTypes';
import { findCommonPreference } from '../sizing/instancetypes';
import { formatBinaryQuantity, tryParseQuantity } from '../sizing/quantity';
import { checkDnsLabel } from './textRules';
import { issueAt, listOrNone, type ValidationIssue } from './validation';
import type { VmRequest, VmRequestContext } from './vmRequestTypes';
import { checkLimits, effectiveSize, resolveVmSize } from '../sizing/vmSizing';

/** The rendered name `<namePrefix><name>` is a DNS-1123 label. */
function checkRenderedName(
  request: VmRequest,
  environment: EnvironmentConfig,
): ValidationIssue[] {
  const rendered = `${environment.namePrefix}${request.name}`;
  const problem = checkDnsLabel(rendered);
  return problem
    ? [
        issueAt(
          ['name'],
          `in ${environment.name} the VM is named "${rendered}", which ${problem}`,
        ),
      ]
    : [];
}

/** The boot source is allowed in the environment. */
function checkImageAllowed(
  request: VmRequest,
  environment: EnvironmentConfig,
  images: readonly ImageCatalogEntry[],
): ValidationIssue[] {
  const allowed = environment.allowedImages;
  if (!allowed) {
    return [];
  }
  const { bootSource } = request;
  if ('containerDisk' in bootSource) {
    return [
      issueAt(
        ['bootSource', 'containerDisk'],
        `container disks are not allowed in ${
          environment.name
        }; choose a catalog image: ${listOrNone(allowed)}`,
      ),
    ];
  }
  const inCatalog = images.some(image => image.id === bootSource.image);
  // An image missing from the catalog is reported once, by checkCatalogImage.
  return !inCatalog || allowed.includes(bootSource.image)
    ? []
    : [
        issueAt(
          ['bootSource', 'image'],
          `image "${bootSource.image}" is not allowed in ${
            environment.name
          } (allowed: ${listOrNone(allowed)})`,
        ),
      ];
}

/** vCPUs, memory and root disk within the environment's limits. */
function checkEnvironmentLimits(
  request: VmRequest,
  environment: EnvironmentConfig,
): ValidationIssue[] {
  const { size, field } = effectiveSize(request, environment.name);
  const resolved = resolveVmSize(size);
  if (!resolved) {
    return [];
  }
  const byInstancetype = 'instancetype' in size;
  const fieldOf = (resource: 'vcpus' | 'memory'): Array<string | number> =>
    byInstancetype ? [...field, 'instancetype'] : [...field, resource];
  const what = byInstancetype ? `${resolved.label} has` : 'requests';
  return checkLimits(resolved, request.rootDiskSize, environment)
    .filter(check => !check.withinLimit)
    .map(check => {
      switch (check.resource) {
        case 'vcpus':
          return issueAt(
            fieldOf('vcpus'),
            `${what} ${check.requested} vCPUs, over the ${environment.name} limit of ${check.limit} vCPUs`,
          );
        case 'memory':
          return issueAt(
            fieldOf('memory'),
            `${what} ${check.requested} memory, over the ${environment.name} limit of ${check.limit}`,
          );
        default:
          return issueAt(
            ['rootDiskSize'],
            `${check.requested} is over the ${environment.name} root disk limit of ${check.limit}`,
          );
      }
    });
}

/** The size meets the preference's minimum vCPUs and memory. */
function checkPreferenceRequirements(
  request: VmRequest,
  preference: string | undefined,
  environment: EnvironmentConfig,
): ValidationIssue[] {
  const requirements = preference && findCommonPreference(preference);
  const { size, field } = effectiveSize(request, environment.name);
  const resolved = resolveVmSize(size);
  if (!requirements || !resolved) {
    return [];
  }
  const byInstancetype = 'instancetype' in size;
  const problems: ValidationIssue[] = [];
  if (
    requirements.minVcpus !== undefined &&
    resolved.vcpus < requirements.minVcpus
  ) {
    problems.push(
      issueAt(
        byInstancetype ? [...field, 'instancetype'] : [...field, 'vcpus'],
        `${requirements.name} needs at least ${requirements.minVcpus} vCPUs; ${resolved.label} has ${resolved.vcpus}`,
      ),
    );
  }
  const minMemory =
    requirements.minMemory && tryParseQuantity(requirements.minMemory);
  if (minMemory && resolved.memoryBytes < minMemory) {
    problems.push(
      issueAt(
        byInstancetype ? [...field, 'instancetype'] : [...field, 'memory'],
        `${requirements.name} needs at least ${formatBinaryQuantity(
          minMemory,
        )} memory; ${resolved.label} has ${resolved.memory}`,
      ),
    );
  }
  return problems;
}

/** Every per-environment rule, for each configured environment requested once. */
export function checkEachEnvironment(
  request: VmRequest,
  context: VmRequestContext,
  preference: string | undefined,
): ValidationIssue[] {
  const names = [...new Set(request.environments)];
  const seen = new Set<string>();
  return names.flatMap(name => {
    const environment = context.environments.find(env => env.name === name);
    if (!environment) {
      return [];
    }
    const problems = [
      ...checkRenderedName(request, environment),
      ...checkImageAllowed(request, environment, context.images),
      ...checkEnvironmentLimits(request, environment),
      ...checkPreferenceRequirements(request, preference, environment),
    ];
    // The same problem found in two environments is reported once.
    return problems.filter(problem => {
      const key = `${problem.field}\u0000${problem.message}`;
      const duplicate = seen.has(key);
      seen.add(key);
      return !duplicate;
    });
  });
}
