/*
 * Container image references (`quay.io/containerdisks/fedora:42`,
 * `registry:5000/team/image@sha256:<64 hex>`), following the grammar of
 * github.com/distribution/reference.
 */
import { describeCharacter } from './textRules';

/** Longest accepted image reference. */
export const MAX_IMAGE_REFERENCE_LENGTH = 512;

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?)`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = 'sha256:[a-f0-9]{64}';
const IMAGE_REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`,
);

/**
 * Checks a container image reference. Returns the message of the rule broken,
 * or `undefined` when it is acceptable.
 *
 * @public
 */
export function checkImageReference(reference: string): string | undefined {
  if (reference.length === 0) {
    return 'must not be empty';
  }
  if (reference.length > MAX_IMAGE_REFERENCE_LENGTH) {
    return `must be at most ${MAX_IMAGE_REFERENCE_LENGTH} characters (it has ${reference.length})`;
  }
  const unexpected = /[^\x21-\x7e]/.exec(reference);
  if (unexpected) {
    return `must not contain whitespace, control or non-ASCII characters (found ${describeCharacter(
      unexpected[0],
    )})`;
  }
  if (/^[a-z]+:\/\//.test(reference)) {
    return 'must be an image reference without a scheme, e.g. quay.io/containerdisks/fedora:42';
  }
  if (!IMAGE_REFERENCE.test(reference)) {
    return 'must be an image reference such as quay.io/containerdisks/fedora:42 (lowercase repository path, optional :tag and @sha256: digest)';
  }
  return undefined;
}
