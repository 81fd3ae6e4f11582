/*
 * Contract tier (make test-contracts): the VirtualMachine objects of ArgoCD's
 * own health-check test data (../shared/reference/argocd/
 * resource_customizations/kubevirt.io/VirtualMachine/testdata), read with
 * readVmStateFields and derived. ArgoCD calls these Healthy / Progressing /
 * Suspended; we say what a user should read. The unit tier
 * (vmState.argocd.test.ts) derives the same situations from objects of our
 * own.
 */
import { readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { readReference, referencePath } from '../__testUtils__/reference';
import { readVmStateFields } from './vmObject';
import { deriveVmState } from './vmState';
import type { DerivedVmState } from './vmStateTypes';

const TESTDATA = [
  'argocd',
  'resource_customizations',
  'kubevirt.io',
  'VirtualMachine',
  'testdata',
];

// file → [ArgoCD's health, our derived state]
const EXPECTED: Record<string, [string, DerivedVmState]> = {
  'healthy_ready.yaml': [
    'Healthy',
    {
      state: 'Running',
      matchesDesired: true,
      severity: 'ok',
      label: 'Running',
    },
  ],
  'progressing_nostatus.yaml': [
    'Progressing',
    {
      state: 'Pending',
      reason: 'NoStatusYet',
      matchesDesired: false,
      severity: 'progress',
      label: 'Waiting for KubeVirt to report a status',
    },
  ],
  // running: false but the VM reports Starting: it starts although Git says it should not.
  'progressing_starting.yaml': [
    'Progressing',
    {
      state: 'Starting',
      matchesDesired: false,
      severity: 'warning',
      label: 'Drift: starting but Git says running: false',
    },
  ],
  // Paused by a user while Git says running: true.
  'suspended_paused.yaml': [
    'Suspended',
    {
      state: 'Paused',
      matchesDesired: false,
      severity: 'warning',
      label: 'Paused; Git says running: true',
    },
  ],
  // ArgoCD calls it Suspended; for us a VM stopped as declared is healthy.
  'suspended_stopped.yaml': [
    'Suspended',
    {
      state: 'Stopped',
      matchesDesired: true,
      severity: 'ok',
      label: 'Stopped as declared',
    },
  ],
};

describe('deriveVmState on ArgoCD VirtualMachine testdata', () => {
  it('derives a sensible state for every file', () => {
    const directory = referencePath(...TESTDATA);
    const files = readdirSync(directory)
      .filter(file => file.endsWith('.yaml'))
      .sort();
    // A new upstream file must get an explicit expectation here.
    expect(files).toEqual(Object.keys(EXPECTED).sort());
    for (const file of files) {
      const vm: unknown = parse(readReference(...TESTDATA, file));
      const derived = deriveVmState({
        existsOnCluster: true,
        ...readVmStateFields(vm),
      });
      expect({ file, derived }).toEqual({ file, derived: EXPECTED[file][1] });
    }
  });

  it('agrees with ArgoCD’s own expectations about which file is which', () => {
    const text = readReference(...TESTDATA.slice(0, -1), 'health_test.yaml');
    const tests = (
      parse(text) as {
        tests: Array<{ inputPath: string; healthStatus: { status: string } }>;
      }
    ).tests;
    const argocdHealth = Object.fromEntries(
      tests.map(test => [
        test.inputPath.replace('testdata/', ''),
        test.healthStatus.status,
      ]),
    );
    expect(argocdHealth).toEqual(
      Object.fromEntries(
        Object.entries(EXPECTED).map(([file, [health]]) => [file, health]),
      ),
    );
  });

  it('reads the deprecated running field and the conditions of a VM object', () => {
    const text = readReference(...TESTDATA, 'suspended_paused.yaml');
    const vm: unknown = parse(text);
    expect(readVmStateFields(vm)).toEqual({
      running: true,
      printableStatus: 'Paused',
      created: true,
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          lastTransitionTime: '2021-09-24T18:45:01Z',
        },
        {
          type: 'Paused',
          status: 'True',
          reason: 'PausedByUser',
          message: 'VMI was paused by user',
          lastTransitionTime: '2021-09-24T18:48:57Z',
        },
      ],
    });
  });
});
