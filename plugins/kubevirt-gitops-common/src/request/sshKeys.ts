/*
 * SSH public key checks: the OpenSSH one-line format
 * (`<type> <base64 blob> [comment]`), with the blob decoded and its embedded
 * type string and key material checked. Private keys and passwords are
 * recognised and refused with a message that says what to paste instead.
 */
import { decodeBase64 } from './base64';
import { describeCharacter } from './textRules';

/**
 * Key types accepted in an SSH public key.
 *
 * @public
 */
export const sshPublicKeyTypes = [
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
] as const;

/** Longest accepted key line (a 16384-bit RSA key is about 2,800 characters). */
export const MAX_SSH_KEY_LENGTH = 8192;
const MAX_COMMENT_LENGTH = 256;
const MIN_RSA_BITS = 2048;

/** The message for anything that looks like a private key. */
export const PRIVATE_KEY_MESSAGE =
  'this looks like a private key; paste the .pub file';

const PRIVATE_KEY_MARKERS = [
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/,
  /PuTTY-User-Key-File-\d/,
  /^b3BlbnNzaC1rZXktdjE/, // base64 of "openssh-key-v1", a private key body without its armour
];

/** Reads SSH wire-format fields (RFC 4251 `string`) from a key blob. */
class WireReader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  readString(): Uint8Array | undefined {
    if (this.offset + 4 > this.bytes.length) {
      return undefined;
    }
    const view = this.bytes;
    const length =
      ((view[this.offset] << 24) >>> 0) +
      (view[this.offset + 1] << 16) +
      (view[this.offset + 2] << 8) +
      view[this.offset + 3];
    const start = this.offset + 4;
    if (start + length > view.length) {
      return undefined;
    }
    this.offset = start + length;
    return view.subarray(start, start + length);
  }

  readText(): string | undefined {
    const bytes = this.readString();
    return bytes === undefined ? undefined : String.fromCharCode(...bytes);
  }

  atEnd(): boolean {
    return this.offset === this.bytes.length;
  }
}

function bitLength(unsignedBigEndian: Uint8Array): number {
  let index = 0;
  while (index < unsignedBigEndian.length && unsignedBigEndian[index] === 0) {
    index++;
  }
  if (index === unsignedBigEndian.length) {
    return 0;
  }
  const leading = unsignedBigEndian[index];
  return (
    (unsignedBigEndian.length - index - 1) * 8 + (32 - Math.clz32(leading))
  );
}

const EC_POINT_LENGTHS: Record<string, number> = {
  nistp256: 65,
  nistp384: 97,
  nistp521: 133,
};

function checkEcdsaPoint(
  reader: WireReader,
  expectedCurve: string,
): string | undefined {
  const curve = reader.readText();
  if (curve !== expectedCurve) {
    return `the key body names curve "${printable(
      curve ?? '',
    )}" but the key type needs "${expectedCurve}"`;
  }
  const point = reader.readString();
  if (
    !point ||
    point.length !== EC_POINT_LENGTHS[expectedCurve] ||
    point[0] !== 0x04
  ) {
    return 'the key body is truncated or malformed (bad ECDSA point)';
  }
  return undefined;
}

