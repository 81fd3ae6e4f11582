import type {
  FleetImage,
  VmImageChoice,
} from '@internal/plugin-kubevirt-gitops-common';
import { plural } from '../shared/format';

/** How many uncatalogued images the note names before `…`. */
const NAMED_UNCATALOGUED = 5;

/** `Fedora (fedora)`, or the id alone when it is the title. */
export function imageLabel(image: VmImageChoice): string {
  return image.title === image.id
    ? image.title
    : `${image.title} (${image.id})`;
}

/**
 * Where the fleet has the image: `on 3 clusters`, a warning when no cluster
 * reports its DataSource, nothing for a container disk (pulled on demand).
 */
export function describeReportedOn(image: VmImageChoice): string | undefined {
  if (image.reportedOn === undefined) {
    return undefined;
  }
  return image.reportedOn.length > 0
    ? `on ${plural(image.reportedOn.length, 'cluster')}`
    : 'no cluster reports this DataSource';
}

/** The chosen environments that do not allow the image. */
export function disallowingEnvironments(
  image: VmImageChoice,
  environments: string[],
): string[] {
  return environments.filter(env => !image.allowedIn.includes(env));
}

/** `not allowed in prod (allowedImages)`. */
export function notAllowedReason(environments: string[]): string {
  return `not allowed in ${environments.join(', ')} (allowedImages)`;
}

/**
 * `The fleet also has 2 images not in the catalog
 * (kubevirtGitops.gitops.images): os-images/rhel9, os-images/win11.`
 */
export function describeUncatalogued(images: FleetImage[]): string {
  const named = images
    .slice(0, NAMED_UNCATALOGUED)
    .map(image => `${image.namespace}/${image.name}`);
  const more = images.length > NAMED_UNCATALOGUED ? ', …' : '';
  return `The fleet also has ${plural(
    images.length,
    'image',
  )} not in the catalog (kubevirtGitops.gitops.images): ${named.join(
    ', ',
  )}${more}`;
}
