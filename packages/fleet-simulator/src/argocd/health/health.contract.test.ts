/*
 * Contract tier (make test-contracts): the health rules ported from ArgoCD's
 * Lua agree with ArgoCD's own health_test.yaml cases and testdata files in
 * the reference material (../shared/reference/argocd). The unit tier checks
 * the same rules on the project's own objects (health.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { referencePath } from '../../__testUtils__/reference';
import type { HealthStatus, JsonObject } from './index';
import {
  applicationSetHealth,
  dataVolumeHealth,
  virtualMachineHealth,
  virtualMachineHealthPostPr29664,
  virtualMachineInstanceHealth,
} from './index';

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
  it('agree with every health_test.yaml case and every testdata file', () => {
    let compared = 0;
    for (const { dir, check } of checks) {
      const base = referencePath(dir);
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
