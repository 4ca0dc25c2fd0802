/**
 * JSONPath as the engine evaluates it (Jayway JsonPath over Jackson nodes, default options): the
 * expected results are Jayway's for the README's bookstore document, and its rules for what a
 * definite path finds, what an indefinite one leaves out, and what Jackson's ArrayNode.get answers
 * out of range. Paths are written as the generator's parser makes them (test/unit/jsonpath.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { ALL, select } from '../../templates/runtime/jsonpath.js';

const books = [
  { category: 'reference', author: 'Nigel Rees', title: 'Sayings of the Century', price: 8.95 },
  { category: 'fiction', author: 'Evelyn Waugh', title: 'Sword of Honour', price: 12.99 },
  { category: 'fiction', author: 'Herman Melville', title: 'Moby Dick', isbn: '0-553-21311-3', price: 8.99 },
  { category: 'fiction', author: 'J. R. R. Tolkien', title: 'The Lord of the Rings', isbn: '0-395-19395-8', price: 22.99 },
];
const doc = { store: { book: books, bicycle: { color: 'red', price: 19.95 } }, expensive: 10 };
const authors = books.map((b) => b.author);

describe('definite paths: one value or nothing', () => {
  it('reads names and indexes, negative ones from the end', () => {
    expect(select(doc, ['store', 'book', 0, 'author'])).toBe('Nigel Rees');
    expect(select(doc, ['store', 'book', -1, 'title'])).toBe('The Lord of the Rings');
    expect(select(doc, [])).toBe(doc);
  });

  it('finds nothing out of range, for a name on an array, or an index on an object', () => {
    expect(select(doc, ['store', 'book', 4])).toBeUndefined();
    expect(select(doc, ['store', 'book', -5])).toBeUndefined();
    expect(select(doc, ['store', 'book', 'length'])).toBeUndefined();
    expect(select({ a: { 0: 'x' } }, ['a', 0])).toBeUndefined();
    expect(select({}, ['__proto__'])).toBeUndefined();
    expect(select({}, ['constructor', 'name'])).toBeUndefined();
  });

  it('keeps a JSON null as a value', () => expect(select({ a: null }, ['a'])).toBeNull());
});

describe('indefinite paths: every match, in document order', () => {
  it('$.store.book[*].author and $..author', () => {
    expect(select(doc, ['store', 'book', ALL, 'author'])).toEqual(authors);
    expect(select(doc, [{ scan: 'author' }])).toEqual(authors);
  });

  it('$.store.* is every value of the object; $.store.bicycle.* too', () => {
    expect(select(doc, ['store', ALL])).toEqual([books, doc.store.bicycle]);
    expect(select(doc, ['store', 'bicycle', ALL])).toEqual(['red', 19.95]);
  });

  it('$.store..price: the node itself first, then its descendants', () => {
    expect(select(doc, ['store', { scan: 'price' }])).toEqual([8.95, 12.99, 8.99, 22.99, 19.95]);
  });

  it('$..book[2], $..book[-2], $..book[0,1]', () => {
    expect(select(doc, [{ scan: 'book' }, 2])).toEqual([books[2]]);
    expect(select(doc, [{ scan: 'book' }, -2])).toEqual([books[2]]);
    expect(select(doc, [{ scan: 'book' }, { indexes: [0, 1] }])).toEqual([books[0], books[1]]);
  });

  it('slices: [:2], [1:2], [-2:], [2:], and Jayway sliceBetween with negatives', () => {
    const slice = (from: number | null, to: number | null) => select(doc, ['store', 'book', { slice: [from, to] }, 'title']);
    expect(slice(null, 2)).toEqual(['Sayings of the Century', 'Sword of Honour']);
    expect(slice(1, 2)).toEqual(['Sword of Honour']);
    expect(slice(-2, null)).toEqual(['Moby Dick', 'The Lord of the Rings']);
    expect(slice(2, null)).toEqual(['Moby Dick', 'The Lord of the Rings']);
    expect(slice(null, -3)).toEqual(['Sayings of the Century']);
    expect(slice(-3, -1)).toEqual(['Sword of Honour', 'Moby Dick']);
    expect(slice(3, 1)).toEqual([]);
    expect(slice(9, null)).toEqual([]);
  });

  it('leaves out what is missing: $.store.book[*].isbn', () => {
    expect(select(doc, ['store', 'book', ALL, 'isbn'])).toEqual(['0-553-21311-3', '0-395-19395-8']);
  });

  it('answers null for an index out of range in a list (Jackson ArrayNode.get)', () => {
    expect(select(doc, ['store', 'book', { indexes: [0, 9] }, 'author'])).toEqual(['Nigel Rees']);
    expect(select(['a', 'b'], [{ indexes: [1, 9] }])).toEqual(['b', null]);
  });

  it('finds an empty list where nothing matches', () => {
    expect(select(doc, ['expensive', ALL])).toEqual([]);
    expect(select(doc, [{ scan: 'nothing' }])).toEqual([]);
  });

  it('$..* is every value at every level, each node before its children', () => {
    expect(select({ a: { b: 1 }, c: [2] }, [{ scan: ALL }])).toEqual([{ b: 1 }, [2], 1, 2]);
  });

  it('flattens several wildcards into one list', () => {
    expect(select({ a: [{ b: [1, 2] }, { b: [3] }] }, ['a', ALL, 'b', ALL])).toEqual([1, 2, 3]);
  });

  it('scans a deeply nested answer without recursion', () => {
    let deep: unknown = { name: 'bottom' };
    for (let i = 0; i < 100_000; i++) deep = { next: deep };
    expect(select(deep, [{ scan: 'name' }])).toEqual(['bottom']);
  });
});
