import { generateKeyPairSync } from 'node:crypto';
import { SSH_KEYS } from '../__testUtils__/fixtures';
import { checkSshPublicKey, PRIVATE_KEY_MESSAGE } from './sshKeys';

/** Encodes SSH wire-format strings (uint32 length + bytes). */
function wire(...fields: Array<string | Buffer>): string {
  return Buffer.concat(
    fields.flatMap(field => {
      const bytes = typeof field === 'string' ? Buffer.from(field) : field;
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      return [length, bytes];
    }),
  ).toString('base64');
}

const ed25519Bytes = Buffer.alloc(32, 7);
const ecPoint = (size: number) =>
  Buffer.concat([Buffer.from([4]), Buffer.alloc(size - 1, 9)]);

/** An RSA public key of `bits` bits, made with node:crypto, in OpenSSH format. */
function rsaKey(bits: number): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const jwk = publicKey.export({ format: 'jwk' });
  const unsigned = (b64url: string | undefined) =>
    Buffer.concat([Buffer.from([0]), Buffer.from(b64url ?? '', 'base64url')]);
  return `ssh-rsa ${wire(
    'ssh-rsa',
    unsigned(jwk.e),
    unsigned(jwk.n),
  )} test@rsa`;
}

describe('checkSshPublicKey accepts well-formed public keys', () => {
  it.each<[string, string]>([
    ['ssh-ed25519 from ssh-keygen', SSH_KEYS.ed25519],
    ['ecdsa-sha2-nistp256 from ssh-keygen, no comment', SSH_KEYS.ecdsa256],
    ['ssh-rsa 2048 bits', rsaKey(2048)],
    [
      'ecdsa-sha2-nistp384',
      `ecdsa-sha2-nistp384 ${wire(
        'ecdsa-sha2-nistp384',
        'nistp384',
        ecPoint(97),
      )}`,
    ],
    [
      'ecdsa-sha2-nistp521',
      `ecdsa-sha2-nistp521 ${wire(
        'ecdsa-sha2-nistp521',
        'nistp521',
        ecPoint(133),
      )} a b c`,
    ],
    [
      'sk-ssh-ed25519@openssh.com',
      `sk-ssh-ed25519@openssh.com ${wire(
        'sk-ssh-ed25519@openssh.com',
        ed25519Bytes,
        'ssh:',
      )} yubikey`,
    ],
    [
      'sk-ecdsa-sha2-nistp256@openssh.com',
      `sk-ecdsa-sha2-nistp256@openssh.com ${wire(
        'sk-ecdsa-sha2-nistp256@openssh.com',
        'nistp256',
        ecPoint(65),
        'ssh:',
      )}`,
    ],
    ['surrounding whitespace', `  ${SSH_KEYS.ed25519}  \n`],
    [
      'a comment with spaces and unicode',
      `${SSH_KEYS.ed25519
        .split(' ')
        .slice(0, 2)
        .join(' ')} Jöran's laptop (work)`,
    ],
  ])('%s', (_case, key) => {
    expect(checkSshPublicKey(key)).toBeUndefined();
  });
});

describe('checkSshPublicKey refuses private keys', () => {
  it.each<[string, string]>([
    [
      'an OpenSSH private key',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----',
    ],
    [
      'a PEM RSA private key',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----',
    ],
    [
      'a PKCS#8 private key',
      '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----',
    ],
    [
      'an encrypted PKCS#8 private key',
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHzBJBgkq\n-----END ENCRYPTED PRIVATE KEY-----',
    ],
    [
      'an EC private key',
      '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----',
    ],
    [
      'a PuTTY key file',
      'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: jane\nPublic-Lines: 2',
    ],
    [
      'an OpenSSH private key body without its armour',
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
    ],
    [
      'a private key pasted after a public key line',
      `${SSH_KEYS.ed25519}\n-----BEGIN OPENSSH PRIVATE KEY-----`,
    ],
  ])('%s', (_case, key) => {
    expect(checkSshPublicKey(key)).toBe(PRIVATE_KEY_MESSAGE);
  });

  it('says exactly what to paste instead', () => {
    expect(PRIVATE_KEY_MESSAGE).toBe(
      'this looks like a private key; paste the .pub file',
    );
  });
});

