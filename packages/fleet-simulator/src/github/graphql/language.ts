/*
 * A parser for GraphQL executable documents (operations and fragments),
 * following the October 2021 specification: names, variables, every value
 * literal (block strings included), aliases, arguments, directives,
 * fragment spreads and inline fragments. Syntax errors carry the line and
 * column, in GitHub's wording.
 */

export interface Location {
  line: number;
  column: number;
}

export type ValueNode =
  | { kind: 'Variable'; name: string; loc: Location }
  | { kind: 'Int'; value: number; loc: Location }
  | { kind: 'Float'; value: number; loc: Location }
  | { kind: 'String'; value: string; loc: Location }
  | { kind: 'Boolean'; value: boolean; loc: Location }
  | { kind: 'Null'; loc: Location }
  | { kind: 'Enum'; value: string; loc: Location }
  | { kind: 'List'; values: ValueNode[]; loc: Location }
  | {
      kind: 'Object';
      fields: Array<{ name: string; value: ValueNode }>;
      loc: Location;
    };

export type TypeNode =
  | { kind: 'Named'; name: string }
  | { kind: 'List'; type: TypeNode }
  | { kind: 'NonNull'; type: TypeNode };

export interface ArgumentNode {
  name: string;
  value: ValueNode;
  loc: Location;
}

export interface DirectiveNode {
  name: string;
  arguments: ArgumentNode[];
  loc: Location;
}

export interface FieldNode {
  kind: 'Field';
  alias?: string;
  name: string;
  arguments: ArgumentNode[];
  directives: DirectiveNode[];
  selectionSet?: SelectionNode[];
  loc: Location;
}

export interface InlineFragmentNode {
  kind: 'InlineFragment';
  typeCondition?: string;
  directives: DirectiveNode[];
  selectionSet: SelectionNode[];
  loc: Location;
}

export interface FragmentSpreadNode {
  kind: 'FragmentSpread';
  name: string;
  directives: DirectiveNode[];
  loc: Location;
}

export type SelectionNode = FieldNode | InlineFragmentNode | FragmentSpreadNode;

export interface VariableDefinitionNode {
  name: string;
  type: TypeNode;
  defaultValue?: ValueNode;
  loc: Location;
}

export interface OperationNode {
  kind: 'Operation';
  operation: 'query' | 'mutation' | 'subscription';
  name?: string;
  variableDefinitions: VariableDefinitionNode[];
  directives: DirectiveNode[];
  selectionSet: SelectionNode[];
  loc: Location;
}

export interface FragmentNode {
  kind: 'Fragment';
  name: string;
  typeCondition: string;
  directives: DirectiveNode[];
  selectionSet: SelectionNode[];
  loc: Location;
}

export interface DocumentNode {
  operations: OperationNode[];
  fragments: Map<string, FragmentNode>;
}

/** A syntax error, worded like GitHub's (`Parse error on "}" (RCURLY) at [3, 5]`). */
export class GraphqlSyntaxError extends Error {
  constructor(message: string, readonly loc: Location) {
    super(message);
    this.name = 'GraphqlSyntaxError';
  }
}

type TokenKind =
  | 'PUNCT'
  | 'NAME'
  | 'INT'
  | 'FLOAT'
  | 'STRING'
  | 'BLOCK_STRING'
  | 'EOF';

interface Token {
  kind: TokenKind;
  value: string;
  loc: Location;
}

const PUNCTUATOR_NAMES: Record<string, string> = {
  '!': 'BANG',
  $: 'VAR_SIGN',
  '&': 'AMP',
  '(': 'LPAREN',
  ')': 'RPAREN',
  '...': 'ELLIPSIS',
  ':': 'COLON',
  '=': 'EQUALS',
  '@': 'DIR_SIGN',
  '[': 'LBRACKET',
  ']': 'RBRACKET',
  '{': 'LCURLY',
  '|': 'PIPE',
  '}': 'RCURLY',
};

function tokenLabel(token: Token): string {
  switch (token.kind) {
    case 'EOF':
      return 'end of file';
    case 'PUNCT':
      return `"${token.value}" (${PUNCTUATOR_NAMES[token.value]})`;
    case 'NAME':
      return `"${token.value}" (IDENTIFIER)`;
    case 'INT':
    case 'FLOAT':
      return `"${token.value}" (${token.kind})`;
    default:
      return `${JSON.stringify(token.value)} (STRING)`;
  }
}

