/*
 * Our own test configuration and operations (shaped like an installation,
 * not copied from anywhere).
 */
import {
  parseGitopsConfig,
  validateVmOperation,
  vmTarget,
  type GitopsConfig,
  type GitopsLayout,
  type VmOperationRequest,
  type VmPaths,
  type VmTarget,
} from '@internal/plugin-kubevirt-gitops-common';
import { createKustomizeRunner } from '../kustomize/kustomizeRunner';
import type { PlanContext } from '../operations/types';

/** A public key made with ssh-keygen for these tests (the private half was discarded). */
export const SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINGllMjfwshMnmEtGDjjofz3g+fbAoKYVrimpyQ8RWwr jane@example.com';

export function testConfig(
  layout: GitopsLayout = 'per-vm-applicationset',
): GitopsConfig {
  return parseGitopsConfig({
    repoUrl: 'https://github.com/acme/vm-gitops',
    baseBranch: 'main',
    layout,
    environments: [
      {
        name: 'dev',
        limits: { maxVcpus: 8, maxMemory: '32Gi', maxRootDisk: '100Gi' },
      },
      {
        name: 'prod',
        limits: { maxVcpus: 16, maxMemory: '64Gi', maxRootDisk: '500Gi' },
        allowedImages: ['fedora', 'ubuntu'],
        reviewers: ['alice'],
        teamReviewers: ['platform-team'],
      },
      {
        name: 'lab',
        namePrefix: '',
        clusterSelector: { 'acme.io/purpose': 'lab' },
        limits: { maxVcpus: 4, maxMemory: '8Gi', maxRootDisk: '40Gi' },
      },
    ],
    images: [
      {
        id: 'fedora',
        title: 'Fedora 42',
        preference: 'fedora',
        source: {
          kind: 'dataSource',
          name: 'fedora',
          namespace: 'openshift-virtualization-os-images',
        },
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
    ],
  });
}

export function planContext(
  layout: GitopsLayout = 'per-vm-applicationset',
): PlanContext {
  return {
    config: testConfig(layout),
    argocd: {
      repoUrl: 'https://github.com/acme/vm-gitops.git',
      targetRevision: 'main',
      project: 'default',
    },
    // one build at a time: the unit tests run two workers on two cores
    kustomize: createKustomizeRunner({ concurrency: 1 }),
  };
}

/** A create request input that passes every rule; tests change fields. */
export function createInput(
  request: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    operation: 'create',
    request: {
      name: 'build-runner',
      namespace: 'team-a-vms',
      owner: 'group:default/team-a',
      environments: ['dev', 'prod'],
      size: { instancetype: 'u1.medium' },
      bootSource: { image: 'fedora' },
      rootDiskSize: '30Gi',
      runStrategy: 'Always',
      sshKeys: [SSH_KEY],
      purpose: 'CI runner for team A',
      overrides: {
        prod: { size: { instancetype: 'u1.large' } },
        dev: { runStrategy: 'Halted' },
      },
      ...request,
    },
  };
}

/** Validates an operation input against the test config; throws with the issues. */
export function validOperation(
  input: Record<string, unknown>,
  config: GitopsConfig = testConfig(),
  vmEnvironments?: readonly string[],
): VmOperationRequest {
  const result = validateVmOperation(input, { ...config, vmEnvironments });
  if (!result.ok) {
    throw new Error(`invalid test operation: ${JSON.stringify(result.issues)}`);
  }
  return result.value;
}

/** An operation's target with the VM kept in `paths` (a discovered or named folder). */
export function targetIn(
  operation: VmOperationRequest,
  paths: VmPaths,
): VmTarget {
  return { ...vmTarget(paths.layout, operation), paths };
}
