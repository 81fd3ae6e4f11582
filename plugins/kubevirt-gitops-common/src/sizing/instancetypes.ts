/*
 * Look-ups over the generated table of common instancetypes and preferences.
 */
import {
  commonInstancetypes,
  commonPreferences,
} from './instancetypes.generated';
import type { CommonInstancetype, CommonPreference } from './instancetypeTypes';

const instancetypesByName = new Map(
  commonInstancetypes.map(instancetype => [instancetype.name, instancetype]),
);
const preferencesByName = new Map(
  commonPreferences.map(preference => [preference.name, preference]),
);

/**
 * Finds a common instancetype by name (`u1.medium`).
 *
 * @public
 */
export function findCommonInstancetype(
  name: string,
): CommonInstancetype | undefined {
  return instancetypesByName.get(name);
}

/**
 * Finds a common preference by name (`fedora`).
 *
 * @public
 */
export function findCommonPreference(
  name: string,
): CommonPreference | undefined {
  return preferencesByName.get(name);
}

/**
 * Names of every common instancetype, sorted.
 *
 * @public
 */
export const commonInstancetypeNames: readonly string[] =
  commonInstancetypes.map(instancetype => instancetype.name);

/**
 * Names of every common preference, sorted.
 *
 * @public
 */
export const commonPreferenceNames: readonly string[] = commonPreferences.map(
  preference => preference.name,
);
