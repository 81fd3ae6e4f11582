/*
 * How gopkg.in/yaml.v3 reads an untagged plain scalar when kustomize loads a
 * file (integers in any Go base with underscores, floats, timestamps that
 * come out as RFC 3339 strings), so the preview reads files as kustomize does.
 */
import type { JsonValue } from '@backstage/types';
import { parseAllDocuments, visit } from 'yaml';

const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const DATE_TIME =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?[ \t]*(Z|[-+][0-9]{1,2}(?::?[0-9]{2})?)?)?$/;

function parseGoInt(plain: string): number | undefined {
  const match = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(plain);
  if (!match) return undefined;
  const [, sign, digits] = match;
  let value: number;
  if (/^0[xX]/.test(digits)) value = Number.parseInt(digits.slice(2), 16);
  else if (/^0[oO]/.test(digits)) value = Number.parseInt(digits.slice(2), 8);
  else if (/^0[bB]/.test(digits)) value = Number.parseInt(digits.slice(2), 2);
  else if (digits.startsWith('0')) value = digits.length === 1 ? 0 : Number.parseInt(digits.slice(1), 8);
  else value = Number.parseInt(digits, 10);
  return sign === '-' ? -value : value;
}

function pad(value: string | number, length: number): string {
  return String(value).padStart(length, '0');
}

function timestamp(match: RegExpExecArray): string {
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  if (hour === undefined) {
    return `${year}-${pad(month, 2)}-${pad(day, 2)}T00:00:00Z`;
  }
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const [, zSign, zHours, zMinutes = '0'] = /^([-+])([0-9]{1,2}):?([0-9]{2})?$/.exec(zone) ?? [];
    offsetMinutes = (Number(zHours) * 60 + Number(zMinutes)) * (zSign === '-' ? -1 : 1);
  }
  const base = `${year}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${minute}:${second}`;
  const frac = fraction ? fraction.replace(/0+$/, '').replace(/^\.$/, '') : '';
  if (offsetMinutes === 0) {
    return `${base}${frac}Z`;
  }
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${base}${frac}${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

/** The value yaml.v3 gives an untagged plain scalar. */
export function goResolvePlain(source: string): JsonValue {
  if (source === '' || source === '~' || /^(null|Null|NULL)$/.test(source)) return null;
  if (/^(true|True|TRUE)$/.test(source)) return true;
  if (/^(false|False|FALSE)$/.test(source)) return false;
  if (!/^[-+.0-9]/.test(source)) return source;
  const plain = source.replace(/_/g, '');
  const integer = parseGoInt(plain);
  if (integer !== undefined && Number.isFinite(integer)) return integer;
  if (FLOAT.test(plain)) return Number(plain);
  const date = DATE_TIME.exec(source);
  if (date) return timestamp(date);
  return source;
}

/** Parses every document of a file as kustomize's YAML reader would. */
export function parseGoYamlDocuments(text: string): Array<{ value: JsonValue | undefined; error?: string }> {
  return parseAllDocuments(text, { uniqueKeys: true }).map(document => {
    if (document.errors.length > 0) {
      return { value: undefined, error: document.errors[0].message };
    }
    visit(document, {
      Scalar(_key, node) {
        if (node.type === 'PLAIN' && !node.tag && typeof node.source === 'string') {
          node.value = goResolvePlain(node.source);
        }
      },
    });
    return { value: document.toJS({ maxAliasCount: 100 }) as JsonValue | undefined };
  });
}
