/*
 * The rules of a VM request that need the configuration and apply to the
 * request as a whole: known environments, overrides, instancetypes, catalog
 * image, preference, duplicate SSH keys. Per-environment rules are in
 * vmEnvironmentRules.ts. Each returns issues naming the field.
 */
import type { ImageCatalogEntry } from '../config/configTypes';
import {
  findCommonInstancetype,
  findCommonPreference,
} from '../sizing/instancetypes';
import { issueAt, listOrNone, type ValidationIssue } from './validation';
import type { VmRequest, VmRequestContext } from './vmRequestTypes';

/** Every requested environment is configured, and listed once. */
export function checkEnvironments(
  request: VmRequest,
  context: VmRequestContext,
): ValidationIssue[] {
  const configured = context.environments.map(env => env.name);
  const seen = new Set<string>();
  return request.environments.flatMap((name, index) => {
    const problems: ValidationIssue[] = [];
    if (!configured.includes(name)) {
      problems.push(
        issueAt(
          ['environments', index],
          `unknown environment "${name}"; configured environments: ${listOrNone(
            configured,
          )}`,
        ),
      );
    } else if (seen.has(name)) {
      problems.push(
        issueAt(['environments', index], `"${name}" is listed twice`),
      );
    }
    seen.add(name);
    return problems;
  });
}

/** Overrides only name environments that the request deploys to. */
export function checkOverrideKeys(request: VmRequest): ValidationIssue[] {
  return Object.keys(request.overrides ?? {}).flatMap(name =>
    request.environments.includes(name)
      ? []
      : [
          issueAt(
            ['overrides', name],
            `"${name}" is not one of the requested environments (${request.environments.join(
              ', ',
            )})`,
          ),
        ],
  );
}

/** Every instancetype (request and overrides) is a common instancetype. */
export function checkInstancetypes(
  request: Pick<VmRequest, 'size' | 'overrides'>,
): ValidationIssue[] {
  const sizes: Array<[Array<string | number>, VmRequest['size']]> = [
    [['size'], request.size],
    ...Object.entries(request.overrides ?? {}).flatMap(
      ([name, override]): Array<[Array<string | number>, VmRequest['size']]> =>
        override.size ? [[['overrides', name, 'size'], override.size]] : [],
    ),
  ];
  return sizes.flatMap(([path, size]) =>
    'instancetype' in size && !findCommonInstancetype(size.instancetype)
      ? [
          issueAt(
            [...path, 'instancetype'],
            `unknown instancetype "${size.instancetype}"; use a common instancetype such as u1.small, u1.medium or u1.large`,
          ),
        ]
      : [],
  );
}

/** The catalog image exists. */
export function checkCatalogImage(
  request: VmRequest,
  images: readonly ImageCatalogEntry[],
): ValidationIssue[] {
  const { bootSource } = request;
  if (!('image' in bootSource)) {
    return [];
  }
  return images.some(image => image.id === bootSource.image)
    ? []
    : [
        issueAt(
          ['bootSource', 'image'],
          `unknown image "${
            bootSource.image
          }"; the image catalog has: ${listOrNone(
            images.map(image => image.id),
          )}`,
        ),
      ];
}

/**
 * Resolves the preference (given, or the catalog image's) and checks it is a
 * common preference or one used by the catalog.
 */
export function resolvePreference(
  request: VmRequest,
  images: readonly ImageCatalogEntry[],
): { preference?: string; issues: ValidationIssue[] } {
  const { bootSource } = request;
  const image =
    'image' in bootSource
      ? images.find(entry => entry.id === bootSource.image)
      : undefined;
  const preference = request.preference ?? image?.preference;
  if (preference === undefined) {
    return {
      issues:
        'containerDisk' in bootSource
          ? [
              issueAt(
                ['preference'],
                'is required when booting from a container disk (e.g. fedora, ubuntu)',
              ),
            ]
          : [],
    };
  }
  const known =
    findCommonPreference(preference) !== undefined ||
    images.some(entry => entry.preference === preference);
  return known
    ? { preference, issues: [] }
    : {
        issues: [
          issueAt(
            ['preference'],
            `unknown preference "${preference}"; use a common preference such as fedora, ubuntu, rhel.9, windows.11`,
          ),
        ],
      };
}

/** No SSH key is listed twice. */
export function checkDuplicateSshKeys(request: VmRequest): ValidationIssue[] {
  const firstIndex = new Map<string, number>();
  return request.sshKeys.flatMap((key, index) => {
    const [type, body] = key.trim().split(/[ \t]+/);
    const identity = `${type} ${body}`;
    const first = firstIndex.get(identity);
    if (first !== undefined) {
      return [
        issueAt(['sshKeys', index], `is the same key as sshKeys[${first}]`),
      ];
    }
    firstIndex.set(identity, index);
    return [];
  });
}
