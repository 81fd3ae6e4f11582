/*
 * KubeVirt's VirtualMachine JSON schema (datree's schema of the CRD, MIT),
 * from the node library's third-party copy
 * (plugins/kubevirt-gitops-node/third_party/kubevirt, with its LICENSE and
 * PROVENANCE.md): one copy in the repository, read here with its sha256
 * checked, never from ../shared or the network.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const KUBEVIRT_VM_SCHEMA_FILE = resolve(
  __dirname,
  '../../../kubevirt-gitops-node/third_party/kubevirt/virtualmachine_v1.json',
);
/** The sha256 its PROVENANCE.md publishes. */
export const KUBEVIRT_VM_SCHEMA_SHA256 =
  'b604310d66da7aeaeb5bf366dea44d4dd433096f5f237800e397577b1c4d8124';

/** The text of `file` when its sha256 is `expected`; otherwise an error naming both. */
export function readVerified(file: string, expected: string): string {
  const bytes = readFileSync(file);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== expected) {
    throw new Error(
      `${file} has sha256 ${actual}, not the pinned ${expected}: restore the file or update its PROVENANCE.md and the pin together`,
    );
  }
  return bytes.toString('utf8');
}

/** The VirtualMachine schema, checksum-verified and parsed. */
export function readKubevirtVmSchema(): unknown {
  return JSON.parse(
    readVerified(KUBEVIRT_VM_SCHEMA_FILE, KUBEVIRT_VM_SCHEMA_SHA256),
  );
}
