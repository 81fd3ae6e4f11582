import { createJsonItemsReader, JsonItemsSyntaxError } from './jsonItems';

/** Reads `text` split into chunks at `cuts` (byte offsets). */
function read(text: string, cuts: number[] = []) {
  const bytes = Buffer.from(text);
  const items: unknown[] = [];
  const reader = createJsonItemsReader(item => items.push(item));
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    reader.push(bytes.subarray(start, cut));
    start = cut;
  }
  return { items, rest: reader.end() };
}

/** The same answer read whole and split at every byte. */
function readEverySplit(text: string) {
  const whole = read(text);
  const size = Buffer.byteLength(text);
  for (let cut = 1; cut < size; cut += 1) {
    expect(read(text, [cut])).toEqual(whole);
  }
  const byteByByte = Array.from({ length: size - 1 }, (_, i) => i + 1);
  expect(read(text, byteByByte)).toEqual(whole);
  return whole;
}

describe('createJsonItemsReader', () => {
  it('hands out each element of items and returns the rest with items empty', () => {
    const answer = {
      metadata: { resourceVersion: '42', continue: 'next-page' },
      items: [
        { metadata: { name: 'a' }, spec: { list: [1, 2, { x: '[' }] } },
        { metadata: { name: 'b' } },
      ],
      kind: 'ApplicationList',
    };
    const { items, rest } = readEverySplit(JSON.stringify(answer));
    expect(items).toEqual(answer.items);
    expect(rest).toEqual({ ...answer, items: [] });
  });

  it.each([
    ['brackets, braces and commas in strings', ['a,b', '}]{[', 'x"]y']],
    [
      'escaped quotes and backslashes',
      ['say \\"hi\\"', 'C:\\\\dir\\\\', '\\\\'],
    ],
    ['multi-byte UTF-8 split across chunks', ['grüße 😀', '日本語']],
    ['primitives, null and nested arrays', [1, 'two', null, true, [[3], []]]],
  ])('keeps %s intact', (_name, values) => {
    const text = JSON.stringify({
      items: values.map(value => ({ value })),
    });
    const { items } = readEverySplit(text);
    expect(items).toEqual(JSON.parse(text).items);
  });

  it('accepts whitespace anywhere and primitive items', () => {
    const { items, rest } = readEverySplit(
      ' {\n "items" : [ 1 ,\t"two" , {"three": 3} ] ,\r\n "total": 3 } ',
    );
    expect(items).toEqual([1, 'two', { three: 3 }]);
    expect(rest).toEqual({ items: [], total: 3 });
  });

  it('reads an empty list and a list without items', () => {
    expect(read('{"items":[]}')).toEqual({ items: [], rest: { items: [] } });
    expect(read('{"items": [ ] }')).toEqual({ items: [], rest: { items: [] } });
    expect(read('{"metadata":{}}')).toEqual({
      items: [],
      rest: { metadata: {} },
    });
    expect(read('{"items":null}')).toEqual({
      items: [],
      rest: { items: null },
    });
  });

  it('streams only the top-level items, not a nested field of that name', () => {
    const answer = {
      metadata: { items: ['not', 'these'] },
      items: [{ spec: { items: ['nor', 'these'] } }],
    };
    const { items, rest } = read(JSON.stringify(answer), [5, 17, 40]);
    expect(items).toEqual(answer.items);
    expect(rest).toEqual({ ...answer, items: [] });
  });

  it('does not take a string value "items" for the key', () => {
    const text = '{"kind":"items","list":[1,2],"items":[3]}';
    const { items, rest } = readEverySplit(text);
    expect(items).toEqual([3]);
    expect(rest).toEqual({ kind: 'items', list: [1, 2], items: [] });
  });

  it('still hands out the items when the key is written with escapes', () => {
    const { items, rest } = read('{"\\u0069tems":[{"a":1},{"a":2}]}');
    expect(items).toEqual([{ a: 1 }, { a: 2 }]);
    expect(rest).toEqual({ items: [] });
  });

  it.each([
    ['an answer that ends early', '{"items":[{"a":1},{"a":'],
    ['an answer cut inside a string', '{"items":[],"x":"abc'],
    ['a broken item', '{"items":[{"a":1},{a:2}]}'],
    ['a trailing comma', '{"items":[1,2,]}'],
    ['an empty element', '{"items":[1,,2]}'],
    ['a broken rest', '{"items":[1],"x":}'],
    ['unbalanced brackets', '{"items":[1}]}'],
    ['extra closing brackets', '{"a":1}}'],
  ])('rejects %s', (_name, text) => {
    expect(() => read(text)).toThrow(JsonItemsSyntaxError);
  });

  it('hands out items before the answer is complete', () => {
    const seen: unknown[] = [];
    const reader = createJsonItemsReader(item => seen.push(item));
    reader.push(Buffer.from('{"items":[{"n":1},{"n":2},{"n"'));
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    reader.push(Buffer.from(':3}]}'));
    expect(seen).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(reader.end()).toEqual({ items: [] });
  });
});
