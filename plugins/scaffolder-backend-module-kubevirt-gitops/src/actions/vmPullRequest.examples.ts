/*
 * Examples shown in the template editor's action list; each one is run by
 * vmPullRequest.examples.test.ts.
 */
import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

/** A public key made with ssh-keygen for these examples (its private half was discarded). */
const EXAMPLE_SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINGllMjfwshMnmEtGDjjofz3g+fbAoKYVrimpyQ8RWwr jane@example.com';

function example(
  description: string,
  input: Record<string, unknown>,
): TemplateExample {
  return {
    description,
    example: stringify({
      steps: [
        {
          id: 'pull-request',
          action: 'kubevirt:vm:pull-request',
          name: description,
          input,
        },
      ],
    }),
  };
}

export const examples: TemplateExample[] = [
  example('Request a VM in dev and prod, smaller and stopped in dev', {
    operation: 'create',
    request: {
      name: 'build-runner',
      namespace: 'team-a-vms',
      owner: 'group:default/team-a',
      environments: ['dev', 'prod'],
      size: { instancetype: 'u1.large' },
      bootSource: { image: 'fedora' },
      rootDiskSize: '30Gi',
      runStrategy: 'Always',
      sshKeys: [EXAMPLE_SSH_KEY],
      purpose: 'CI runner for team A',
      overrides: {
        dev: { size: { instancetype: 'u1.medium' }, runStrategy: 'Halted' },
      },
    },
  }),
  example('Request a VM with a custom size booting from a container disk', {
    operation: 'create',
    request: {
      name: 'scratch-box',
      namespace: 'team-a-vms',
      owner: 'user:default/jane',
      environments: ['dev'],
      size: { vcpus: 2, memory: '6Gi' },
      preference: 'fedora',
      bootSource: { containerDisk: 'quay.io/containerdisks/fedora:42' },
      rootDiskSize: '20Gi',
      runStrategy: 'Manual',
      sshKeys: [EXAMPLE_SSH_KEY],
      purpose: 'Scratch machine for experiments',
    },
  }),
  example('Stop a VM in every environment', {
    operation: 'set-run-strategy',
    vmName: 'build-runner',
    runStrategy: 'Halted',
  }),
  example('Start a VM in dev only', {
    operation: 'set-run-strategy',
    vmName: 'build-runner',
    runStrategy: 'Always',
    environments: ['dev'],
  }),
  example('Resize a VM in prod', {
    operation: 'resize',
    vmName: 'build-runner',
    size: { instancetype: 'u1.xlarge' },
    environments: ['prod'],
  }),
  example(
    "Stop a VM kept in a layout of its own (the seed's demo-vm), in dev only",
    {
      operation: 'set-run-strategy',
      vmName: 'demo-vm',
      gitopsPath: 'applicationsets/demo-vm',
      runStrategy: 'Halted',
      environments: ['dev'],
    },
  ),
  example('Decommission a VM', {
    operation: 'decommission',
    vmName: 'build-runner',
    reason: 'The CI moved to hosted runners',
  }),
];
