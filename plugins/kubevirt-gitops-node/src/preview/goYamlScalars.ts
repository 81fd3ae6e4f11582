/*
 * How Go's gopkg.in/yaml.v3 (which `kubectl kustomize` prints with) writes a
 * string scalar: plain, single-quoted, double-quoted or literal block, and
 * where it folds long lines. Follows yaml.v3's encoder (which strings must be
 * quoted because they would read back as another type) and libyaml's
 * analyze_scalar / write_* functions (which styles a string allows).
 */

/** Column after which libyaml folds plain and quoted scalars. */
export const GO_YAML_BEST_WIDTH = 80;

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const BOOLS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
// yaml.v3 also quotes the YAML 1.1 booleans (isOldBool).
const OLD_BOOLS = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF',
]);
const SPECIAL_FLOATS = new Set([
  '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF',
  '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN',
]);
const INT = /^[-+]?(?:0[bB][01]+|0[oO]?[0-7]+|0[xX][0-9a-fA-F]+|[0-9]+)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]| )[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?)?)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** True when yaml.v3 would read the plain string back as something else. */
export function resolvesToNonString(value: string): boolean {
  if (NULLS.has(value) || BOOLS.has(value) || OLD_BOOLS.has(value)) {
    return true;
  }
  if (value === '<<' || BASE60_FLOAT.test(value)) {
    return true;
  }
  if (!/^[-+.0-9]/.test(value)) {
    return false;
  }
  const plain = value.replace(/_/g, '');
  return (
    INT.test(plain) ||
    FLOAT.test(plain) ||
    SPECIAL_FLOATS.has(value) ||
    TIMESTAMP.test(value)
  );
}

/** What libyaml's analyze_scalar allows for a string. */
interface ScalarAnalysis {
  plainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const FIRST_CHAR_INDICATORS = new Set([
  '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`',
]);

function isBreak(character: string | undefined): boolean {
  return (
    character === '\n' ||
    character === '\r' ||
    character === '\u0085' ||
    character === '\u2028' ||
    character === '\u2029'
  );
}

function isSpaceOrEnd(character: string | undefined): boolean {
  return character === undefined || character === ' ' || isBreak(character);
}

function isPrintable(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    code === 0x85 ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function analyzeScalar(value: string): ScalarAnalysis {
  if (value.length === 0) {
    return {
      plainAllowed: false,
      singleQuotedAllowed: true,
      blockAllowed: false,
    };
  }
  const characters = Array.from(value);
  let blockIndicators =
    value.startsWith('---') || value.startsWith('...');
  let lineBreaks = false;
  let specialCharacters = false;
  let tabCharacters = false;
  let spaceBreak = false;
  let breakSpace = false;
  let previousSpace = false;
  let previousBreak = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let precededByWhitespace = true;

  characters.forEach((character, index) => {
    const next = characters[index + 1];
    const first = index === 0;
    const last = index === characters.length - 1;
    if (first) {
      if (FIRST_CHAR_INDICATORS.has(character)) {
        blockIndicators = true;
      }
      if (character === '?' || character === ':') {
        if (isSpaceOrEnd(next)) {
          blockIndicators = true;
        }
      }
      if (character === '-' && isSpaceOrEnd(next)) {
        blockIndicators = true;
      }
    } else {
      if (character === ':') {
        if (isSpaceOrEnd(next)) {
          blockIndicators = true;
        }
      }
      if (character === '#' && precededByWhitespace) {
        blockIndicators = true;
      }
    }
    if (character === '\t') {
      tabCharacters = true;
    } else if (!isPrintable(character)) {
      specialCharacters = true;
    }
    if (isBreak(character)) {
      lineBreaks = true;
    }
    if (character === ' ') {
      if (first) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(character)) {
      if (first) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = character === ' ' || character === '\t' || isBreak(character);
  });

  let plainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    plainAllowed = false;
  }
  if (trailingSpace) {
    blockAllowed = false;
  }
  if (breakSpace) {
    plainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || tabCharacters || specialCharacters) {
    plainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    blockAllowed = false;
  }
  if (lineBreaks || blockIndicators) {
    plainAllowed = false;
  }
  return {
    plainAllowed,
    singleQuotedAllowed,
    blockAllowed,
  };
}

/** The style yaml.v3 writes a string in (as a block mapping value or sequence item). */
export type GoScalarStyle = 'plain' | 'single' | 'double' | 'literal';

/** Chooses the style of a string value, as yaml.v3 + libyaml do. */
export function chooseScalarStyle(value: string, isKey: boolean): GoScalarStyle {
  const analysis = analyzeScalar(value);
  let wanted: GoScalarStyle;
  if (value.includes('\n')) {
    wanted = 'literal';
  } else if (resolvesToNonString(value)) {
    wanted = 'double';
  } else {
    wanted = 'plain';
  }
  if (wanted === 'plain' && !analysis.plainAllowed) {
    wanted = 'single';
  }
  if (wanted === 'single' && !analysis.singleQuotedAllowed) {
    wanted = 'double';
  }
  if (wanted === 'literal' && (!analysis.blockAllowed || isKey)) {
    wanted = 'double';
  }
  return wanted;
}
