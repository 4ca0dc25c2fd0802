/**
 * CSV, TSV and PSV answers as the engine reads them (Jackson CsvMapper, an empty schema with a
 * header line, one column separator): rows of text keyed by the header's names.
 */
import { describe, expect, it } from 'vitest';
import { UpstreamBadResponseError } from '../../templates/runtime/http-errors.js';
import { DelimitedError, fromCsv, fromPsv, fromTsv, readDelimited } from '../../templates/runtime/delimited.js';

describe('readDelimited', () => {
  it('keys every row by the header line, values as text', () => {
    expect(readDelimited('id,name,email\n1,Ada,ada@example.com\n2,Grace,grace@example.com\n', ',')).toEqual([
      { id: '1', name: 'Ada', email: 'ada@example.com' },
      { id: '2', name: 'Grace', email: 'grace@example.com' },
    ]);
  });

  it('reads quoted values: separators, line ends and doubled quotes inside', () => {
    expect(readDelimited('a,b\r\n"x, y","say ""hi""\nagain"\r\n', ',')).toEqual([{ a: 'x, y', b: 'say "hi"\nagain' }]);
  });

  it('keeps spaces, empty values and short rows as they are', () => {
    expect(readDelimited('a,b,c\n x ,,\n1\n', ',')).toEqual([{ a: ' x ', b: '', c: '' }, { a: '1' }]);
  });

  it('reads an empty line as a row of one empty value, and a last line without an end', () => {
    expect(readDelimited('a,b\n\n1,2', ',')).toEqual([{ a: '' }, { a: '1', b: '2' }]);
  });

  it('has no rows without data lines', () => {
    expect(readDelimited('', ',')).toEqual([]);
    expect(readDelimited('a,b\n', ',')).toEqual([]);
  });

  it('uses the separator of its format', () => {
    expect(readDelimited('a\tb\n1,5\t2', '\t')).toEqual([{ a: '1,5', b: '2' }]);
    expect(readDelimited('a|b\n1|2', '|')).toEqual([{ a: '1', b: '2' }]);
  });

  it('refuses more values than columns and an unterminated quote', () => {
    expect(() => readDelimited('a,b\n1,2,3', ',')).toThrow(new DelimitedError('line 2 has 3 values for 2 columns'));
    expect(() => readDelimited('a\n"open', ',')).toThrow('unterminated quoted value');
  });

  it('keeps header names like __proto__ as plain fields', () => {
    const [row] = readDelimited('__proto__,x\n1,2', ',');
    expect(Object.keys(row!)).toEqual(['__proto__', 'x']);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });
});

describe('the answer readers', () => {
  it('convert text answers and pass empty ones through', () => {
    expect(fromCsv('t.csv')({ status: 200, contentType: 'text/csv', body: 'a\n1' })).toEqual({ status: 200, contentType: 'application/json', body: [{ a: '1' }] });
    expect(fromTsv('t.tsv')({ status: 204, contentType: undefined, body: undefined }).body).toBeUndefined();
    expect(fromPsv('t.psv')({ status: 200, contentType: 'text/plain', body: 'a|b\n1|2' }).body).toEqual([{ a: '1', b: '2' }]);
  });

  it('turn a malformed answer into a bad-response error', () => {
    expect(() => fromCsv('t.csv')({ status: 200, contentType: 'text/csv', body: 'a\n1,2' })).toThrow(UpstreamBadResponseError);
  });
});
