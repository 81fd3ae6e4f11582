/*
 * Contract test: the generated table equals what the reference bundles say
 * (re-derived here independently of scripts/generate-instancetypes.mjs).
 */
import { parseAllDocuments } from 'yaml';
import { readReference } from './__testUtils__/reference';
import {
  commonInstancetypeNames,
  commonPreferenceNames,
  findCommonInstancetype,
  findCommonPreference,
} from './instancetypes';
import {
  commonInstancetypes,
  commonPreferences,
} from './instancetypes.generated';
import { tryParseQuantity } from './quantity';

interface BundleObject {
  kind?: string;
  metadata?: { name?: string };
  spec?: {
    cpu?: { guest?: number };
    memory?: { guest?: string };
    requirements?: { cpu?: { guest?: number }; memory?: { guest?: string } };
  };
}

function bundle(file: string): BundleObject[] | undefined {
  const text = readReference('kubevirt', 'common-instancetypes', file);
  return text === undefined
    ? undefined
    : parseAllDocuments(text).map(doc => doc.toJS() as BundleObject);
}

describe('common instancetypes', () => {
  it('has 65 instancetypes with positive vCPUs and parseable memory', () => {
    expect(commonInstancetypes).toHaveLength(65);
    for (const instancetype of commonInstancetypes) {
      expect(instancetype.vcpus).toBeGreaterThan(0);
      expect(tryParseQuantity(instancetype.memory)).toBeGreaterThan(0);
    }
  });

  it('knows u1.medium and u1.large', () => {
    expect(findCommonInstancetype('u1.medium')).toMatchObject({
      vcpus: 1,
      memory: '4Gi',
      class: 'general.purpose',
    });
    expect(findCommonInstancetype('u1.large')).toMatchObject({
      vcpus: 2,
      memory: '8Gi',
    });
    expect(findCommonInstancetype('u1.mediun')).toBeUndefined();
    expect(commonInstancetypeNames).toContain('cx1.2xlarge1gi');
  });

  it('matches the reference bundle exactly', () => {
    const objects = bundle('common-clusterinstancetypes-bundle.generated.yaml');
    if (!objects) {
      return;
    }
    const fromBundle = objects
      .filter(o => o.kind === 'VirtualMachineClusterInstancetype')
      .map(o => [o.metadata?.name, o.spec?.cpu?.guest, o.spec?.memory?.guest])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'en'));
    expect(commonInstancetypes.map(i => [i.name, i.vcpus, i.memory])).toEqual(
      fromBundle,
    );
  });
});

describe('common preferences', () => {
  it('has 57 preferences, fedora and windows.11 among them', () => {
    expect(commonPreferences).toHaveLength(57);
    expect(commonPreferenceNames).toContain('fedora');
    expect(findCommonPreference('windows.11')).toMatchObject({
      osType: 'windows',
      minVcpus: 2,
      minMemory: '4Gi',
    });
  });

  it('matches the reference bundle exactly (names and requirements)', () => {
    const objects = bundle('common-clusterpreferences-bundle.generated.yaml');
    if (!objects) {
      return;
    }
    const fromBundle = objects
      .filter(o => o.kind === 'VirtualMachineClusterPreference')
      .map(o => [
        o.metadata?.name,
        o.spec?.requirements?.cpu?.guest,
        o.spec?.requirements?.memory?.guest,
      ])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'en'));
    expect(
      commonPreferences.map(p => [p.name, p.minVcpus, p.minMemory]),
    ).toEqual(fromBundle);
  });

  it('agrees with the names summary of the reference', () => {
    const text = readReference(
      'kubevirt',
      'common-instancetypes',
      'names.generated.json',
    );
    if (text === undefined) {
      return;
    }
    const names: {
      instancetypes: Array<{ name: string }>;
      preferences: Array<{ name: string }>;
    } = JSON.parse(text);
    expect([...commonInstancetypeNames].sort()).toEqual(
      names.instancetypes.map(i => i.name).sort(),
    );
    expect([...commonPreferenceNames].sort()).toEqual(
      names.preferences.map(p => p.name).sort(),
    );
  });
});
