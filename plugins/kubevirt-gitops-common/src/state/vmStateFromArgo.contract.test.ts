/*
 * Contract tier (make test-contracts): the rule "approximate never claims
 * more than ArgoCD does", checked on ArgoCD's own VirtualMachine health
 * test data, before and after PR #29664 (../shared/reference/argocd/
 * resource_customizations/kubevirt.io/VirtualMachine/testdata and
 * post-pr-29664/.../testdata). Each file's name starts with the health
 * ArgoCD gives it (healthy_, progressing_, suspended_). For every object:
 * the exact state we derive from the object itself must be one the
 * approximate state for that ArgoCD health admits, and the approximate
 * state must be ArgoCD's own word, marked approximate. The unit tier
 * (snapshotVmState.test.ts in the backend) covers the same with our own
 * objects.
 */
import { readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { readReference, referencePath } from '../__testUtils__/reference';
import { readVmStateFields } from './vmObject';
import { deriveVmState } from './vmState';
import { approximateFromHealth } from './vmStateFromArgo';
import type { VmState } from './vmStateTypes';

const FOLDERS = [
  [
    'argocd',
    'resource_customizations',
    'kubevirt.io',
    'VirtualMachine',
    'testdata',
  ],
  [
    'argocd',
    'post-pr-29664',
    'resource_customizations',
    'kubevirt.io',
    'VirtualMachine',
    'testdata',
  ],
];

/** The exact states each ArgoCD health word admits for a VirtualMachine. */
const ADMITS: Record<string, readonly VmState[]> = {
  Healthy: ['Running', 'Stopped'],
  Suspended: ['Paused', 'Stopped'],
  Progressing: [
    'Starting',
    'Stopping',
    'Provisioning',
    'Migrating',
    'Error',
    'Pending',
    'Unknown',
  ],
};

const HEALTH_BY_PREFIX: Record<string, string> = {
  healthy: 'Healthy',
  progressing: 'Progressing',
  suspended: 'Suspended',
};

const cases = FOLDERS.flatMap(folder =>
  readdirSync(referencePath(...folder))
    .filter(file => file.endsWith('.yaml'))
    .map(file => [folder.join('/'), file, folder] as const),
);

describe('approximate VM states against ArgoCD testdata', () => {
  it('finds the testdata (both health checks)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('%s/%s', (_where, file, folder) => {
    const health = HEALTH_BY_PREFIX[file.split('_')[0]];
    expect(health).toBeDefined();
    const object: unknown = parse(readReference(...folder, file));
    const exact = deriveVmState({
      existsOnCluster: true,
      ...readVmStateFields(object),
    });
    expect(ADMITS[health]).toContain(exact.state);
    const approximate = approximateFromHealth(health, 'Synced');
    expect(approximate).toMatchObject({
      state: health,
      certainty: 'approximate',
    });
    // Never a definite VM state from ArgoCD's word alone.
    expect(['Running', 'Stopped', 'Starting', 'Paused']).not.toContain(
      approximate.state,
    );
  });
});
