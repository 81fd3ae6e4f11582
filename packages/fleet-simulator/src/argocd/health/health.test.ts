import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { HealthStatus, JsonObject } from './index';
import {
  applicationHealth,
  applicationSetHealth,
  dataVolumeHealth,
  virtualMachineHealth,
  virtualMachineHealthPostPr29664,
  virtualMachineInstanceHealth,
} from './index';
import { referenceDir } from '../__testUtils__/reference';

type HealthCheck = (object: JsonObject) => HealthStatus;

const checks: Array<{ dir: string; check: HealthCheck }> = [
  {
    dir: 'argocd/resource_customizations/kubevirt.io/VirtualMachine',
    check: virtualMachineHealth,
  },
  {
    dir: 'argocd/resource_customizations/kubevirt.io/VirtualMachineInstance',
    check: virtualMachineInstanceHealth,
  },
  {
    dir: 'argocd/resource_customizations/cdi.kubevirt.io/DataVolume',
    check: dataVolumeHealth,
  },
  {
    dir: 'argocd/resource_customizations/argoproj.io/ApplicationSet',
    check: applicationSetHealth,
  },
  {
    dir: 'argocd/post-pr-29664/resource_customizations/kubevirt.io/VirtualMachine',
    check: virtualMachineHealthPostPr29664,
  },
];

interface HealthTestCase {
  inputPath: string;
  healthStatus: { status: string; message?: string };
}

/** The objects in a testdata file (a `kind: List` holds several). */
function objectsOf(file: string): JsonObject[] {
  const document = parse(fs.readFileSync(file, 'utf8')) as JsonObject;
  return document.kind === 'List' && Array.isArray(document.items)
    ? (document.items as JsonObject[])
    : [document];
}

/** The status a testdata file's name announces, e.g. `healthy_ready.yaml`. */
function statusFromFileName(file: string): string {
  const prefix = path.basename(file).split('_')[0];
  return prefix.charAt(0).toUpperCase() + prefix.slice(1);
}

describe('resource health rules ported from ArgoCD Lua', () => {
  const reference = referenceDir('health rules vs ArgoCD testdata');

  it('agree with every health_test.yaml case and every testdata file', () => {
    if (!reference) {
      return;
    }
    let compared = 0;
    for (const { dir, check } of checks) {
      const base = path.join(reference, dir);
      const testFile = path.join(base, 'health_test.yaml');
      const cases: HealthTestCase[] = fs.existsSync(testFile)
        ? (
            parse(fs.readFileSync(testFile, 'utf8')) as {
              tests: HealthTestCase[];
            }
          ).tests
        : [];
      const covered = new Set(cases.map(c => path.join(base, c.inputPath)));
      for (const testCase of cases) {
        const [object] = objectsOf(path.join(base, testCase.inputPath));
        expect({ dir, file: testCase.inputPath, ...check(object) }).toEqual({
          dir,
          file: testCase.inputPath,
          status: testCase.healthStatus.status,
          ...(testCase.healthStatus.message === undefined
            ? {}
            : { message: testCase.healthStatus.message }),
        });
        compared++;
      }
      const testdata = path.join(base, 'testdata');
      for (const name of fs.readdirSync(testdata)) {
        const file = path.join(testdata, name);
        if (covered.has(file)) {
          continue;
        }
        for (const object of objectsOf(file)) {
          expect({ file, status: check(object).status }).toEqual({
            file,
            status: statusFromFileName(file),
          });
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(27);
  });
});

describe('virtualMachineHealth', () => {
  it('reports an unschedulable VM as Progressing with its printableStatus', () => {
    expect(
      virtualMachineHealth({
        spec: { runStrategy: 'Always' },
        status: {
          created: true,
          printableStatus: 'ErrorUnschedulable',
          conditions: [
            { type: 'Ready', status: 'False', reason: 'GuestNotRunning' },
          ],
        },
      }),
    ).toEqual({ status: 'Progressing', message: 'ErrorUnschedulable' });
  });

  it('reports a halted VM Suspended, and Healthy after PR 29664', () => {
    const halted = {
      spec: { runStrategy: 'Halted' },
      status: {
        printableStatus: 'Stopped',
        conditions: [
          { type: 'Ready', status: 'False', reason: 'VMINotExists' },
        ],
      },
    };
    expect(virtualMachineHealth(halted)).toEqual({
      status: 'Suspended',
      message: 'Stopped',
    });
    expect(virtualMachineHealthPostPr29664(halted)).toEqual({
      status: 'Healthy',
      message: 'Stopped as declared',
    });
  });
});

describe('applicationHealth', () => {
  it('takes the worst live resource health in ArgoCD order', () => {
    expect(
      applicationHealth([
        { health: 'Healthy', live: true },
        { health: 'Suspended', live: true },
        { health: 'Progressing', live: true },
      ]),
    ).toBe('Progressing');
    expect(
      applicationHealth([
        { health: 'Degraded', live: true },
        { health: 'Unknown', live: true },
      ]),
    ).toBe('Unknown');
    expect(applicationHealth([{ live: true }])).toBe('Healthy');
  });

  it('ignores missing resources unless all are missing', () => {
    expect(
      applicationHealth([{ health: 'Healthy', live: true }, { live: false }]),
    ).toBe('Healthy');
    expect(applicationHealth([{ live: false }, { live: false }])).toBe(
      'Missing',
    );
    expect(applicationHealth([])).toBe('Healthy');
  });
});
