/*
 * Names, namespace, owner and free text: path traversal, look-alike
 * characters, YAML injection, oversize values, unknown and secret fields.
 */
import {
  requestIssues as issuesFor,
  testContext,
  validRequest,
} from '../__testUtils__/fixtures';
import type { ValidationIssue } from './validation';
import { validateVmRequest } from './validateVmRequest';

const TRAVERSAL =
  "must not contain '/', '\\' or '..' (it becomes a folder in the GitOps repository)";

describe('validateVmRequest: the VM name', () => {
  it.each<[string, string, string]>([
    ['path traversal', '../../etc', TRAVERSAL],
    ['a path separator', 'team/vm', TRAVERSAL],
    ['a backslash', 'team\\vm', TRAVERSAL],
    ['a double dot inside', 'a..b', TRAVERSAL],
    [
      'YAML injection through a newline',
      'a\nkind: Secret',
      'must not contain whitespace (found U+000A)',
    ],
    ['a space', 'my vm', 'must not contain whitespace (found U+0020)'],
    ['a tab', 'my\tvm', 'must not contain whitespace (found U+0009)'],
    [
      'a Cyrillic look-alike letter',
      'build-runnеr',
      "must contain only ASCII lowercase letters, digits and '-' (found 'е' (U+0435), which may look like an ASCII letter)",
    ],
    [
      'a fullwidth digit',
      'vm１',
      "must contain only ASCII lowercase letters, digits and '-' (found '１' (U+FF11), which may look like an ASCII letter)",
    ],
    [
      'a zero-width space',
      'vm\u200bone',
      "must contain only ASCII lowercase letters, digits and '-' (found U+200B, which may look like an ASCII letter)",
    ],
    ['capitals', 'BuildRunner', 'must be lowercase'],
    [
      'an underscore',
      'build_runner',
      "must contain only lowercase letters, digits and '-'",
    ],
    [
      'a dot',
      'build.runner',
      "must contain only lowercase letters, digits and '-'",
    ],
    [
      'a leading dash',
      '-runner',
      'must start and end with a lowercase letter or digit',
    ],
    [
      'a trailing dash',
      'runner-',
      'must start and end with a lowercase letter or digit',
    ],
    ['nothing', '', 'must not be empty'],
    [
      '100,000 characters',
      'a'.repeat(100_000),
      'must be at most 63 characters (it has 100000)',
    ],
  ])('rejects %s', (_case, name, message) => {
    expect(issuesFor({ name })).toEqual([{ field: 'name', message }]);
  });

  it('counts the environment prefix: 60 characters plus "dev-" is too long', () => {
    const name = 'a'.repeat(60);
    expect(issuesFor({ name, environments: ['dev'] })).toEqual([
      {
        field: 'name',
        message: `in dev the VM is named "dev-${name}", which must be at most 63 characters (it has 64)`,
      },
    ]);
  });

  it('reports the prefix problem once per environment that breaks it', () => {
    const name = 'b'.repeat(59);
    expect(
      issuesFor({ name }).map(i => [i.field, i.message.slice(0, 14)]),
    ).toEqual([['name', 'in prod the VM']]);
  });

  it('accepts 63 characters in an environment without prefix', () => {
    const result = validateVmRequest(
      {
        ...validRequest(),
        name: 'a'.repeat(63),
        environments: ['lab'],
        size: { instancetype: 'u1.small' },
        rootDiskSize: '20Gi',
      },
      testContext,
    );
    expect(result.ok).toBe(true);
  });

  it('rejects a non-string name with the field named', () => {
    expect(issuesFor({ name: 42 })).toEqual([
      { field: 'name', message: 'Expected string, received number' },
    ]);
  });
});

describe('validateVmRequest: namespace and owner', () => {
  it.each<[string, unknown, string, string]>([
    ['namespace', '../kube-system', 'namespace', TRAVERSAL],
    ['namespace', 'Team-A', 'namespace', 'must be lowercase'],
    [
      'namespace',
      'a'.repeat(64),
      'namespace',
      'must be at most 63 characters (it has 64)',
    ],
    [
      'owner',
      'component:default/foo',
      'owner',
      'must reference a user or group, not a component',
    ],
    [
      'owner',
      'group:default/team a',
      'owner',
      'must be an entity reference such as group:default/platform-team',
    ],
    [
      'owner',
      'group:default/team-a\nkind: Secret',
      'owner',
      'must be a single line (no line breaks)',
    ],
    [
      'owner',
      'group::',
      'owner',
      'must be an entity reference such as group:default/platform-team',
    ],
  ])('rejects %s %j', (key, value, field, message) => {
    expect(issuesFor({ [key]: value })).toEqual([{ field, message }]);
  });

  it.each([
    'group:default/team-a',
    'user:default/jane.doe',
    'team-a',
    'group:team-a',
  ])('accepts the owner %s', owner => {
    expect(
      validateVmRequest({ ...validRequest(), owner }, testContext).ok,
    ).toBe(true);
  });
});

