/*
 * Kubernetes label selectors, evaluated locally against the snapshot (the
 * entity's selector is never forwarded upstream).
 */
import type { LabelRequirement } from './snapshotTypes';

const KEY = '[A-Za-z0-9][-A-Za-z0-9_./]*';
const VALUE = '[A-Za-z0-9]?[-A-Za-z0-9_.]*';
const EQUALITY = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s+\\(([^)]*)\\)$`);
const EXISTS = new RegExp(`^(!?)(${KEY})$`);

/**
 * Parses `a=b,c!=d,e in (f,g),!h,i` into requirements. Throws an Error naming
 * the term it cannot read.
 */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  const terms = selector
    .split(/,(?![^(]*\))/)
    .map(term => term.trim())
    .filter(term => term !== '');
  return terms.map((term): LabelRequirement => {
    const equality = EQUALITY.exec(term);
    if (equality) {
      const [, key, operator, value] = equality;
      return {
        key,
        operator: operator === '!=' ? 'NotIn' : 'In',
        values: [value],
      };
    }
    const set = SET.exec(term);
    if (set) {
      const [, key, operator, list] = set;
      return {
        key,
        operator: operator === 'in' ? 'In' : 'NotIn',
        values: list.split(',').map(value => value.trim()),
      };
    }
    const exists = EXISTS.exec(term);
    if (exists) {
      const [, negation, key] = exists;
      return {
        key,
        operator: negation ? 'DoesNotExist' : 'Exists',
        values: [],
      };
    }
    throw new Error(`"${term}" is not a label selector term`);
  });
}

/** Whether labels satisfy every requirement (an empty list matches everything). */
export function matchesRequirements(
  requirements: readonly LabelRequirement[],
  labels: Readonly<Record<string, string>>,
): boolean {
  return requirements.every(requirement => {
    const value = labels[requirement.key];
    switch (requirement.operator) {
      case 'In':
        return value !== undefined && requirement.values.includes(value);
      case 'NotIn':
        return value === undefined || !requirement.values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
      default:
        return value === undefined;
    }
  });
}

/** Whether labels contain every `key: value` of a match-labels map. */
export function matchesLabels(
  matchLabels: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(matchLabels).every(
    ([key, value]) => labels[key] === value,
  );
}
