/*
 * Prints JSON values the way `kubectl kustomize` does: gopkg.in/yaml.v3 with
 * an indent of 2, sequences not indented under their key, map keys in
 * yaml.v3's natural order, and libyaml's scalar styles and line folding.
 */
import type { JsonValue } from '@backstage/types';
import {
  chooseScalarStyle,
  GO_YAML_BEST_WIDTH,
  type GoScalarStyle,
} from './goYamlScalars';

const INDENT = 2;

function isLetter(character: string): boolean {
  return /\p{L}/u.test(character);
}

function isDigit(character: string): boolean {
  return /\p{Nd}/u.test(character);
}

function digitValue(character: string): number {
  return Number.parseInt(character, 10) || 0;
}

/** yaml.v3's keyList.Less for two string keys. */
export function goYamlKeyLess(left: string, right: string): boolean {
  const a = Array.from(left);
  const b = Array.from(right);
  let digits = false;
  for (let i = 0; i < a.length && i < b.length; i++) {
    if (a[i] === b[i]) {
      digits = isDigit(a[i]);
      continue;
    }
    const aLetter = isLetter(a[i]);
    const bLetter = isLetter(b[i]);
    if (aLetter && bLetter) {
      return (a[i].codePointAt(0) ?? 0) < (b[i].codePointAt(0) ?? 0);
    }
    if (aLetter || bLetter) {
      return digits ? aLetter : bLetter;
    }
    let aNumber = 0;
    let bNumber = 0;
    if (a[i] === '0' || b[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(a[j]); j--) {
        if (a[j] !== '0') {
          aNumber = 1;
          bNumber = 1;
          break;
        }
      }
    }
    let aEnd = i;
    for (; aEnd < a.length && isDigit(a[aEnd]); aEnd++) {
      aNumber = aNumber * 10 + digitValue(a[aEnd]);
    }
    let bEnd = i;
    for (; bEnd < b.length && isDigit(b[bEnd]); bEnd++) {
      bNumber = bNumber * 10 + digitValue(b[bEnd]);
    }
    if (aNumber !== bNumber) {
      return aNumber < bNumber;
    }
    if (aEnd !== bEnd) {
      return aEnd < bEnd;
    }
    return (a[i].codePointAt(0) ?? 0) < (b[i].codePointAt(0) ?? 0);
  }
  return a.length < b.length;
}

function sortedKeys(value: Record<string, JsonValue | undefined>): string[] {
  return Object.keys(value)
    .filter(key => value[key] !== undefined)
    .sort((left, right) => {
      if (goYamlKeyLess(left, right)) return -1;
      if (goYamlKeyLess(right, left)) return 1;
      return 0;
    });
}

const ESCAPES: Record<string, string> = {
  '\0': '\\0',
  '\u0007': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\u000b': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\u001b': '\\e',
  '"': '\\"',
  '\\': '\\\\',
  '\u0085': '\\N',
  '\u00a0': '\\_',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

function escapeCharacter(character: string): string | undefined {
  const known = ESCAPES[character];
  if (known) {
    return known;
  }
  const code = character.codePointAt(0) ?? 0;
  const printable =
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) ||
    code >= 0x10000;
  if (printable) {
    return undefined;
  }
  const hex = code.toString(16).toUpperCase();
  if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  return `\\u${hex.padStart(4, '0')}`;
}

/** Writes a one-line scalar starting at `column`, folding at spaces like libyaml. */
function writeFlowScalar(
  value: string,
  style: Exclude<GoScalarStyle, 'literal'>,
  column: number,
  continuationIndent: number,
  allowBreaks: boolean,
): string {
  const characters = Array.from(value);
  const quotes: Record<typeof style, string> = { plain: '', single: "'", double: '"' };
  const quote = quotes[style];
  let out = quote;
  let currentColumn = column + quote.length;
  let previousSpace = false;
  characters.forEach((character, index) => {
    const next = characters[index + 1];
    const inner = index !== 0 && index !== characters.length - 1;
    if (character === ' ') {
      const foldable =
        allowBreaks &&
        !previousSpace &&
        currentColumn > GO_YAML_BEST_WIDTH &&
        (style === 'plain' ? next !== ' ' : inner) &&
        (style !== 'single' || next !== ' ');
      if (foldable) {
        out += `\n${' '.repeat(continuationIndent)}`;
        currentColumn = continuationIndent;
        if (style === 'double' && next === ' ') {
          out += '\\';
          currentColumn += 1;
        }
      } else {
        out += ' ';
        currentColumn += 1;
      }
      previousSpace = true;
      return;
    }
    previousSpace = false;
    let written = character;
    if (style === 'single' && character === "'") {
      written = "''";
    } else if (style === 'double') {
      written = escapeCharacter(character) ?? character;
    }
    out += written;
    currentColumn += written.length;
  });
  return out + quote;
}

