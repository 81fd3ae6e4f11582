/*
 * In-place edits of YAML text that keep everything they do not touch, byte
 * for byte: comments, key order, sequence indentation (compact or not),
 * block scalar styles (`|` / `|-`), quoting of other values and the final
 * newline. Each edit splices only the text of the node it changes, found by
 * the source ranges of the `yaml` library's parser, and is then checked: the
 * text is parsed again and must mean exactly what the edit intended (the
 * same change applied to the parsed value). An edit the text cannot take in
 * place throws instead of writing something else.
 *
 * Why not the `yaml` Document API's toString(): it re-emits the whole file
 * in its own style (compact sequences re-indented, `|-` turned into `|`,
 * flow maps expanded), so an untouched part of a user's file would change.
 */
import { InputError } from '@backstage/errors';
import {
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  stringify,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { isDeepStrictEqual } from 'node:util';

/** A path into a YAML document: map keys and sequence indexes. */
export type YamlPath = ReadonlyArray<string | number>;

/** A plain value to write (no `undefined`). */
export type YamlValue =
  | string
  | number
  | boolean
  | null
  | YamlValue[]
  | { [key: string]: YamlValue };

type Parsed = Document.Parsed;
type Range = [number, number, number];

function rangeOf(node: Node): Range {
  const range = node.range;
  if (!range) throw new Error('node without a source range');
  return range;
}

function lineStart(text: string, position: number): number {
  return text.lastIndexOf('\n', position - 1) + 1;
}

/** The position after the end of the line holding `position - 1` (after its newline). */
function lineEndAfter(text: string, position: number): number {
  if (position > 0 && text[position - 1] === '\n') return position;
  const newline = text.indexOf('\n', position);
  return newline === -1 ? text.length : newline + 1;
}

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

function findPair(map: YAMLMap, key: string | number): Pair | undefined {
  return map.items.find(pair => String(keyOf(pair)) === String(key));
}

/** Deep clone of a parsed value with the edit applied, for the check. */
function applyToJs(
  value: unknown,
  path: YamlPath,
  edit: (
    parent: Record<string, unknown> | unknown[],
    key: string | number,
  ) => void,
): unknown {
  const copy = structuredClone(value);
  let parent: unknown = copy;
  for (const key of path.slice(0, -1)) {
    parent = (parent as Record<string | number, unknown>)[key];
  }
  edit(parent as Record<string, unknown>, path[path.length - 1]);
  return copy;
}

function isPlainObject(value: unknown): value is { [key: string]: YamlValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An editor of one document of a YAML file (a multi-document file keeps its
 * other documents untouched).
 */
export class YamlTextEditor {
  private current: string;

  constructor(
    text: string,
    private readonly file: string,
    private readonly documentIndex = 0,
  ) {
    this.current = text;
    this.document(); // fails early on text that is not YAML
  }

  /** The text after the edits so far. */
  get text(): string {
    return this.current;
  }

  /** The document edited, freshly parsed. */
  document(): Parsed {
    const documents = parseAllDocuments(this.current);
    if (!Array.isArray(documents)) {
      throw new InputError(`${this.file} holds no YAML document`);
    }
    const document = documents[this.documentIndex];
    if (!document)
      throw new InputError(
        `${this.file} has no document ${this.documentIndex + 1}`,
      );
    if (document.errors.length > 0) {
      throw new InputError(
        `${this.file} is not valid YAML: ${document.errors[0].message}`,
      );
    }
    return document;
  }

  /** The plain value of the document (or of `path` in it). */
  value(path: YamlPath = []): unknown {
    const document = this.document();
    if (path.length === 0) return document.toJS();
    return document.getIn(path, false) === undefined
      ? undefined
      : toJs(document.getIn(path, true));
  }

  has(path: YamlPath): boolean {
    return this.document().hasIn(path);
  }

  /** Sets the value at `path`, creating missing maps along it. */
  set(path: YamlPath, value: YamlValue): void {
    const expected = applyToJsCreating(this.value(), path, value);
    this.setNode(path, value);
    this.check(expected, `setting ${path.join('.')}`);
  }

  /** Removes the value at `path` (no-op when absent); maps left empty go too (never the root). */
  delete(path: YamlPath, pruneEmptyParents = true): void {
    if (!this.has(path)) return;
    let target = path;
    // a map that would be left empty goes with its last key (never the root)
    while (pruneEmptyParents && target.length > 1) {
      const parent = this.value(target.slice(0, -1));
      if (!isPlainObject(parent) || Object.keys(parent).length !== 1) break;
      target = target.slice(0, -1);
    }
    const expected = applyToJs(this.value(), target, (parent, key) => {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    });
    this.deleteNode(target);
    this.check(expected, `removing ${path.join('.')}`);
  }

  /** Renames a map key in place, keeping its value (and its place in the map). */
  renameKey(path: YamlPath, newKey: string): void {
    const { pair } = this.pairAt(path);
    if (!isScalar(pair.key)) throw this.cannot(`rename ${path.join('.')}`);
    const expected = applyToJs(this.value(), path, (parent, key) => {
      const object = parent as Record<string, unknown>;
      const entries = Object.entries(object).map(([k, v]) =>
        k === String(key) ? [newKey, v] : [k, v],
      );
      for (const k of Object.keys(object)) delete object[k];
      Object.assign(object, Object.fromEntries(entries));
    });
    const [start, end] = rangeOf(pair.key);
    this.splice(start, end, newKey);
    this.check(expected, `renaming ${path.join('.')}`);
  }

  /** Appends an item to the sequence at `path` (which must exist). */
  append(path: YamlPath, item: YamlValue): void {
    const document = this.document();
    const sequence = document.getIn(path, true);
    if (!isSeq(sequence))
      throw this.cannot(`append to ${path.join('.')} (not a sequence)`);
    const expected = applyToJs(this.value(), [...path, 0], parent => {
      (parent as unknown[]).push(item);
    });
    if (sequence.flow || sequence.items.length === 0) {
      this.replaceFlow(sequence, [...(toJs(sequence) as YamlValue[]), item]);
    } else {
      const last = sequence.items[sequence.items.length - 1] as Node;
      const first = sequence.items[0] as Node;
      const firstStart = rangeOf(first)[0];
      const dashColumn =
        this.current.lastIndexOf('-', firstStart) -
        lineStart(this.current, firstStart);
      const itemColumn =
        firstStart - lineStart(this.current, firstStart) - dashColumn;
      const at = lineEndAfter(this.current, rangeOf(last)[2]);
      const rendered = renderSequenceItem(
        item,
        ' '.repeat(dashColumn),
        itemColumn,
        this.indentStep(),
      );
      this.insertLines(at, rendered);
    }
    this.check(expected, `adding to ${path.join('.')}`);
  }

  /**
   * Edits the text inside the block scalar at `path` (an inline patch) with
   * `edit`, then writes it back in the same block style and indentation.
   */
  editBlockScalar(path: YamlPath, edit: (inner: string) => string): void {
    const node = this.document().getIn(path, true);
    if (!isScalar(node) || typeof node.value !== 'string')
      throw this.cannot(`edit ${path.join('.')} (not text)`);
    const before = node.value;
    const after = edit(before);
    if (after === before) return;
    const expected = applyToJs(this.value(), path, (parent, key) => {
      (parent as Record<string | number, unknown>)[key] = after;
    });
    const [start, end] = rangeOf(node);
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
      const source = this.current.slice(start, end);
      const headerEnd = source.indexOf('\n');
      const header = source.slice(0, headerEnd);
      const body = source.slice(headerEnd + 1);
      const indent = /^( *)\S/m.exec(body)?.[1] ?? '  ';
      if (node.type === 'BLOCK_FOLDED' || !/^\|[-+]?\s*(#.*)?$/.test(header)) {
        throw this.cannot(`edit the ${header} block at ${path.join('.')}`);
      }
      const content = header.startsWith('|-')
        ? after
        : after.replace(/\n$/, '');
      const lines = content
        .split('\n')
        .map(line => (line.length > 0 ? indent + line : ''));
      const trailing = source.endsWith('\n') ? '\n' : '';
      this.splice(start, end, `${header}\n${lines.join('\n')}${trailing}`);
    } else {
      this.splice(start, rangeOf(node)[1], JSON.stringify(after));
    }
    this.check(expected, `editing the text of ${path.join('.')}`);
  }

  // ---- internals

  private cannot(what: string): InputError {
    return new InputError(
      `${this.file}: cannot ${what} in place; change the file by hand`,
    );
  }

  private check(expected: unknown, what: string): void {
    const actual = this.value();
    if (!isDeepStrictEqual(normalize(actual), normalize(expected))) {
      throw new Error(
        `${this.file}: ${what} did not give the intended result (an in-place YAML edit this file's formatting does not allow)`,
      );
    }
  }

  private splice(start: number, end: number, replacement: string): void {
    this.current =
      this.current.slice(0, start) + replacement + this.current.slice(end);
  }

  /** Inserts whole lines (ending in a newline) at a line start, keeping the final-newline state. */
  private insertLines(at: number, lines: string): void {
    if (
      at === this.current.length &&
      this.current.length > 0 &&
      !this.current.endsWith('\n')
    ) {
      this.splice(at, at, `\n${lines.replace(/\n$/, '')}`);
    } else {
      this.splice(at, at, lines);
    }
  }

  private pairAt(path: YamlPath): { map: YAMLMap; pair: Pair } {
    const document = this.document();
    const parent =
      path.length === 1
        ? document.contents
        : document.getIn(path.slice(0, -1), true);
    if (!isMap(parent))
      throw this.cannot(`change ${path.join('.')} (its parent is not a map)`);
    const pair = findPair(parent, path[path.length - 1]);
    if (!pair) throw this.cannot(`find ${path.join('.')}`);
    return { map: parent, pair };
  }

  /** The indentation step of the file's block maps (2 unless it says otherwise). */
  private indentStep(): number {
    let step: number | undefined;
    const visit = (node: unknown, column: number) => {
      if (step !== undefined || !isMap(node) || node.flow) return;
      for (const pair of node.items) {
        const value = pair.value;
        if (
          isMap(value) &&
          !value.flow &&
          value.items.length > 0 &&
          isScalar(value.items[0].key)
        ) {
          const childStart = rangeOf(value.items[0].key)[0];
          const childColumn = childStart - lineStart(this.current, childStart);
          if (
            childColumn > column &&
            this.current.lastIndexOf('\n', childStart) >
              rangeOf(pair.key as Node)[0]
          ) {
            step = childColumn - column;
            return;
          }
        }
        if (isMap(value) && value.items[0] && isScalar(value.items[0].key)) {
          const childStart = rangeOf(value.items[0].key)[0];
          visit(value, childStart - lineStart(this.current, childStart));
        }
      }
    };
    const root = this.document().contents;
    if (isMap(root) && root.items[0] && isScalar(root.items[0].key)) {
      const start = rangeOf(root.items[0].key)[0];
      visit(root, start - lineStart(this.current, start));
    }
    return step ?? 2;
  }

  /** Whether block sequences under a key are indented past the key (`key:\n  - a`) or not (`key:\n- a`). */
  private indentedSequences(): boolean {
    const document = this.document();
    let answer: boolean | undefined;
    const visit = (node: unknown) => {
      if (answer !== undefined) return;
      if (isMap(node)) {
        for (const pair of node.items) {
          const value = pair.value;
          if (
            isSeq(value) &&
            !value.flow &&
            value.items.length > 0 &&
            isScalar(pair.key)
          ) {
            const keyStart = rangeOf(pair.key)[0];
            const itemStart = rangeOf(value.items[0] as Node)[0];
            const dash = this.current.lastIndexOf('-', itemStart);
            answer =
              dash - lineStart(this.current, dash) >
              keyStart - lineStart(this.current, keyStart);
            return;
          }
          visit(value);
        }
      } else if (isSeq(node)) {
        node.items.forEach(visit);
      }
    };
    visit(document.contents);
    return answer ?? true;
  }

  private replaceFlow(node: YAMLMap | YAMLSeq, value: YamlValue): void {
    const [start, end] = rangeOf(node);
    const flow = stringify(value, {
      collectionStyle: 'flow',
      lineWidth: 0,
    }).trim();
    this.splice(start, end, flow);
  }

  private setNode(path: YamlPath, value: YamlValue): void {
    const document = this.document();
    const node =
      path.length === 0 ? document.contents : document.getIn(path, true);
    if (node !== undefined && node !== null) {
      if (isScalar(node) && !isCollection(value)) {
        const [start, end] = rangeOf(node);
        this.splice(start, end, scalarText(value, node));
        return;
      }
      if (isMap(node) && isPlainObject(value)) {
        if (node.flow) {
          this.replaceFlow(node, value);
          return;
        }
        const existing = (toJs(node) ?? {}) as Record<string, unknown>;
        for (const key of Object.keys(existing)) {
          if (!(key in value)) this.deleteNode([...path, key]);
        }
        for (const [key, child] of Object.entries(value)) {
          if (!isDeepStrictEqual(existing[key], child))
            this.setNode([...path, key], child);
        }
        return;
      }
      if (isSeq(node) && node.flow) {
        this.replaceFlow(node, value);
        return;
      }
      // a different kind of value: remove the pair and write it again
      this.deleteNode(path);
    }
    this.insertMissing(path, value);
  }

  /** Inserts `value` at `path` under its deepest existing map ancestor. */
  private insertMissing(path: YamlPath, value: YamlValue): void {
    const document = this.document();
    let depth = path.length - 1;
    while (depth > 0 && !isMap(document.getIn(path.slice(0, depth), true))) {
      if (document.hasIn(path.slice(0, depth))) {
        const node = document.getIn(path.slice(0, depth), true);
        if (isScalar(node) && node.value === null) {
          // `cpu: null` in a strategic-merge patch becomes the map set below it
          const prefix = path.slice(0, depth);
          this.deleteNode(prefix);
          this.insertMissing(
            prefix,
            path
              .slice(depth)
              .reduceRight<YamlValue>(
                (inner, key) => ({ [String(key)]: inner }),
                value,
              ),
          );
          return;
        }
        throw this.cannot(
          `set ${path.join('.')} (${path
            .slice(0, depth)
            .join('.')} is not a map)`,
        );
      }
      depth--;
    }
    const parentPath = path.slice(0, depth);
    const parent =
      depth === 0 ? document.contents : document.getIn(parentPath, true);
    const nested = path
      .slice(depth + 1)
      .reduceRight<YamlValue>(
        (inner, key) => ({ [String(key)]: inner }),
        value,
      );
    const key = String(path[depth]);
    if (!isMap(parent)) {
      if (depth === 0 && (parent === null || parent === undefined)) {
        this.insertLines(
          this.current.length,
          renderPair(
            key,
            nested,
            '',
            this.indentStep(),
            this.indentedSequences(),
          ),
        );
        return;
      }
      throw this.cannot(`set ${path.join('.')}`);
    }
    if (parent.flow) {
      this.replaceFlow(parent, {
        ...((toJs(parent) ?? {}) as Record<string, YamlValue>),
        [key]: nested,
      });
      return;
    }
    if (parent.items.length === 0)
      throw this.cannot(`set ${path.join('.')} (empty block map)`);
    const firstKey = parent.items[0].key as Node;
    const keyStart = rangeOf(firstKey)[0];
    const indent = ' '.repeat(keyStart - lineStart(this.current, keyStart));
    const last = parent.items[parent.items.length - 1];
    const at = lineEndAfter(
      this.current,
      rangeOf((last.value ?? last.key) as Node)[2],
    );
    this.insertLines(
      at,
      renderPair(
        key,
        nested,
        indent,
        this.indentStep(),
        this.indentedSequences(),
      ),
    );
  }

  private deleteNode(path: YamlPath): void {
    const document = this.document();
    const parent =
      path.length === 1
        ? document.contents
        : document.getIn(path.slice(0, -1), true);
    const key = path[path.length - 1];
    if (isSeq(parent)) {
      const index = Number(key);
      const item = parent.items[index] as Node | undefined;
      if (!item) return;
      if (parent.flow) {
        const items = toJs(parent) as YamlValue[];
        items.splice(index, 1);
        this.replaceFlow(parent, items);
        return;
      }
      const [start, , end] = rangeOf(item);
      this.splice(
        lineStart(this.current, start),
        lineEndAfter(this.current, end),
        '',
      );
      return;
    }
    if (!isMap(parent)) throw this.cannot(`remove ${path.join('.')}`);
    const pair = findPair(parent, key);
    if (!pair) return;
    if (parent.flow) {
      const object = { ...((toJs(parent) ?? {}) as Record<string, YamlValue>) };
      delete object[String(key)];
      this.replaceFlow(parent, object);
      return;
    }
    const keyStart = rangeOf(pair.key as Node)[0];
    const from = lineStart(this.current, keyStart);
    if (this.current.slice(from, keyStart).trim() !== '') {
      // the first key of a sequence item (`- key: value`): keep the dash
      if (parent.items.length === 1)
        throw this.cannot(
          `remove ${path.join('.')} (the only key of a sequence item)`,
        );
      const next = parent.items[parent.items.indexOf(pair) + 1];
      if (pair !== parent.items[0] || !next)
        throw this.cannot(`remove ${path.join('.')}`);
      const nextStart = rangeOf(next.key as Node)[0];
      this.splice(keyStart, nextStart, '');
      return;
    }
    const end = lineEndAfter(
      this.current,
      rangeOf((pair.value ?? pair.key) as Node)[2],
    );
    this.splice(from, end, '');
  }
}

function toJs(node: unknown): unknown {
  if (node === null || node === undefined) return node;
  if (isScalar(node) || isCollection(node)) return node.toJSON();
  if (isPair(node)) return node.toJSON();
  return node;
}

/** Values compare as JSON (the yaml parser gives Maps' keys as strings here). */
function normalize(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null));
}

