import {
  LabelSelectorError,
  matchesLabelSelector,
  matchesLabelSelectorObject,
  parseLabelSelector,
} from './labelSelector';

const dev = {
  env: 'dev',
  tier: 'web',
  'cluster.open-cluster-management.io/clusterset': 'managed',
};
const prod = { env: 'prod' };

function matches(selector: string, labels: Record<string, string> | undefined) {
  return matchesLabelSelector(labels, parseLabelSelector(selector));
}

describe('parseLabelSelector', () => {
  it('parses equality, inequality and set-based requirements', () => {
    expect(
      parseLabelSelector(
        'env=dev, tier==web,x!=y,a in (b, c),d notin (e),f,!g',
      ),
    ).toEqual([
      { key: 'env', operator: 'In', values: ['dev'] },
      { key: 'tier', operator: 'In', values: ['web'] },
      { key: 'x', operator: 'NotIn', values: ['y'] },
      { key: 'a', operator: 'In', values: ['b', 'c'] },
      { key: 'd', operator: 'NotIn', values: ['e'] },
      { key: 'f', operator: 'Exists', values: [] },
      { key: 'g', operator: 'DoesNotExist', values: [] },
    ]);
  });

  it('parses the empty selector as matching everything', () => {
    expect(parseLabelSelector('')).toEqual([]);
    expect(matches('', undefined)).toBe(true);
  });

  it('accepts prefixed keys and an empty value', () => {
    expect(
      parseLabelSelector(
        'cluster.open-cluster-management.io/clusterset=managed,a=',
      ),
    ).toEqual([
      {
        key: 'cluster.open-cluster-management.io/clusterset',
        operator: 'In',
        values: ['managed'],
      },
      { key: 'a', operator: 'In', values: [''] },
    ]);
  });

  it.each([
    ['env in ()', /must not be empty/],
    ['env in (a', /expected/],
    ['env=dev,', /expected a key/],
    ['=dev', /expected a key/],
    ['env dev', /unexpected "dev"/],
    ['bad key!=x', /unexpected "key"/],
    ['env=-dev', /invalid label value/],
    ['-env=dev', /invalid label key/],
  ])('rejects %j', (selector, message) => {
    expect(() => parseLabelSelector(selector)).toThrow(LabelSelectorError);
    expect(() => parseLabelSelector(selector)).toThrow(message);
  });
});

describe('matchesLabelSelector', () => {
  it.each([
    ['env=dev', true, false],
    ['env==prod', false, true],
    ['env!=dev', false, true],
    ['tier!=web', false, true],
    ['env in (dev,staging)', true, false],
    ['env notin (dev)', false, true],
    ['tier', true, false],
    ['!tier', false, true],
    ['env=dev,tier=web', true, false],
    ['cluster.open-cluster-management.io/clusterset=managed', true, false],
  ])('%s matches dev: %s, prod: %s', (selector, matchesDev, matchesProd) => {
    expect(matches(selector, dev)).toBe(matchesDev);
    expect(matches(selector, prod)).toBe(matchesProd);
  });

  it('treats missing labels as absent', () => {
    expect(matches('env', undefined)).toBe(false);
    expect(matches('env notin (dev)', undefined)).toBe(true);
  });
});

describe('matchesLabelSelectorObject', () => {
  it('combines matchLabels and matchExpressions', () => {
    const selector = {
      matchLabels: { env: 'dev' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['web', 'api'] },
      ],
    };
    expect(matchesLabelSelectorObject(dev, selector)).toBe(true);
    expect(
      matchesLabelSelectorObject({ env: 'dev', tier: 'db' }, selector),
    ).toBe(false);
    expect(matchesLabelSelectorObject(prod, selector)).toBe(false);
  });

  it('supports Exists and DoesNotExist, and an empty selector matches all', () => {
    expect(
      matchesLabelSelectorObject(dev, {
        matchExpressions: [{ key: 'tier', operator: 'Exists' }],
      }),
    ).toBe(true);
    expect(
      matchesLabelSelectorObject(dev, {
        matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }],
      }),
    ).toBe(false);
    expect(matchesLabelSelectorObject(prod, {})).toBe(true);
    expect(
      matchesLabelSelectorObject(prod, {
        matchLabels: null,
        matchExpressions: null,
      }),
    ).toBe(true);
  });

  it('rejects unknown operators and In without values', () => {
    expect(() =>
      matchesLabelSelectorObject(dev, {
        matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }],
      }),
    ).toThrow(/not a valid label selector operator/);
    expect(() =>
      matchesLabelSelectorObject(dev, {
        matchExpressions: [{ key: 'a', operator: 'In', values: [] }],
      }),
    ).toThrow(/non-empty/);
  });
});
