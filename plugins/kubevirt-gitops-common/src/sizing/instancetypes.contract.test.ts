/*
 * Contract tier (make test-contracts): the generated table equals what the
 * reference bundles say (../shared/reference/kubevirt/common-instancetypes),
 * re-derived here independently of scripts/generate-instancetypes.mjs.
 */
import { parseAllDocuments } from 'yaml';
import { readReference } from '../__testUtils__/reference';
import {
  commonInstancetypeNames,
  commonPreferenceNames,
} from './instancetypes';
import {
  commonInstancetypes,
  commonPreferences,
} from './instancetypes.generated';

interface BundleObject {
  kind?: string;
  metadata?: { name?: string };
  spec?: {
    cpu?: { guest?: number };
    memory?: { guest?: string };
    requirements?: { cpu?: { guest?: number }; memory?: { guest?: string } };
  };
}

function bundle(file: string): BundleObject[] {
  return parseAllDocuments(
    readReference('kubevirt', 'common-instancetypes', file),
  ).map(doc => doc.toJS() as BundleObject);
}

describe('common instancetypes against the reference bundle', () => {
  it('matches the reference bundle exactly', () => {
    const fromBundle = bundle(
      'common-clusterinstancetypes-bundle.generated.yaml',
    )
      .filter(o => o.kind === 'VirtualMachineClusterInstancetype')
      .map(o => [o.metadata?.name, o.spec?.cpu?.guest, o.spec?.memory?.guest])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'en'));
    expect(fromBundle).toHaveLength(65);
    expect(commonInstancetypes.map(i => [i.name, i.vcpus, i.memory])).toEqual(
      fromBundle,
    );
  });
});

describe('common preferences against the reference bundle', () => {
  it('matches the reference bundle exactly (names and requirements)', () => {
    const fromBundle = bundle('common-clusterpreferences-bundle.generated.yaml')
      .filter(o => o.kind === 'VirtualMachineClusterPreference')
      .map(o => [
        o.metadata?.name,
        o.spec?.requirements?.cpu?.guest,
        o.spec?.requirements?.memory?.guest,
      ])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'en'));
    expect(fromBundle).toHaveLength(57);
    expect(
      commonPreferences.map(p => [p.name, p.minVcpus, p.minMemory]),
    ).toEqual(fromBundle);
  });

  it('agrees with the names summary of the reference', () => {
    const names: {
      instancetypes: Array<{ name: string }>;
      preferences: Array<{ name: string }>;
    } = JSON.parse(
      readReference('kubevirt', 'common-instancetypes', 'names.generated.json'),
    );
    expect([...commonInstancetypeNames].sort()).toEqual(
      names.instancetypes.map(i => i.name).sort(),
    );
    expect([...commonPreferenceNames].sort()).toEqual(
      names.preferences.map(p => p.name).sort(),
    );
  });
});