/** Checks the key material after the embedded type string. */
function checkKeyMaterial(
  type: string,
  reader: WireReader,
): string | undefined {
  const malformed = 'the key body is truncated or malformed';
  switch (type) {
    case 'ssh-ed25519':
    case 'sk-ssh-ed25519@openssh.com': {
      const key = reader.readString();
      if (!key || key.length !== 32) {
        return `${malformed} (an Ed25519 key has 32 bytes)`;
      }
      break;
    }
    case 'ssh-rsa': {
      const exponent = reader.readString();
      const modulus = reader.readString();
      if (!exponent || !modulus || bitLength(exponent) === 0) {
        return `${malformed} (RSA exponent or modulus missing)`;
      }
      const bits = bitLength(modulus);
      if (bits < MIN_RSA_BITS) {
        return `this RSA key has ${bits} bits; at least ${MIN_RSA_BITS} are required (or use ssh-ed25519)`;
      }
      break;
    }
    case 'sk-ecdsa-sha2-nistp256@openssh.com': {
      const problem = checkEcdsaPoint(reader, 'nistp256');
      if (problem) {
        return problem;
      }
      break;
    }
    default: {
      const problem = checkEcdsaPoint(reader, type.slice('ecdsa-sha2-'.length));
      if (problem) {
        return problem;
      }
    }
  }
  if (type.startsWith('sk-') && reader.readText() === undefined) {
    return `${malformed} (a security-key public key names its application, e.g. "ssh:")`;
  }
  if (!reader.atEnd()) {
    return `${malformed} (unexpected bytes after the key)`;
  }
  return undefined;
}

/** Shows untrusted decoded text in a message: printable ASCII only, bounded. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 40);
}

function isAcceptedType(
  type: string,
): type is (typeof sshPublicKeyTypes)[number] {
  return (sshPublicKeyTypes as readonly string[]).includes(type);
}

function checkComment(comment: string): string | undefined {
  if (comment.length > MAX_COMMENT_LENGTH) {
    return `the comment must be at most ${MAX_COMMENT_LENGTH} characters`;
  }
  // eslint-disable-next-line no-control-regex
  const unsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.exec(comment);
  if (unsafe) {
    return `the comment must not contain control characters (found ${describeCharacter(
      unsafe[0],
    )})`;
  }
  return undefined;
}

/**
 * Checks one SSH public key in OpenSSH one-line format. Returns the message
 * of the first rule broken, or `undefined` when the key is acceptable.
 * Leading and trailing whitespace is ignored.
 *
 * @public
 */
export function checkSshPublicKey(input: string): string | undefined {
  if (PRIVATE_KEY_MARKERS.some(marker => marker.test(input.trim()))) {
    return PRIVATE_KEY_MESSAGE;
  }
  if (input.length > MAX_SSH_KEY_LENGTH) {
    return `must be at most ${MAX_SSH_KEY_LENGTH} characters (it has ${input.length})`;
  }
  const line = input.trim();
  if (line.length === 0) {
    return 'must not be empty: paste the contents of your .pub file';
  }
  if (line.startsWith('---- BEGIN SSH2 PUBLIC KEY ----')) {
    return 'this is an RFC 4716 (SSH2) public key; convert it with `ssh-keygen -i -f <file>` and paste the one-line result';
  }
  if (/[\r\n]/.test(line)) {
    return 'must be a single line: put each key in its own entry';
  }
  const [type, body, ...commentWords] = line.split(/[ \t]+/);
  if (!isAcceptedType(type)) {
    const embeddedType = sshPublicKeyTypes.find(known =>
      line.includes(` ${known} `),
    );
    if (embeddedType) {
      return `must start with the key type "${embeddedType}"; authorized_keys options are not accepted`;
    }
    if (body === undefined) {
      return 'this is not an SSH public key (passwords are not accepted); paste the contents of your .pub file, e.g. ~/.ssh/id_ed25519.pub';
    }
    return `key type "${printable(
      type,
    )}" is not accepted; use one of ${sshPublicKeyTypes.join(', ')}`;
  }
  if (body === undefined) {
    return `is missing the base64 key body after "${type}"`;
  }
  const blob = decodeBase64(body);
  if (!blob) {
    return 'the key body is not valid base64';
  }
  const reader = new WireReader(blob);
  const embeddedType = reader.readText();
  if (embeddedType !== type) {
    return embeddedType === undefined
      ? 'the key body is truncated or malformed'
      : `the key body is a "${printable(
          embeddedType,
        )}" key but the line says "${type}"`;
  }
  return checkKeyMaterial(type, reader) ?? checkComment(commentWords.join(' '));
}
