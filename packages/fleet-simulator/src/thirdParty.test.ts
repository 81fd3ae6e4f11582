/*
 * The third-party schemas the unit tests validate against are pinned: every
 * data file under the repository's third_party/ is in the pin table, each
 * pin is the one its PROVENANCE.md publishes, and a file whose content
 * changed is refused.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ThirdPartyFile } from './__testUtils__/thirdParty';
import {
  THIRD_PARTY_FILES,
  readThirdParty,
  readVerified,
  repoRoot,
  sha256,
} from './__testUtils__/thirdParty';

const pinned = Object.keys(THIRD_PARTY_FILES) as ThirdPartyFile[];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(entry =>
      entry.isDirectory()
        ? filesUnder(path.join(dir, entry.name))
        : Promise.resolve([path.join(dir, entry.name)]),
    ),
  );
  return nested.flat();
}

describe('third-party files', () => {
  it('pins every data file of third_party/ (licences and provenance aside)', async () => {
    const files = (await filesUnder(path.join(repoRoot, 'third_party')))
      .map(file => path.relative(repoRoot, file))
      .filter(file => !/(^|\/)(LICENSE|[^/]*\.md)$/.test(file))
      .sort();
    expect(files).toEqual(
      pinned.filter(file => file.startsWith('third_party/')).sort(),
    );
  });

  it.each(pinned)(
    '%s has its pinned sha256, published in the PROVENANCE.md and a LICENSE beside it',
    async file => {
      const { sha256: pin } = THIRD_PARTY_FILES[file];
      expect(sha256(readThirdParty(file))).toBe(pin);
      let dir = path.dirname(path.join(repoRoot, file));
      while (
        !(await readdir(dir)).includes('PROVENANCE.md') &&
        path.basename(path.dirname(dir)) !== 'third_party'
      ) {
        dir = path.dirname(dir);
      }
      const names = await readdir(dir);
      expect(names).toEqual(
        expect.arrayContaining(['LICENSE', 'PROVENANCE.md']),
      );
      const provenance = await readFile(
        path.join(dir, 'PROVENANCE.md'),
        'utf8',
      );
      expect(provenance).toContain(`\`${pin}\``);
      expect(provenance).toContain(
        `\`${path.relative(dir, path.join(repoRoot, file))}\``,
      );
    },
  );

  it('refuses a file whose content is not the pinned one', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'third-party-'));
    try {
      const file = path.join(dir, 'schema.json');
      await writeFile(file, '{"type":"object"}');
      expect(readVerified(file, sha256('{"type":"object"}'))).toBe(
        '{"type":"object"}',
      );
      expect(() => readVerified(file, sha256('{"type":"string"}'))).toThrow(
        /has sha256 [0-9a-f]{64}, not the pinned [0-9a-f]{64}/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
