import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';

/** A certificate authority and a server certificate it signed, in PEM. */
export interface HubTlsMaterial {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

function rsaKeyPair(): {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  /** The private key as Node encoded it (PKCS#1 PEM), never re-encoded by forge. */
  privateKeyPem: string;
} {
  // Native key generation (node-forge's pure JS one takes seconds).
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey);
  return {
    privateKey: key,
    publicKey: forge.pki.setRsaPublicKey(key.n, key.e),
    privateKeyPem: privateKey,
  };
}

function newCertificate(
  publicKey: forge.pki.rsa.PublicKey,
  days: number,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // A positive DER integer in minimal form: the first byte is 0x01, so it is
  // neither negative nor zero-padded (a random first byte of 0x00 made an
  // "illegal padding" serial that OpenSSL rejects, about once in 128 runs).
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + days * 24 * 3600_000);
  return cert;
}

/**
 * Generates a CA valid for 10 years and a server certificate for
 * `127.0.0.1` and `localhost` signed by it, valid for one year.
 */
export function generateHubTls(): HubTlsMaterial {
  const caKeys = rsaKeyPair();
  const ca = newCertificate(caKeys.publicKey, 3650);
  const caName = [{ name: 'commonName', value: 'fleet-simulator hub CA' }];
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const serverKeys = rsaKeyPair();
  const server = newCertificate(serverKeys.publicKey, 365);
  server.setSubject([{ name: 'commonName', value: 'fleet-simulator hub' }]);
  server.setIssuer(caName);
  server.setExtensions([
    { name: 'basicConstraints', cA: false },
    {
      name: 'keyUsage',
      digitalSignature: true,
      keyEncipherment: true,
      critical: true,
    },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  server.sign(caKeys.privateKey, forge.md.sha256.create());

  return {
    caCert: forge.pki.certificateToPem(ca),
    serverCert: forge.pki.certificateToPem(server),
    serverKey: serverKeys.privateKeyPem,
  };
}

/** Writes `ca.crt` (and the server's cert/key, for curl users) into `dir`; returns the CA path. */
export async function writeHubTls(
  material: HubTlsMaterial,
  dir: string,
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const caFile = path.join(dir, 'ca.crt');
  await writeFile(caFile, material.caCert);
  await writeFile(path.join(dir, 'server.crt'), material.serverCert);
  await writeFile(path.join(dir, 'server.key'), material.serverKey, {
    mode: 0o600,
  });
  return caFile;
}
