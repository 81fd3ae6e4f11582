/*
 * Rules for names and free text that end up in Git, YAML and pull requests.
 * Each check returns the message of the first rule broken, or undefined.
 */

/** Longest DNS-1123 label (Kubernetes object names, label values). */
export const DNS_LABEL_MAX_LENGTH = 63;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * C0 and C1 control characters, plus Unicode characters that hide or reorder
 * text: line/paragraph separators, zero-width characters, bidi controls and
 * the byte-order mark.
 */
const UNSAFE_CHARACTER =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
// Same, but tab, line feed and carriage return are allowed.
const UNSAFE_MULTILINE_CHARACTER =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

/** Describes a character for an error message: `'а' (U+0430)`. */
export function describeCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
  const printable = codePoint > 0x20 && !UNSAFE_CHARACTER.test(character);
  return printable ? `'${character}' (U+${hex})` : `U+${hex}`;
}

/**
 * Checks a DNS-1123 label (lowercase letters, digits and '-', starting and
 * ending with a letter or digit, at most 63 characters), with a message that
 * says which rule is broken: path separators, whitespace, non-ASCII look-alike
 * characters, capitals, length.
 */
export function checkDnsLabel(value: string): string | undefined {
  if (value.length === 0) {
    return 'must not be empty';
  }
  if (value.includes('/') || value.includes('\\') || value.includes('..')) {
    return "must not contain '/', '\\' or '..' (it becomes a folder in the GitOps repository)";
  }
  const whitespace = /\s/.exec(value);
  if (whitespace) {
    return `must not contain whitespace (found ${describeCharacter(
      whitespace[0],
    )})`;
  }
  const nonAscii = /[^\u0020-\u007e]/u.exec(value);
  if (nonAscii) {
    return `must contain only ASCII lowercase letters, digits and '-' (found ${describeCharacter(
      nonAscii[0],
    )}, which may look like an ASCII letter)`;
  }
  if (/[A-Z]/.test(value)) {
    return 'must be lowercase';
  }
  if (value.length > DNS_LABEL_MAX_LENGTH) {
    return `must be at most ${DNS_LABEL_MAX_LENGTH} characters (it has ${value.length})`;
  }
  if (!DNS_LABEL.test(value)) {
    return /^[a-z0-9-]+$/.test(value)
      ? 'must start and end with a lowercase letter or digit'
      : "must contain only lowercase letters, digits and '-'";
  }
  return undefined;
}

/**
 * Checks a DNS-1123 subdomain (Kubernetes object names such as
 * ApplicationSets): dot-separated labels, at most 253 characters.
 */
export function checkDnsSubdomain(value: string): string | undefined {
  if (value.length === 0) {
    return 'must not be empty';
  }
  if (value.length > 253) {
    return `must be at most 253 characters (it has ${value.length})`;
  }
  if (!DNS_SUBDOMAIN.test(value)) {
    return "must be a Kubernetes object name: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";
  }
  return undefined;
}

/**
 * Checks one line of free text: bounded length, no newlines, no control or
 * invisible characters (so it can never break out of a YAML scalar or a
 * Markdown table cell).
 */
export function checkSingleLineText(
  value: string,
  maxLength: number,
): string | undefined {
  if (value.length > maxLength) {
    return `must be at most ${maxLength} characters (it has ${value.length})`;
  }
  if (/[\r\n]/.test(value)) {
    return 'must be a single line (no line breaks)';
  }
  const unsafe = UNSAFE_CHARACTER.exec(value);
  if (unsafe) {
    return `must not contain control or invisible characters (found ${describeCharacter(
      unsafe[0],
    )})`;
  }
  return undefined;
}

/**
 * Checks multi-line free text: bounded length; tabs and line breaks are
 * allowed, other control or invisible characters are not.
 */
export function checkMultilineText(
  value: string,
  maxLength: number,
): string | undefined {
  if (value.length > maxLength) {
    return `must be at most ${maxLength} characters (it has ${value.length})`;
  }
  const unsafe = UNSAFE_MULTILINE_CHARACTER.exec(value);
  if (unsafe) {
    return `must not contain control or invisible characters (found ${describeCharacter(
      unsafe[0],
    )})`;
  }
  return undefined;
}

const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;

/** Checks a Kubernetes label value (empty, or up to 63 name characters). */
export function checkLabelValue(value: string): string | undefined {
  if (value.length > DNS_LABEL_MAX_LENGTH) {
    return `must be at most ${DNS_LABEL_MAX_LENGTH} characters (it has ${value.length})`;
  }
  if (value !== '' && !LABEL_NAME.test(value)) {
    return "must be a label value: letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  }
  return undefined;
}

/** Checks a Kubernetes label key (`[prefix/]name`). */
export function checkLabelKey(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && checkDnsSubdomain(prefix) !== undefined) {
    return `has an invalid prefix "${prefix}": it must be a DNS subdomain`;
  }
  if (name.length === 0 || checkLabelValue(name) !== undefined) {
    return "must be a label key: an optional DNS-subdomain prefix and '/', then up to 63 letters, digits, '-', '_' or '.'";
  }
  return undefined;
}
