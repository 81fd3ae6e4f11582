/*
 * Contract tier (make test-contracts): each third-party copy the unit tests
 * validate against is still the reference material's file, byte for byte,
 * and the reference's SOURCES.json records the same sha256 (so a refreshed
 * reference shows which copies to update).
 */
import { readFileSync } from 'node:fs';
import { readReference, referencePath } from './__testUtils__/reference';
import type { ThirdPartyFile } from './__testUtils__/thirdParty';
import { THIRD_PARTY_FILES, sha256 } from './__testUtils__/thirdParty';

interface SourceEntry {
  file: string;
  sha256: string;
}

describe('third-party copies against the reference material', () => {
  const sources = new Map(
    (
      JSON.parse(readReference('SOURCES.json')) as { files: SourceEntry[] }
    ).files.map(entry => [entry.file, entry.sha256]),
  );

  it.each(Object.keys(THIRD_PARTY_FILES) as ThirdPartyFile[])(
    '%s equals the reference file',
    file => {
      const { sha256: pin, reference } = THIRD_PARTY_FILES[file];
      expect({
        reference,
        actual: sha256(readFileSync(referencePath(reference))),
        recorded: sources.get(reference),
      }).toEqual({ reference, actual: pin, recorded: pin });
    },
  );
});