function applyToJsCreating(
  value: unknown,
  path: YamlPath,
  next: YamlValue,
): unknown {
  const copy = structuredClone(value ?? {}) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof parent[key] !== 'object' || parent[key] === null)
      parent[key] = {};
    parent = parent[key] as Record<string | number, unknown>;
  }
  parent[path[path.length - 1]] = next;
  return copy;
}

/** A scalar in the style of the one it replaces where that style can hold it. */
function scalarText(value: YamlValue, previous: Scalar): string {
  const plain = stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
  if (
    typeof value === 'string' &&
    (previous.type === 'QUOTE_DOUBLE' || previous.type === 'QUOTE_SINGLE')
  ) {
    return previous.type === 'QUOTE_DOUBLE'
      ? JSON.stringify(value)
      : `'${value.replace(/'/g, "''")}'`;
  }
  if (plain.includes('\n')) return JSON.stringify(value);
  return plain;
}

function indentLines(text: string, indent: string): string {
  return text
    .split('\n')
    .map(line => (line.length > 0 ? indent + line : line))
    .join('\n');
}

function renderPair(
  key: string,
  value: YamlValue,
  indent: string,
  step: number,
  indentSeq: boolean,
): string {
  const text = stringify(
    { [key]: value },
    { indent: step, indentSeq, lineWidth: 0 },
  );
  return indentLines(text, indent);
}

function renderSequenceItem(
  item: YamlValue,
  dashIndent: string,
  itemColumn: number,
  step: number,
): string {
  const text = stringify([item], {
    indent: Math.max(itemColumn, 1),
    indentSeq: true,
    lineWidth: 0,
  });
  // `stringify([x])` gives `- a: 1\n  b: 2`; nested maps use `step` below the item's own keys
  const nested = isPlainObject(item)
    ? stringify(item, { indent: step, lineWidth: 0 })
        .split('\n')
        .map((line, index) => {
          if (index === 0) return `-${' '.repeat(itemColumn - 1)}${line}`;
          return line.length > 0 ? ' '.repeat(itemColumn) + line : line;
        })
        .join('\n')
    : text;
  return indentLines(nested, dashIndent);
}
