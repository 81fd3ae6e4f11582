import {
  formatBinaryQuantity,
  parseQuantity,
  tryParseQuantity,
} from './quantity';

const Ki = 1024;
const Mi = 1024 ** 2;
const Gi = 1024 ** 3;
const Ti = 1024 ** 4;

describe('parseQuantity', () => {
  it.each<[string, number]>([
    ['0', 0],
    ['2', 2],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['1.', 1],
    ['+3', 3],
    ['-4Gi', -4 * Gi],
    // binary suffixes
    ['1Ki', Ki],
    ['512Mi', 512 * Mi],
    ['4Gi', 4 * Gi],
    ['1.5Gi', 1.5 * Gi],
    ['2Ti', 2 * Ti],
    ['1Pi', 1024 ** 5],
    ['1Ei', 1024 ** 6],
    ['7505192052Ki', 7505192052 * Ki],
    // decimal suffixes
    ['500m', 0.5],
    ['250m', 0.25],
    ['100u', 0.0001],
    ['5n', 5e-9],
    ['2k', 2000],
    ['28k', 28000],
    ['128M', 128e6],
    ['4G', 4e9],
    ['1T', 1e12],
    ['1P', 1e15],
    ['1E', 1e18],
    // exponents
    ['1e3', 1000],
    ['1E3', 1000],
    ['1.5e3', 1500],
    ['12e-3', 0.012],
    ['1e+2', 100],
  ])('%s → %d', (text, expected) => {
    expect(parseQuantity(text)).toBeCloseTo(expected, 12);
  });

  it.each([
    '',
    'Gi',
    '4GB',
    '4gi',
    '4 Gi',
    ' 4Gi',
    '4Gi ',
    '4Gi\n',
    '0x10',
    '1e',
    '1e1.5',
    '1Ki2',
    '--1',
    '1..2',
    'NaN',
    'Infinity',
    '1e400',
    '４Gi', // fullwidth digit
  ])('rejects %j', text => {
    expect(tryParseQuantity(text)).toBeUndefined();
    expect(() => parseQuantity(text)).toThrow(
      `is not a Kubernetes quantity (for example 4Gi, 512Mi, 500m or 2)`,
    );
  });

  it('rejects strings longer than 32 characters before parsing', () => {
    expect(tryParseQuantity('1'.repeat(33))).toBeUndefined();
    expect(tryParseQuantity('1'.repeat(32))).toBe(Number('1'.repeat(32)));
  });

  it('quotes the bad value in the error', () => {
    expect(() => parseQuantity('64GB')).toThrow(
      '"64GB" is not a Kubernetes quantity (for example 4Gi, 512Mi, 500m or 2)',
    );
  });
});

describe('formatBinaryQuantity', () => {
  it.each<[number, string]>([
    [4 * Gi, '4Gi'],
    [1.5 * Gi, '1.5Gi'],
    [512 * Mi, '512Mi'],
    [2 * Ti, '2Ti'],
    [1000, '1000'],
    [1536, '1.5Ki'],
    [0, '0'],
    [(1 / 3) * Gi, '341.33Mi'],
  ])('%d → %s', (bytes, expected) => {
    expect(formatBinaryQuantity(bytes)).toBe(expected);
  });

  it('round-trips through parseQuantity for whole units', () => {
    for (const text of ['4Gi', '512Mi', '3Ti', '1.5Gi']) {
      expect(formatBinaryQuantity(parseQuantity(text))).toBe(text);
    }
  });
});