/** Common indentation removed, blank first and last lines dropped (spec §2.9.4). */
function blockStringValue(raw: string): string {
  const lines = raw.split(/\r\n|[\n\r]/);
  let common: number | undefined;
  for (const line of lines.slice(1)) {
    const indent = line.length - line.trimStart().length;
    if (indent < line.length && (common === undefined || indent < common)) {
      common = indent;
    }
  }
  const dedented = lines.map((line, index) =>
    index === 0 || common === undefined ? line : line.slice(common),
  );
  while (dedented.length > 0 && dedented[0].trim() === '') dedented.shift();
  while (dedented.length > 0 && dedented[dedented.length - 1].trim() === '') {
    dedented.pop();
  }
  return dedented.join('\n');
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): Location => ({ line, column: index - lineStart + 1 });
  const fail = (message: string, loc = here()): never => {
    throw new GraphqlSyntaxError(
      `${message} at [${loc.line}, ${loc.column}]`,
      loc,
    );
  };
  const newline = (at: number) => {
    line += 1;
    lineStart = at + 1;
  };

  while (index < source.length) {
    const char = source[index];
    if (char === '\n') {
      newline(index);
      index += 1;
    } else if (char === '\r') {
      if (source[index + 1] === '\n') index += 1;
      newline(index);
      index += 1;
    } else if (
      char === ' ' ||
      char === '\t' ||
      char === ',' ||
      char === '\ufeff'
    ) {
      index += 1;
    } else if (char === '#') {
      while (
        index < source.length &&
        source[index] !== '\n' &&
        source[index] !== '\r'
      ) {
        index += 1;
      }
    } else if (source.startsWith('...', index)) {
      tokens.push({ kind: 'PUNCT', value: '...', loc: here() });
      index += 3;
    } else if ('!$&():=@[]{}|'.includes(char)) {
      tokens.push({ kind: 'PUNCT', value: char, loc: here() });
      index += 1;
    } else if (/[_A-Za-z]/.test(char)) {
      const loc = here();
      const match = /^[_0-9A-Za-z]+/.exec(source.slice(index));
      const value = match ? match[0] : char;
      tokens.push({ kind: 'NAME', value, loc });
      index += value.length;
    } else if (/[-0-9]/.test(char)) {
      const loc = here();
      const match =
        /^-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(
          source.slice(index),
        ) ?? fail(`Parse error on "${char}" (error)`, loc);
      const after = source[index + match[0].length];
      if (after !== undefined && /[_A-Za-z.]/.test(after)) {
        fail(`Parse error on "${match[0]}${after}" (error)`, loc);
      }
      tokens.push({
        kind: match[1] || match[2] ? 'FLOAT' : 'INT',
        value: match[0],
        loc,
      });
      index += match[0].length;
    } else if (source.startsWith('"""', index)) {
      const loc = here();
      index += 3;
      let raw = '';
      for (;;) {
        if (index >= source.length) fail('Unterminated string', loc);
        if (source.startsWith('"""', index)) {
          index += 3;
          break;
        }
        if (source.startsWith('\\"""', index)) {
          raw += '"""';
          index += 4;
          continue;
        }
        if (source[index] === '\n') newline(index);
        raw += source[index];
        index += 1;
      }
      tokens.push({ kind: 'BLOCK_STRING', value: blockStringValue(raw), loc });
    } else if (char === '"') {
      const loc = here();
      index += 1;
      let value = '';
      for (;;) {
        const next = source[index];
        if (next === undefined || next === '\n' || next === '\r') {
          fail('Unterminated string', loc);
        }
        index += 1;
        if (next === '"') break;
        if (next !== '\\') {
          value += next;
          continue;
        }
        const escape = source[index];
        index += 1;
        if (escape === 'u') {
          const hex = source.slice(index, index + 4);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) {
            fail(`Bad unicode escape in "\\u${hex}"`, loc);
          }
          value += String.fromCharCode(parseInt(hex, 16));
          index += 4;
        } else if (escape !== undefined && escape in ESCAPES) {
          value += ESCAPES[escape];
        } else {
          fail(`Bad escape "\\${escape ?? ''}"`, loc);
        }
      }
      tokens.push({ kind: 'STRING', value, loc });
    } else {
      fail(`Parse error on "${char}" (error)`);
    }
  }
  tokens.push({ kind: 'EOF', value: '', loc: here() });
  return tokens;
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.position];
  }

  private next(): Token {
    const token = this.tokens[this.position];
    if (token.kind !== 'EOF') this.position += 1;
    return token;
  }

  private unexpected(token = this.peek()): never {
    throw new GraphqlSyntaxError(
      `Parse error on ${tokenLabel(token)} at [${token.loc.line}, ${
        token.loc.column
      }]`,
      token.loc,
    );
  }

  private isPunct(value: string): boolean {
    const token = this.peek();
    return token.kind === 'PUNCT' && token.value === value;
  }

  private skipPunct(value: string): boolean {
    if (!this.isPunct(value)) return false;
    this.next();
    return true;
  }

  private expectPunct(value: string): Token {
    if (!this.isPunct(value)) this.unexpected();
    return this.next();
  }

  private name(): string {
    const token = this.peek();
    if (token.kind !== 'NAME') this.unexpected();
    return this.next().value;
  }

  document(): DocumentNode {
    const operations: OperationNode[] = [];
    const fragments = new Map<string, FragmentNode>();
    if (this.peek().kind === 'EOF') this.unexpected();
    while (this.peek().kind !== 'EOF') {
      const token = this.peek();
      if (token.kind === 'PUNCT' && token.value === '{') {
        operations.push({
          kind: 'Operation',
          operation: 'query',
          variableDefinitions: [],
          directives: [],
          selectionSet: this.selectionSet(),
          loc: token.loc,
        });
      } else if (token.kind === 'NAME' && token.value === 'fragment') {
        const fragment = this.fragmentDefinition();
        fragments.set(fragment.name, fragment);
      } else if (
        token.kind === 'NAME' &&
        (token.value === 'query' ||
          token.value === 'mutation' ||
          token.value === 'subscription')
      ) {
        operations.push(this.operation());
      } else {
        this.unexpected();
      }
    }
    return { operations, fragments };
  }

  private operation(): OperationNode {
    const start = this.next();
    const operation = start.value as OperationNode['operation'];
    const name = this.peek().kind === 'NAME' ? this.name() : undefined;
    const variableDefinitions: VariableDefinitionNode[] = [];
    if (this.skipPunct('(')) {
      do {
        const loc = this.expectPunct('$').loc;
        const variable = this.name();
        this.expectPunct(':');
        const type = this.typeReference();
        const defaultValue = this.skipPunct('=') ? this.value(true) : undefined;
        this.directives();
        variableDefinitions.push({ name: variable, type, defaultValue, loc });
      } while (!this.skipPunct(')'));
    }
    return {
      kind: 'Operation',
      operation,
      name,
      variableDefinitions,
      directives: this.directives(),
      selectionSet: this.selectionSet(),
      loc: start.loc,
    };
  }

  private fragmentDefinition(): FragmentNode {
    const start = this.next();
    const name = this.name();
    if (name === 'on') this.unexpected(this.tokens[this.position - 1]);
    if (this.name() !== 'on') this.unexpected(this.tokens[this.position - 1]);
    return {
      kind: 'Fragment',
      name,
      typeCondition: this.name(),
      directives: this.directives(),
      selectionSet: this.selectionSet(),
      loc: start.loc,
    };
  }

  private typeReference(): TypeNode {
    let type: TypeNode;
    if (this.skipPunct('[')) {
      type = { kind: 'List', type: this.typeReference() };
      this.expectPunct(']');
    } else {
      type = { kind: 'Named', name: this.name() };
    }
    return this.skipPunct('!') ? { kind: 'NonNull', type } : type;
  }

  private selectionSet(): SelectionNode[] {
    this.expectPunct('{');
    const selections: SelectionNode[] = [];
    do {
      selections.push(this.selection());
    } while (!this.skipPunct('}'));
    return selections;
  }

  private selection(): SelectionNode {
    const token = this.peek();
    if (token.kind === 'PUNCT' && token.value === '...') {
      this.next();
      const after = this.peek();
      if (after.kind === 'NAME' && after.value !== 'on') {
        return {
          kind: 'FragmentSpread',
          name: this.name(),
          directives: this.directives(),
          loc: token.loc,
        };
      }
      let typeCondition: string | undefined;
      if (after.kind === 'NAME') {
        this.next();
        typeCondition = this.name();
      }
      return {
        kind: 'InlineFragment',
        typeCondition,
        directives: this.directives(),
        selectionSet: this.selectionSet(),
        loc: token.loc,
      };
    }
    const first = this.name();
    let alias: string | undefined;
    let name = first;
    if (this.skipPunct(':')) {
      alias = first;
      name = this.name();
    }
    return {
      kind: 'Field',
      alias,
      name,
      arguments: this.arguments(false),
      directives: this.directives(),
      selectionSet: this.isPunct('{') ? this.selectionSet() : undefined,
      loc: token.loc,
    };
  }

  private arguments(constant: boolean): ArgumentNode[] {
    const args: ArgumentNode[] = [];
    if (!this.skipPunct('(')) return args;
    do {
      const loc = this.peek().loc;
      const name = this.name();
      this.expectPunct(':');
      args.push({ name, value: this.value(constant), loc });
    } while (!this.skipPunct(')'));
    return args;
  }

  private directives(): DirectiveNode[] {
    const directives: DirectiveNode[] = [];
    while (this.isPunct('@')) {
      const loc = this.next().loc;
      directives.push({
        name: this.name(),
        arguments: this.arguments(false),
        loc,
      });
    }
    return directives;
  }

  private value(constant: boolean): ValueNode {
    const token = this.peek();
    const loc = token.loc;
    switch (token.kind) {
      case 'INT':
        this.next();
        return { kind: 'Int', value: Number(token.value), loc };
      case 'FLOAT':
        this.next();
        return { kind: 'Float', value: Number(token.value), loc };
      case 'STRING':
      case 'BLOCK_STRING':
        this.next();
        return { kind: 'String', value: token.value, loc };
      case 'NAME':
        this.next();
        if (token.value === 'true' || token.value === 'false') {
          return { kind: 'Boolean', value: token.value === 'true', loc };
        }
        if (token.value === 'null') return { kind: 'Null', loc };
        return { kind: 'Enum', value: token.value, loc };
      case 'PUNCT':
        if (token.value === '$' && !constant) {
          this.next();
          return { kind: 'Variable', name: this.name(), loc };
        }
        if (token.value === '[') {
          this.next();
          const values: ValueNode[] = [];
          while (!this.skipPunct(']')) values.push(this.value(constant));
          return { kind: 'List', values, loc };
        }
        if (token.value === '{') {
          this.next();
          const fields: Array<{ name: string; value: ValueNode }> = [];
          while (!this.skipPunct('}')) {
            const name = this.name();
            this.expectPunct(':');
            fields.push({ name, value: this.value(constant) });
          }
          return { kind: 'Object', fields, loc };
        }
        return this.unexpected();
      default:
        return this.unexpected();
    }
  }
}

/** Parses an executable document; throws GraphqlSyntaxError. */
export function parseDocument(source: string): DocumentNode {
  return new Parser(tokenize(source)).document();
}

/** `[String!]!` as text, for messages. */
export function typeText(type: TypeNode): string {
  switch (type.kind) {
    case 'Named':
      return type.name;
    case 'List':
      return `[${typeText(type.type)}]`;
    default:
      return `${typeText(type.type)}!`;
  }
}

/** Parses a type reference such as `[PullRequestState!]`. */
export function parseTypeReference(text: string): TypeNode {
  const match = /^(\[)?(.*?)(\])?(!)?$/.exec(text.trim());
  if (!match) throw new Error(`Bad type reference ${text}`);
  const [, open, inner, close, bang] = match;
  let type: TypeNode;
  if (open && close) type = { kind: 'List', type: parseTypeReference(inner) };
  else if (!open && !close) type = { kind: 'Named', name: inner };
  else throw new Error(`Bad type reference ${text}`);
  return bang ? { kind: 'NonNull', type } : type;
}
