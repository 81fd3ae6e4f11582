import { checkImageReference } from './imageReference';
import { decodeBase64 } from './base64';
import { checkLabelKey, checkLabelValue, describeCharacter } from './textRules';

describe('checkImageReference', () => {
  it.each([
    'quay.io/containerdisks/fedora:42',
    'quay.io/containerdisks/fedora',
    'fedora',
    'registry.acme.io:5000/team/images/ubuntu:24.04',
    'localhost:5000/a__b/c--d',
    `quay.io/kubevirt/cirros-container-disk-demo@sha256:${'a'.repeat(64)}`,
    `quay.io/kubevirt/cirros:v1@sha256:${'0'.repeat(64)}`,
  ])('accepts %s', reference => {
    expect(checkImageReference(reference)).toBeUndefined();
  });

  it.each<[string, string]>([
    ['', 'must not be empty'],
    [
      'Quay.io/Fedora',
      'must be an image reference such as quay.io/containerdisks/fedora:42 (lowercase repository path, optional :tag and @sha256: digest)',
    ],
    [
      'quay.io/fedora:-bad',
      'must be an image reference such as quay.io/containerdisks/fedora:42 (lowercase repository path, optional :tag and @sha256: digest)',
    ],
    [
      'quay.io/fedora@sha256:abc',
      'must be an image reference such as quay.io/containerdisks/fedora:42 (lowercase repository path, optional :tag and @sha256: digest)',
    ],
    [
      'quay.io/../fedora',
      'must be an image reference such as quay.io/containerdisks/fedora:42 (lowercase repository path, optional :tag and @sha256: digest)',
    ],
    [
      'https://quay.io/fedora',
      'must be an image reference without a scheme, e.g. quay.io/containerdisks/fedora:42',
    ],
    [
      'quay.io/fedora 42',
      'must not contain whitespace, control or non-ASCII characters (found U+0020)',
    ],
    [
      'quay.io/fеdora',
      "must not contain whitespace, control or non-ASCII characters (found 'е' (U+0435))",
    ],
    [
      `quay.io/${'a'.repeat(600)}`,
      'must be at most 512 characters (it has 608)',
    ],
  ])('rejects %j', (reference, message) => {
    expect(checkImageReference(reference)).toBe(message);
  });
});

describe('labels', () => {
  it.each(['env', 'cluster.open-cluster-management.io/clusterset', 'a_b.c-d'])(
    'accepts the key %s',
    key => {
      expect(checkLabelKey(key)).toBeUndefined();
    },
  );

  it.each(['', '/env', 'Bad Prefix/env', 'env/', `${'k'.repeat(64)}`])(
    'rejects the key %j',
    key => {
      expect(checkLabelKey(key)).toBeDefined();
    },
  );

  it.each(['', 'dev', 'Prod_1.x'])('accepts the value %j', value => {
    expect(checkLabelValue(value)).toBeUndefined();
  });

  it.each(['-dev', 'prod eu', 'v'.repeat(64)])(
    'rejects the value %j',
    value => {
      expect(checkLabelValue(value)).toBeDefined();
    },
  );
});

describe('describeCharacter', () => {
  it.each<[string, string]>([
    ['е', "'е' (U+0435)"],
    ['\n', 'U+000A'],
    [' ', 'U+0020'],
    ['\u202e', 'U+202E'],
  ])('%j → %s', (character, expected) => {
    expect(describeCharacter(character)).toBe(expected);
  });
});

describe('decodeBase64', () => {
  it.each(['', 'Zg==', 'Zm8=', 'Zm9v', 'AAAAC3NzaC1lZDI1NTE5', '+/+/'])(
    'decodes %j like Buffer does',
    text => {
      expect(Buffer.from(decodeBase64(text) ?? [])).toEqual(
        Buffer.from(text, 'base64'),
      );
    },
  );

  it.each([
    'Zg',
    'Zg=',
    'Z===',
    'Zm9v\n',
    'Zm 9v',
    'Zm9v_-==',
    '=Zm9',
    'Zg==Zg==',
  ])('rejects %j', text => {
    expect(decodeBase64(text)).toBeUndefined();
  });
});
