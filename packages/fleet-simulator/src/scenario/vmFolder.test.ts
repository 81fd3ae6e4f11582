import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { execFile, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import {
  KUBEVIRT_VM_SCHEMA,
  readThirdPartyJson,
} from '../__testUtils__/thirdParty';
import { vmFolderFiles } from './vmFolder';

const hasKubectl =
  spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status ===
  0;
const run = promisify(execFile);

describe('generated VM folders', () => {
  if (!hasKubectl) {
    // eslint-disable-next-line no-console
    console.warn(
      'generated VM render checks did not run: kubectl is not on PATH',
    );
    it('has no kubectl to check with', () => {
      expect(hasKubectl).toBe(false);
    });
    return;
  }

  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vm-folder-test-'));
    const files = vmFolderFiles({
      vm: 'web',
      envs: ['dev', 'prod'],
      repoUrl: 'https://github.com/org/gitops.git',
      argocdNamespace: 'argocd',
      memoryByEnv: { prod: '8Gi' },
    });
    for (const [file, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), content);
    }
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['dev', 'dev-web', '2Gi'],
    ['prod', 'prod-web', '8Gi'],
  ])(
    'renders the %s overlay to a VirtualMachine valid against the KubeVirt schema',
    async (env, name, memory) => {
      const { stdout } = await run('kubectl', [
        'kustomize',
        path.join(dir, 'applicationsets/vms/web/kustomize', env),
      ]);
      const documents = parseAllDocuments(stdout).map(doc => doc.toJSON());
      expect(documents).toHaveLength(1);
      const [vm] = documents;
      expect(vm).toMatchObject({
        kind: 'VirtualMachine',
        metadata: { name },
        spec: {
          runStrategy: 'Always',
          template: { spec: { domain: { memory: { guest: memory } } } },
        },
      });
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      // KubeVirt's VM schema: the node library's checksum-verified copy.
      const validate = ajv.compile(
        readThirdPartyJson(KUBEVIRT_VM_SCHEMA) as object,
      );
      const valid = validate(vm);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
      expect(JSON.stringify(vm)).not.toMatch(/password/i);
    },
  );
});
