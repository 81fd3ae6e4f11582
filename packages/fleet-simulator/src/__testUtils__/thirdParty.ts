/*
 * The upstream schemas the simulator's unit tests validate against, from the
 * repository's own third-party copies (never from ../shared, never from the
 * network). Each file is pinned by sha256 here and in the PROVENANCE.md
 * beside it, and refused when its content is not the pinned one.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository root (the checkout). */
export const repoRoot = path.resolve(__dirname, '../../../..');

/**
 * Every third-party file the tests read, by path from the repository root:
 * its pinned sha256 and where the reference material has the same file
 * (checked by the contract tier, `make test-contracts`).
 */
export const THIRD_PARTY_FILES = {
  'third_party/argo-cd/assets/swagger.json': {
    sha256: '41178730cf4301d80247df3189c98f3798f1b350c8829a95f06540810a3221db',
    reference: 'argocd/assets/swagger.json',
  },
  'third_party/ocm-api/cluster/v1/0000_00_clusters.open-cluster-management.io_managedclusters.crd.yaml':
    {
      sha256:
        '143d2c1c5e036053cab974682264728bab4cb077326f06fc4011cfc91fab8d06',
      reference:
        'ocm-crds/api/cluster/v1/0000_00_clusters.open-cluster-management.io_managedclusters.crd.yaml',
    },
  'third_party/ocm-api/cluster/v1beta2/0000_00_clusters.open-cluster-management.io_managedclustersets.crd.yaml':
    {
      sha256:
        'edc063d26c5c305efbd74bf642469bb73736607b544aa4f52bb6146aadc7e3c2',
      reference:
        'ocm-crds/api/cluster/v1beta2/0000_00_clusters.open-cluster-management.io_managedclustersets.crd.yaml',
    },
  'third_party/ocm-api/cluster/v1beta2/0000_01_clusters.open-cluster-management.io_managedclustersetbindings.crd.yaml':
    {
      sha256:
        'b6820bb204cbb892e9bae1bd7912284836c70e0645ea6046e8235d53902e28c1',
      reference:
        'ocm-crds/api/cluster/v1beta2/0000_01_clusters.open-cluster-management.io_managedclustersetbindings.crd.yaml',
    },
  'third_party/ocm-api/cluster/v1beta1/0000_02_clusters.open-cluster-management.io_placements.crd.yaml':
    {
      sha256:
        '14ca11be0d273a3179c118e364cf260461a599757f4cfaa4b65635eb93210f64',
      reference:
        'ocm-crds/api/cluster/v1beta1/0000_02_clusters.open-cluster-management.io_placements.crd.yaml',
    },
  'third_party/ocm-api/cluster/v1beta1/0000_03_clusters.open-cluster-management.io_placementdecisions.crd.yaml':
    {
      sha256:
        'a0d8cf0001e13d58b85063466940b3308d4990f1f74a0e4f9002fe15f227a694',
      reference:
        'ocm-crds/api/cluster/v1beta1/0000_03_clusters.open-cluster-management.io_placementdecisions.crd.yaml',
    },
  'third_party/ocm-multicloud-integrations/deploy/crds/apps.open-cluster-management.io_gitopsclusters.yaml':
    {
      sha256:
        '8c133f267b7068cfd630c4da1dbfea7cb1b37582e8d7a40304a61da1f9272547',
      reference:
        'ocm-crds/multicloud-integrations/deploy/crds/apps.open-cluster-management.io_gitopsclusters.yaml',
    },
  // The node library's copy (MIT, datreeio/CRDs-catalog; see its PROVENANCE.md).
  'plugins/kubevirt-gitops-node/third_party/kubevirt/virtualmachine_v1.json': {
    sha256: 'b604310d66da7aeaeb5bf366dea44d4dd433096f5f237800e397577b1c4d8124',
    reference: 'kubevirt/schemas/kubevirt.io/virtualmachine_v1.json',
  },
} as const;

export type ThirdPartyFile = keyof typeof THIRD_PARTY_FILES;

/** The ArgoCD API server's swagger.json (Swagger 2.0). */
export const ARGOCD_SWAGGER: ThirdPartyFile =
  'third_party/argo-cd/assets/swagger.json';
/** The KubeVirt VirtualMachine JSON schema. */
export const KUBEVIRT_VM_SCHEMA: ThirdPartyFile =
  'plugins/kubevirt-gitops-node/third_party/kubevirt/virtualmachine_v1.json';
/** The OCM CRDs of the kinds the simulated hub serves. */
export const OCM_CRDS: ThirdPartyFile[] = (
  Object.keys(THIRD_PARTY_FILES) as ThirdPartyFile[]
).filter(file => file.startsWith('third_party/ocm-'));

/** sha256 of some bytes, hex. */
export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The text of `file` (an absolute path) when its sha256 is `expected`;
 * otherwise an error naming both checksums.
 */
export function readVerified(file: string, expected: string): string {
  const bytes = readFileSync(file);
  const actual = sha256(bytes);
  if (actual !== expected) {
    throw new Error(
      `${file} has sha256 ${actual}, not the pinned ${expected}: restore the file or update its PROVENANCE.md and the pin together`,
    );
  }
  return bytes.toString('utf8');
}

/** A pinned third-party file's text, checksum-verified. */
export function readThirdParty(file: ThirdPartyFile): string {
  return readVerified(
    path.join(repoRoot, file),
    THIRD_PARTY_FILES[file].sha256,
  );
}

/** A pinned third-party JSON file, checksum-verified and parsed. */
export function readThirdPartyJson(file: ThirdPartyFile): unknown {
  return JSON.parse(readThirdParty(file));
}
