/*
 * The result shape shared by every validator in this package, and the
 * conversion of zod issues into it.
 */
import type { ZodIssue } from 'zod';

/**
 * One broken rule: the field path (`environments[1]`, `sshKeys[0]`,
 * `overrides.prod.size.memory`) and what is wrong with it.
 *
 * @public
 */
export interface ValidationIssue {
  field: string;
  message: string;
}

/**
 * Either the validated (and normalised) value, or every issue found.
 *
 * @public
 */
export type ValidationResult<T> =
  | { ok: true; value: T }
  | { ok: false; issues: ValidationIssue[] };

/**
 * Formats a path as `a.b[2].c`; keys that are not plain identifiers are
 * quoted (`labels["app.kubernetes.io/name"]`).
 *
 * @public
 */
export function formatFieldPath(path: ReadonlyArray<string | number>): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) {
      text += text ? `.${segment}` : segment;
    } else {
      text += `[${JSON.stringify(segment)}]`;
    }
  }
  return text;
}

/** An issue at a path given as segments: `issueAt(['sshKeys', 0], '...')`. */
export function issueAt(
  path: ReadonlyArray<string | number>,
  message: string,
): ValidationIssue {
  return { field: formatFieldPath(path), message };
}

/** `a, b, c`, or `(none)` for an empty list, for messages. */
export function listOrNone(values: readonly string[]): string {
  return values.length > 0 ? values.join(', ') : '(none)';
}

/** Joins a field prefix (`kubevirtGitops.gitops`) and a relative path. */
export function joinFieldPath(prefix: string, path: string): string {
  if (!prefix) {
    return path;
  }
  if (!path) {
    return prefix;
  }
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

const SECRET_FIELD = /pass(word|wd|phrase)?|secret|token|private/i;

/** Converts zod issues into our issues, each field prefixed by `prefix`. */
export function fromZodIssues(
  issues: readonly ZodIssue[],
  prefix: string = '',
): ValidationIssue[] {
  return issues.flatMap(issue => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map(key => ({
        field: joinFieldPath(prefix, formatFieldPath([...issue.path, key])),
        message: SECRET_FIELD.test(key)
          ? 'passwords and secrets are not accepted: use SSH public keys (sshKeys)'
          : 'is not a known field; remove it',
      }));
    }
    return [
      {
        field: joinFieldPath(prefix, formatFieldPath(issue.path)) || '(root)',
        message: issue.message,
      },
    ];
  });
}