/** The header and body lines of a literal block scalar. */
function writeLiteral(value: string, indent: number): string[] {
  const first = value[0];
  const indentHint = first === ' ' || first === '\n' ? String(INDENT) : '';
  let chomp = '';
  if (!value.endsWith('\n')) {
    chomp = '-';
  } else if (value === '\n' || value.endsWith('\n\n')) {
    chomp = '+';
  }
  const lines = value.split('\n');
  if (value.endsWith('\n')) {
    lines.pop();
  }
  const pad = ' '.repeat(indent);
  return [`|${indentHint}${chomp}`, ...lines.map(line => (line ? `${pad}${line}` : ''))];
}

function scalarText(value: JsonValue): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  return undefined;
}

function isEmptyCollection(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

/**
 * Writes a value that goes after `prefix` on the current line (a key and
 * ": ", or "- "): a scalar or empty collection inline, a literal block, or
 * a nested collection on the following lines.
 */
function writeValue(value: JsonValue, prefix: string, indent: number, out: string[]): void {
  const simple = scalarText(value);
  if (simple !== undefined) {
    out.push(`${prefix}${simple}`);
    return;
  }
  if (typeof value === 'string') {
    const style = chooseScalarStyle(value, false);
    if (style === 'literal') {
      const [header, ...body] = writeLiteral(value, indent + INDENT);
      out.push(`${prefix}${header}`, ...body);
      return;
    }
    out.push(
      `${prefix}${writeFlowScalar(value, style, prefix.length, indent + INDENT, true)}`,
    );
    return;
  }
  if (typeof value !== 'object' || value === null) {
    return;
  }
  if (isEmptyCollection(value)) {
    out.push(`${prefix}${Array.isArray(value) ? '[]' : '{}'}`);
    return;
  }
  if (prefix.trimEnd().endsWith(':')) {
    out.push(prefix.trimEnd());
    if (Array.isArray(value)) {
      writeSequence(value, indent, out);
    } else {
      writeMapping(value, indent + INDENT, out, '');
    }
    return;
  }
  // After "- ": a nested collection starts on the same line.
  if (Array.isArray(value)) {
    writeSequence(value, indent + INDENT, out, prefix);
  } else {
    writeMapping(value, indent + INDENT, out, prefix);
  }
}

function writeMapping(
  value: { [key: string]: JsonValue | undefined },
  indent: number,
  out: string[],
  firstLinePrefix: string,
): void {
  const pad = ' '.repeat(indent);
  sortedKeys(value).forEach((key, index) => {
    const item = value[key];
    if (item === undefined) return;
    const keyStyle = chooseScalarStyle(key, true);
    const keyText =
      keyStyle === 'plain'
        ? key
        : writeFlowScalar(key, keyStyle === 'literal' ? 'double' : keyStyle, 0, 0, false);
    const linePrefix = index === 0 && firstLinePrefix ? firstLinePrefix : pad;
    writeValue(item, `${linePrefix}${keyText}: `, indent, out);
  });
}

function writeSequence(
  value: JsonValue[],
  indent: number,
  out: string[],
  firstLinePrefix = '',
): void {
  const pad = ' '.repeat(indent);
  value.forEach((item, index) => {
    const linePrefix = index === 0 && firstLinePrefix ? `${firstLinePrefix}- ` : `${pad}- `;
    writeValue(item, linePrefix, indent, out);
  });
}

/** One document as `kubectl kustomize` prints it (ends with a newline). */
export function toGoYaml(value: JsonValue): string {
  const out: string[] = [];
  if (typeof value === 'object' && value !== null && !isEmptyCollection(value)) {
    if (Array.isArray(value)) {
      writeSequence(value, 0, out);
    } else {
      writeMapping(value, 0, out, '');
    }
  } else {
    writeValue(value, '', 0, out);
  }
  return `${out.join('\n')}\n`;
}
