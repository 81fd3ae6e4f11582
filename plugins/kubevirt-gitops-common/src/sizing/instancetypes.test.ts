/*
 * The generated table of common instancetypes and preferences. The contract
 * tier (instancetypes.contract.test.ts, make test-contracts) checks it
 * equals the reference bundles, re-derived there independently of
 * scripts/generate-instancetypes.mjs.
 */
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

  it('is sorted by name with each name once', () => {
    const names = commonInstancetypes.map(i => i.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    expect(new Set(names).size).toBe(names.length);
    expect([...commonInstancetypeNames].sort()).toEqual([...names].sort());
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

  it('has parseable minimum memory wherever one is set, and each name once', () => {
    const minimums = commonPreferences.flatMap(p =>
      p.minMemory === undefined ? [] : [p.minMemory],
    );
    expect(minimums.length).toBeGreaterThan(0);
    for (const memory of minimums) {
      expect(tryParseQuantity(memory)).toBeGreaterThan(0);
    }
    const names = commonPreferences.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...commonPreferenceNames].sort()).toEqual([...names].sort());
  });
});
