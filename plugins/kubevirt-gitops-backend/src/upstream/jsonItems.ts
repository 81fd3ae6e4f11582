/*
 * An incremental reader of list answers (`{"metadata": {...}, "items": [...]}`,
 * as ArgoCD and the Kubernetes API send them): each element of the top-level
 * `items` array is parsed on its own as soon as its last byte arrives, and
 * everything else (the small rest of the answer) is parsed at the end.
 *
 * Why: ArgoCD answers the Application list of a large fleet in one piece
 * (56 MB of JSON for 20,000 Applications). Reading it with `text()` and
 * `JSON.parse` holds the whole string, the byte chunks behind it and the full
 * object graph at once, a few hundred MB for a moment on every refresh, which
 * V8 and malloc then keep as free pages. Item by item, only one raw item lives
 * at a time and the caller keeps just what it maps it to.
 *
 * The scanner works on bytes (structural characters are ASCII, and no byte of
 * a multi-byte UTF-8 sequence is below 0x80) and only tracks strings, escapes
 * and nesting depth; the values themselves are checked by JSON.parse.
 */

const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const OPEN_BRACE = 0x7b; // {
const CLOSE_BRACE = 0x7d; // }
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]
const COMMA = 0x2c; // ,

/** Longest top-level key remembered (only `items` matters). */
const MAX_KEY_BYTES = 64;

/** Thrown when the bytes are not one JSON value. */
export class JsonItemsSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonItemsSyntaxError';
  }
}

function decode(parts: readonly Uint8Array[]): string {
  if (parts.length === 1) {
    const [part] = parts;
    return Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString(
      'utf8',
    );
  }
  return Buffer.concat(parts).toString('utf8');
}

function parse(parts: readonly Uint8Array[], what: string): unknown {
  try {
    return JSON.parse(decode(parts));
  } catch (error) {
    throw new JsonItemsSyntaxError(
      `${what} is not JSON: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}

/** Feeds bytes in; hands out each `items` element; returns the rest at the end. */
export interface JsonItemsReader {
  /** The next bytes of the answer. Throws JsonItemsSyntaxError on a broken item. */
  push(chunk: Uint8Array): void;
  /**
   * The answer without its items (`items` is left as an empty array).
   * Throws JsonItemsSyntaxError when the answer is incomplete or not JSON.
   */
  end(): unknown;
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Creates a reader that calls `onItem` with each parsed element of `items`. */
export function createJsonItemsReader(
  onItem: (item: unknown) => void,
): JsonItemsReader {
  /** Nesting depth outside strings: 1 inside the top-level object. */
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** Inside the top-level `items` array (between its brackets). */
  let inItems = false;
  let itemsStreamed = false;
  /** Bytes of the current top-level string (a key, or a string value). */
  let key: number[] | undefined;
  let lastKey: number[] = [];
  /** Bytes of the answer outside the items (copied: small, outlive chunks). */
  const rest: Uint8Array[] = [];
  /** Parts of the current item from earlier chunks (views, not copies). */
  let item: Uint8Array[] = [];
  /** The current item has a byte other than whitespace. */
  let itemStarted = false;
  let items = 0;

  const lastKeyIsItems = () =>
    lastKey.length === 5 &&
    lastKey[0] === 0x69 && // i
    lastKey[1] === 0x74 && // t
    lastKey[2] === 0x65 && // e
    lastKey[3] === 0x6d && // m
    lastKey[4] === 0x73; // s

  /** Ends the current item at `end` of `chunk`; `last` when `]` follows. */
  function finishItem(
    chunk: Uint8Array,
    start: number,
    end: number,
    last: boolean,
  ): void {
    const parts = item;
    if (end > start) parts.push(chunk.subarray(start, end));
    item = [];
    if (!itemStarted) {
      // Only `[]` (or `[ ]`) may have an empty element.
      if (last && items === 0) return;
      throw new JsonItemsSyntaxError(`items[${items}] is empty`);
    }
    itemStarted = false;
    items += 1;
    onItem(parse(parts, `items[${items - 1}]`));
  }

  return {
    push(chunk) {
      /** Where the current run of rest (or item) bytes started in this chunk. */
      let runStart = 0;
      for (let i = 0; i < chunk.length; i += 1) {
        const byte = chunk[i];
        if (inString) {
          if (key && key.length <= MAX_KEY_BYTES) key.push(byte);
          if (escaped) {
            escaped = false;
          } else if (byte === BACKSLASH) {
            escaped = true;
          } else if (byte === QUOTE) {
            inString = false;
            if (key) {
              key.pop(); // the closing quote
              lastKey = key;
              key = undefined;
            }
          }
          continue;
        }
        if (inItems) {
          if (byte === QUOTE) {
            inString = true;
            itemStarted = true;
          } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
            depth += 1;
            itemStarted = true;
          } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
            if (depth === 2) {
              if (byte !== CLOSE_BRACKET) {
                throw new JsonItemsSyntaxError('items: unbalanced brackets');
              }
              finishItem(chunk, runStart, i, true);
              inItems = false;
              depth = 1;
              runStart = i; // the `]` belongs to the rest
            } else {
              depth -= 1;
            }
          } else if (byte === COMMA && depth === 2) {
            finishItem(chunk, runStart, i, false);
            runStart = i + 1;
          } else if (!isWhitespace(byte)) {
            itemStarted = true;
          }
          continue;
        }
        if (byte === QUOTE) {
          inString = true;
          key = depth === 1 ? [] : undefined;
        } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
          if (
            byte === OPEN_BRACKET &&
            depth === 1 &&
            !itemsStreamed &&
            lastKeyIsItems()
          ) {
            itemsStreamed = true;
            inItems = true;
            rest.push(chunk.slice(runStart, i + 1)); // up to and with the `[`
            runStart = i + 1;
          }
          depth += 1;
        } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
          depth -= 1;
          if (depth < 0) {
            throw new JsonItemsSyntaxError(
              'the answer has unbalanced brackets',
            );
          }
        }
      }
      if (runStart >= chunk.length) return;
      if (inItems) item.push(chunk.subarray(runStart));
      else rest.push(chunk.slice(runStart));
    },
    end() {
      if (inString || inItems || depth !== 0) {
        throw new JsonItemsSyntaxError('the answer ended early');
      }
      const answer = parse(rest, 'the answer');
      // An `items` key the scanner did not recognize (escaped): same result.
      if (
        !itemsStreamed &&
        typeof answer === 'object' &&
        answer !== null &&
        'items' in answer &&
        Array.isArray(answer.items)
      ) {
        const unstreamed: unknown[] = answer.items;
        answer.items = [];
        unstreamed.forEach(entry => onItem(entry));
      }
      return answer;
    },
  };
}