describe('checkSshPublicKey explains what is wrong with anything else', () => {
  const [type, body] = SSH_KEYS.ed25519.split(' ');
  it.each<[string, string, string]>([
    [
      'a password',
      'hunter2',
      'this is not an SSH public key (passwords are not accepted); paste the contents of your .pub file, e.g. ~/.ssh/id_ed25519.pub',
    ],
    [
      'an empty entry',
      '   ',
      'must not be empty: paste the contents of your .pub file',
    ],
    [
      'a DSA key',
      `ssh-dss ${body}`,
      'key type "ssh-dss" is not accepted; use one of ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521, sk-ssh-ed25519@openssh.com, sk-ecdsa-sha2-nistp256@openssh.com',
    ],
    [
      'authorized_keys options',
      `command="rm -rf /" ${SSH_KEYS.ed25519}`,
      'must start with the key type "ssh-ed25519"; authorized_keys options are not accepted',
    ],
    [
      'a type without a body',
      'ssh-ed25519',
      'is missing the base64 key body after "ssh-ed25519"',
    ],
    [
      'a body that is not base64',
      `${type} not*base64!`,
      'the key body is not valid base64',
    ],
    [
      'a body with its padding cut',
      `${type} ${body.slice(0, -1)}`,
      'the key body is not valid base64',
    ],
    [
      'a body whose embedded type is binary garbage',
      `ssh-ed25519 ${wire(
        Buffer.from([0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x00]),
        ed25519Bytes,
      )}`,
      'the key body is a "?[31m?" key but the line says "ssh-ed25519"',
    ],
    [
      'a body of another type',
      `ssh-rsa ${body}`,
      'the key body is a "ssh-ed25519" key but the line says "ssh-rsa"',
    ],
    [
      'a body whose type string is cut',
      `${type} AAAA`,
      'the key body is truncated or malformed',
    ],
    [
      'an Ed25519 key of 31 bytes',
      `${type} ${wire(type, Buffer.alloc(31))}`,
      'the key body is truncated or malformed (an Ed25519 key has 32 bytes)',
    ],
    [
      'bytes after the key',
      `${type} ${wire(type, ed25519Bytes, 'extra')}`,
      'the key body is truncated or malformed (unexpected bytes after the key)',
    ],
    [
      'an ECDSA key naming the wrong curve',
      `ecdsa-sha2-nistp256 ${wire(
        'ecdsa-sha2-nistp256',
        'nistp384',
        ecPoint(97),
      )}`,
      'the key body names curve "nistp384" but the key type needs "nistp256"',
    ],
    [
      'an ECDSA point of the wrong size',
      `ecdsa-sha2-nistp256 ${wire(
        'ecdsa-sha2-nistp256',
        'nistp256',
        ecPoint(64),
      )}`,
      'the key body is truncated or malformed (bad ECDSA point)',
    ],
    [
      'a security key without its application',
      `sk-ssh-ed25519@openssh.com ${wire(
        'sk-ssh-ed25519@openssh.com',
        ed25519Bytes,
      )}`,
      'the key body is truncated or malformed (a security-key public key names its application, e.g. "ssh:")',
    ],
    [
      'an ECDSA key cut short while copying',
      'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBNQwxxpBH4v8ijZQJWjpCC8M8rrXskrOjoz00jQCx7YsLctw',
      'the key body is truncated or malformed (bad ECDSA point)',
    ],
    [
      'an RSA key of 1024 bits',
      rsaKey(1024),
      'this RSA key has 1024 bits; at least 2048 are required (or use ssh-ed25519)',
    ],
    [
      'two keys in one entry',
      `${SSH_KEYS.ed25519}\n${SSH_KEYS.ecdsa256}`,
      'must be a single line: put each key in its own entry',
    ],
    [
      'a comment with a NUL byte',
      `${type} ${body} jane\u0000`,
      'the comment must not contain control characters (found U+0000)',
    ],
    [
      'a comment with a line separator',
      `${type} ${body} jane\u2028kind: Secret`,
      'the comment must not contain control characters (found U+2028)',
    ],
    [
      'an oversize comment',
      `${type} ${body} ${'c'.repeat(257)}`,
      'the comment must be at most 256 characters',
    ],
    [
      'an RFC 4716 public key',
      '---- BEGIN SSH2 PUBLIC KEY ----\nAAAAC3Nza\n---- END SSH2 PUBLIC KEY ----',
      'this is an RFC 4716 (SSH2) public key; convert it with `ssh-keygen -i -f <file>` and paste the one-line result',
    ],
    [
      'an oversize entry',
      `${type} ${'A'.repeat(9000)}`,
      'must be at most 8192 characters (it has 9012)',
    ],
  ])('%s', (_case, key, message) => {
    expect(checkSshPublicKey(key)).toBe(message);
  });
});
