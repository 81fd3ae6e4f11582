/*
 * Kubernetes resource quantities (`4Gi`, `500m`, `1.5e3`, `2k`), as defined by
 * k8s.io/apimachinery/pkg/api/resource:
 *
 *   <quantity> ::= <signedNumber><suffix>
 *   <suffix>   ::= <binarySI> | <decimalExponent> | <decimalSI>
 *   <binarySI> ::= Ki | Mi | Gi | Ti | Pi | Ei
 *   <decimalSI> ::= n | u | m | "" | k | M | G | T | P | E
 *   <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>
 */

/** Longest quantity string we accept; Kubernetes quantities are short. */
export const MAX_QUANTITY_LENGTH = 32;

const QUANTITY_PATTERN =
  /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([eE][+-]?\d+)|(n|u|m|k|M|G|T|P|E)?)$/;

const BINARY_MULTIPLIERS: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const DECIMAL_EXPONENTS: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

/**
 * Parses a Kubernetes quantity into a plain number (bytes for memory and
 * disk, cores for CPU: `500m` is `0.5`). Returns `undefined` when the text is
 * not a quantity, is longer than {@link MAX_QUANTITY_LENGTH}, or overflows.
 *
 * @public
 */
export function tryParseQuantity(text: string): number | undefined {
  if (text.length === 0 || text.length > MAX_QUANTITY_LENGTH) {
    return undefined;
  }
  const match = QUANTITY_PATTERN.exec(text);
  if (!match) {
    return undefined;
  }
  const [, numberPart, binarySuffix, exponentSuffix, decimalSuffix] = match;
  const base = Number(numberPart);
  let value: number;
  if (binarySuffix) {
    value = base * BINARY_MULTIPLIERS[binarySuffix];
  } else if (exponentSuffix) {
    value = Number(`${numberPart}${exponentSuffix}`);
  } else if (decimalSuffix) {
    value = Number(`${numberPart}e${DECIMAL_EXPONENTS[decimalSuffix]}`);
  } else {
    value = base;
  }
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Parses a Kubernetes quantity into bytes (memory, disk) or cores (CPU).
 * Throws an `Error` whose message says what a valid quantity looks like.
 *
 * @example
 * parseQuantity('4Gi') // 4294967296
 * parseQuantity('500m') // 0.5
 * parseQuantity('1.5e3') // 1500
 *
 * @public
 */
export function parseQuantity(text: string): number {
  const value = tryParseQuantity(text);
  if (value === undefined) {
    throw new Error(
      `"${text.slice(
        0,
        MAX_QUANTITY_LENGTH,
      )}" is not a Kubernetes quantity (for example 4Gi, 512Mi, 500m or 2)`,
    );
  }
  return value;
}

const BINARY_UNITS: Array<[string, number]> = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];

/**
 * Formats a number of bytes as a short binary quantity for people to read:
 * `4294967296` → `4Gi`, `1610612736` → `1.5Gi`, `1000` → `1000`.
 * At most two decimals; the result always parses back with
 * {@link parseQuantity} (rounded).
 *
 * @public
 */
export function formatBinaryQuantity(bytes: number): string {
  const magnitude = Math.abs(bytes);
  for (const [unit, size] of BINARY_UNITS) {
    if (magnitude >= size) {
      const scaled = Math.round((bytes / size) * 100) / 100;
      return `${scaled}${unit}`;
    }
  }
  return `${Math.round(bytes * 100) / 100}`;
}