describe('validateVmRequest: purpose and description', () => {
  it.each<[string, Record<string, unknown>, ValidationIssue]>([
    [
      'a YAML document break in the one-line purpose',
      { purpose: 'x\n---\napiVersion: v1' },
      { field: 'purpose', message: 'must be a single line (no line breaks)' },
    ],
    [
      'a carriage return in the purpose',
      { purpose: 'ok\rkind: Secret' },
      { field: 'purpose', message: 'must be a single line (no line breaks)' },
    ],
    [
      'an escape sequence in the purpose',
      { purpose: 'red \u001b[31m text' },
      {
        field: 'purpose',
        message:
          'must not contain control or invisible characters (found U+001B)',
      },
    ],
    [
      'a right-to-left override in the purpose',
      { purpose: 'invoice\u202etxt.exe' },
      {
        field: 'purpose',
        message:
          'must not contain control or invisible characters (found U+202E)',
      },
    ],
    [
      'a blank purpose',
      { purpose: '   ' },
      { field: 'purpose', message: 'must not be empty' },
    ],
    [
      'an oversize purpose',
      { purpose: 'p'.repeat(201) },
      {
        field: 'purpose',
        message: 'must be at most 200 characters (it has 201)',
      },
    ],
    [
      'a NUL byte in the description',
      { description: 'line one\u0000line two' },
      {
        field: 'description',
        message:
          'must not contain control or invisible characters (found U+0000)',
      },
    ],
    [
      'an oversize description',
      { description: 'd'.repeat(2001) },
      {
        field: 'description',
        message: 'must be at most 2000 characters (it has 2001)',
      },
    ],
  ])('rejects %s', (_case, patch, expected) => {
    expect(issuesFor(patch)).toEqual([expected]);
  });

  it('accepts a multi-line description, even one that looks like YAML (it is written as a scalar)', () => {
    const description = 'x\n---\napiVersion: v1\nkind: Secret\n\ttabbed';
    const result = validateVmRequest(
      { ...validRequest(), description },
      testContext,
    );
    expect(result).toMatchObject({ ok: true, value: { description } });
  });
});

describe('validateVmRequest: unknown fields and secrets', () => {
  it.each<[string, string]>([
    [
      'password',
      'passwords and secrets are not accepted: use SSH public keys (sshKeys)',
    ],
    [
      'rootPassword',
      'passwords and secrets are not accepted: use SSH public keys (sshKeys)',
    ],
    [
      'apiToken',
      'passwords and secrets are not accepted: use SSH public keys (sshKeys)',
    ],
    ['cloudInit', 'is not a known field; remove it'],
    ['kind', 'is not a known field; remove it'],
  ])('rejects an extra field %s', (key, message) => {
    expect(issuesFor({ [key]: 'value' })).toEqual([{ field: key, message }]);
  });

  it('rejects an extra field inside size', () => {
    expect(issuesFor({ size: { instancetype: 'u1.medium', gpu: 1 } })).toEqual([
      { field: 'size.gpu', message: 'is not a known field; remove it' },
    ]);
  });

  it('rejects input that is not an object', () => {
    const result = validateVmRequest('name: x', testContext);
    expect(result).toEqual({
      ok: false,
      issues: [
        { field: '(root)', message: 'Expected object, received string' },
      ],
    });
  });

  it('names every missing required field', () => {
    const result = validateVmRequest({}, testContext);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map(issue => issue.field)).toEqual([
      'name',
      'namespace',
      'owner',
      'environments',
      'size',
      'bootSource',
      'rootDiskSize',
      'runStrategy',
      'sshKeys',
      'purpose',
    ]);
  });

  it('handles a __proto__ override without polluting any prototype', () => {
    const withProtoOverride = (override: string): unknown =>
      JSON.parse(
        JSON.stringify(validRequest()).replace(
          /}$/,
          `,"overrides":{"__proto__":${override}}}`,
        ),
      );
    // A well-formed one is dropped (zod never assigns __proto__)...
    const dropped = validateVmRequest(
      withProtoOverride('{"runStrategy":"Halted"}'),
      testContext,
    );
    expect(dropped.ok && dropped.value.overrides).toEqual({});
    // ...and an unknown field inside it is still reported.
    expect(
      validateVmRequest(withProtoOverride('{"polluted":true}'), testContext),
    ).toEqual({
      ok: false,
      issues: [
        {
          field: 'overrides.__proto__.polluted',
          message: 'is not a known field; remove it',
        },
      ],
    });
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('runStrategy');
  });
});
