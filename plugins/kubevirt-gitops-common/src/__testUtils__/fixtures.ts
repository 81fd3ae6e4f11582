/*
 * Our own test configuration and requests (shaped like a real installation,
 * not copied from anywhere).
 */
import { parseGitopsConfig } from '../config/config';
import type { ValidationIssue } from '../request/validation';
import { validateVmRequest } from '../request/validateVmRequest';
import type { VmRequestContext } from '../request/vmRequestTypes';

/** Real public keys made with ssh-keygen for these tests (no private half kept). */
export const SSH_KEYS = {
  ed25519:
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILr2WCS/8HI03Bm1McahHVs/YCtpqZXPbk2INHN3KaIo jane@laptop',
  ecdsa256:
    'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBNQwxxpBH4v8ijZQJWjpCC8M8rrXskrOjoz00jQCx7YsLctwoIBLEUZYBIIQW0ipVjQ4r8LiGkuauBffQIdpnsI=',
} as const;

export const testConfig = parseGitopsConfig({
  repoUrl: 'https://github.com/acme/vm-gitops',
  environments: [
    {
      name: 'dev',
      title: 'Development',
      limits: { maxVcpus: 8, maxMemory: '16Gi', maxRootDisk: '100Gi' },
    },
    {
      name: 'prod',
      title: 'Production',
      limits: {
        maxVcpus: 16,
        maxMemory: '64Gi',
        maxRootDisk: '500Gi',
        maxVmsPerRequest: 10,
      },
      allowedImages: ['fedora', 'rhel9'],
      reviewers: ['alice'],
      teamReviewers: ['platform-team'],
    },
    {
      name: 'lab',
      namePrefix: '',
      clusterSelector: { 'acme.io/purpose': 'lab' },
      limits: { maxVcpus: 2, maxMemory: '4Gi', maxRootDisk: '20Gi' },
    },
  ],
  images: [
    {
      id: 'fedora',
      title: 'Fedora',
      preference: 'fedora',
      source: {
        kind: 'dataSource',
        name: 'fedora',
        namespace: 'openshift-virtualization-os-images',
      },
    },
    {
      id: 'rhel9',
      title: 'Red Hat Enterprise Linux 9',
      preference: 'rhel.9',
      source: { kind: 'dataSource', name: 'rhel9', namespace: 'os-images' },
    },
    {
      id: 'ubuntu',
      title: 'Ubuntu 24.04',
      preference: 'ubuntu',
      source: {
        kind: 'containerDisk',
        image: 'quay.io/containerdisks/ubuntu:24.04',
      },
    },
    {
      id: 'windows11',
      title: 'Windows 11',
      preference: 'windows.11',
      source: { kind: 'dataSource', name: 'win11', namespace: 'os-images' },
    },
  ],
});

export const testContext: VmRequestContext = testConfig;

/** A request that passes every rule; tests change one field at a time. */
export function validRequest(): Record<string, unknown> {
  return {
    name: 'build-runner',
    namespace: 'team-a-vms',
    owner: 'group:default/team-a',
    environments: ['dev', 'prod'],
    size: { instancetype: 'u1.medium' },
    bootSource: { image: 'fedora' },
    rootDiskSize: '30Gi',
    runStrategy: 'Always',
    sshKeys: [SSH_KEYS.ed25519],
    purpose: 'CI runner for team A',
    description: 'Runs the nightly builds.\nAsk #team-a for access.',
  };
}

/** The issues of the valid request with `patch` applied; throws if it passes. */
export function requestIssues(
  patch: Record<string, unknown>,
): ValidationIssue[] {
  const result = validateVmRequest(
    { ...validRequest(), ...patch },
    testContext,
  );
  if (result.ok) {
    throw new Error(`expected ${JSON.stringify(patch)} to be rejected`);
  }
  return result.issues;
}
