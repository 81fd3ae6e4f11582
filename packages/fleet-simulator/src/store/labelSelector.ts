/**
 * Kubernetes label selectors: the string form (`env=dev,tier in (a,b),!x`)
 * and the object form (`matchLabels` / `matchExpressions`), both reduced to a
 * list of requirements that must all hold.
 */

export type RequirementOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** One requirement; `a=b` is `In [b]`, `a!=b` is `NotIn [b]` (absent labels match, as in Kubernetes). */
export interface LabelRequirement {
  key: string;
  operator: RequirementOperator;
  values: string[];
}

/** A parsed selector: every requirement must match. Empty matches everything. */
export type ParsedLabelSelector = readonly LabelRequirement[];

/** The object form used by Kubernetes APIs (metav1.LabelSelector). */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[] | null;
  }> | null;
}

/** Thrown for a selector that does not parse; the message says why. */
export class LabelSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelSelectorError';
  }
}

const KEY_PATTERN =
  /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE_PATTERN = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'op'; text: '=' | '==' | '!=' | '!' | ',' | '(' | ')' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '=' || char === '!') {
      const pair = text.slice(index, index + 2);
      if (pair === '==' || pair === '!=') {
        tokens.push({ kind: 'op', text: pair });
        index += 2;
      } else {
        tokens.push({ kind: 'op', text: char });
        index += 1;
      }
    } else if (char === ',' || char === '(' || char === ')') {
      tokens.push({ kind: 'op', text: char });
      index += 1;
    } else {
      let end = index;
      while (end < text.length && !/[\s=!,()]/.test(text[end])) end += 1;
      tokens.push({ kind: 'word', text: text.slice(index, end) });
      index = end;
    }
  }
  return tokens;
}

function checkKey(key: string): string {
  const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
  if (!KEY_PATTERN.test(key) || name.length > 63 || key.length > 316) {
    throw new LabelSelectorError(`invalid label key "${key}"`);
  }
  return key;
}

function checkValue(value: string): string {
  if (!VALUE_PATTERN.test(value) || value.length > 63) {
    throw new LabelSelectorError(`invalid label value "${value}"`);
  }
  return value;
}

class SelectorParser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    if (this.tokens.length === 0) return requirements;
    for (;;) {
      requirements.push(this.requirement());
      const next = this.take();
      if (next === undefined) return requirements;
      if (next.text !== ',') {
        throw new LabelSelectorError(`expected "," but found "${next.text}"`);
      }
    }
  }

  private take(): Token | undefined {
    const token = this.tokens[this.position];
    this.position += 1;
    return token;
  }

  private word(what: string): string {
    const token = this.take();
    if (token?.kind !== 'word') {
      throw new LabelSelectorError(
        `expected ${what} but found ${
          token ? `"${token.text}"` : 'end of selector'
        }`,
      );
    }
    return token.text;
  }

  private requirement(): LabelRequirement {
    const first = this.tokens[this.position];
    if (first?.kind === 'op' && first.text === '!') {
      this.position += 1;
      return {
        key: checkKey(this.word('a key')),
        operator: 'DoesNotExist',
        values: [],
      };
    }
    const key = checkKey(this.word('a key'));
    const next = this.tokens[this.position];
    if (next === undefined || (next.kind === 'op' && next.text === ',')) {
      return { key, operator: 'Exists', values: [] };
    }
    this.position += 1;
    if (
      next.kind === 'op' &&
      (next.text === '=' || next.text === '==' || next.text === '!=')
    ) {
      const valueToken = this.tokens[this.position];
      let value = '';
      if (valueToken?.kind === 'word') {
        value = valueToken.text;
        this.position += 1;
      }
      return {
        key,
        operator: next.text === '!=' ? 'NotIn' : 'In',
        values: [checkValue(value)],
      };
    }
    if (next.kind === 'word' && (next.text === 'in' || next.text === 'notin')) {
      return {
        key,
        operator: next.text === 'in' ? 'In' : 'NotIn',
        values: this.valueSet(),
      };
    }
    throw new LabelSelectorError(
      `unexpected "${next.text}" after key "${key}"`,
    );
  }

  private valueSet(): string[] {
    const open = this.take();
    if (open?.text !== '(')
      throw new LabelSelectorError('expected "(" after in/notin');
    const values: string[] = [];
    for (;;) {
      const token = this.take();
      if (token === undefined) throw new LabelSelectorError('expected ")"');
      if (token.kind === 'word') {
        values.push(checkValue(token.text));
        const separator = this.take();
        if (separator?.text === ')') break;
        if (separator?.text !== ',')
          throw new LabelSelectorError('expected "," or ")" in a value set');
      } else if (token.text === ')') {
        break;
      } else {
        throw new LabelSelectorError(
          `unexpected "${token.text}" in a value set`,
        );
      }
    }
    if (values.length === 0) {
      throw new LabelSelectorError(
        'for "in" and "notin" the set of values must not be empty',
      );
    }
    return values;
  }
}

/** Parses the string form of a label selector; throws {@link LabelSelectorError}. */
export function parseLabelSelector(text: string): ParsedLabelSelector {
  return new SelectorParser(tokenize(text)).parse();
}

/** Whether `labels` satisfy every requirement of `selector`. */
export function matchesLabelSelector(
  labels: Record<string, string> | undefined,
  selector: ParsedLabelSelector,
): boolean {
  for (const { key, operator, values } of selector) {
    const value = labels?.[key];
    switch (operator) {
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
      case 'In':
        if (value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && values.includes(value)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

const OBJECT_OPERATORS: Record<string, RequirementOperator> = {
  In: 'In',
  NotIn: 'NotIn',
  Exists: 'Exists',
  DoesNotExist: 'DoesNotExist',
};

/**
 * Converts the object form (matchLabels + matchExpressions) to requirements;
 * throws {@link LabelSelectorError} for an unknown operator or a missing value set.
 */
export function labelSelectorFromObject(
  selector: LabelSelectorObject,
): ParsedLabelSelector {
  const requirements: LabelRequirement[] = Object.entries(
    selector.matchLabels ?? {},
  ).map(([key, value]) => ({ key, operator: 'In', values: [value] }));
  for (const expression of selector.matchExpressions ?? []) {
    const operator = OBJECT_OPERATORS[expression.operator];
    if (operator === undefined) {
      throw new LabelSelectorError(
        `"${expression.operator}" is not a valid label selector operator`,
      );
    }
    const values = expression.values ?? [];
    if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
      throw new LabelSelectorError(
        `values must be non-empty for operator "${operator}"`,
      );
    }
    if (
      (operator === 'Exists' || operator === 'DoesNotExist') &&
      values.length > 0
    ) {
      throw new LabelSelectorError(
        `values must be empty for operator "${operator}"`,
      );
    }
    requirements.push({ key: expression.key, operator, values });
  }
  return requirements;
}

/** Whether `labels` match a LabelSelector object; an empty object matches everything. */
export function matchesLabelSelectorObject(
  labels: Record<string, string> | undefined,
  selector: LabelSelectorObject,
): boolean {
  return matchesLabelSelector(labels, labelSelectorFromObject(selector));
}
