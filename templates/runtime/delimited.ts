// `outputRawFormat: csv | tsv | psv`: the answer read as the reference engine reads it, with
// Jackson's CsvMapper and `CsvSchema.emptySchema().withHeader().withColumnSeparator(c)`: the first
// line names the columns, every later line is an object of those names, every value is text.
// Quotes are `"` (doubled inside a quoted value); no escape character, no trimming, no comments.

import { UpstreamBadResponseError } from './http-errors.js';
import type { UpstreamResponse } from './http.js';

export class DelimitedError extends Error {
  override readonly name: string = 'DelimitedError';
}

/** The rows of a delimited text; a row with more values than the header has columns is refused. */
export function readDelimited(text: string, separator: string): Record<string, string>[] {
  const lines = records(text, separator);
  const header = lines.shift();
  if (!header) return [];
  return lines.map((values, i) => {
    if (values.length > header.length) throw new DelimitedError(`line ${i + 2} has ${values.length} values for ${header.length} columns`);
    const row: Record<string, string> = {};
    // A short row has only the columns it reaches (Jackson inserts no nulls by default).
    values.forEach((value, k) => Object.defineProperty(row, header[k]!, { value, enumerable: true, writable: true, configurable: true }));
    return row;
  });
}

/** Splits the text into records of values; a line end inside quotes belongs to the value. */
function records(text: string, separator: string): string[][] {
  const out: string[][] = [];
  let i = 0;
  while (i < text.length) {
    const record: string[] = [];
    for (;;) {
      let value = '';
      if (text.charAt(i) === '"') {
        const { text: quoted, end } = quotedValue(text, i);
        value = quoted;
        i = end;
      }
      while (i < text.length && text.charAt(i) !== separator && text.charAt(i) !== '\n' && text.charAt(i) !== '\r') value += text.charAt(i++);
      record.push(value);
      if (text.charAt(i) !== separator) break;
      i++;
    }
    if (text.charAt(i) === '\r') i++;
    if (text.charAt(i) === '\n') i++;
    out.push(record);
  }
  return out;
}

function quotedValue(text: string, start: number): { text: string; end: number } {
  let value = '';
  let i = start + 1;
  for (;;) {
    const close = text.indexOf('"', i);
    if (close < 0) throw new DelimitedError('unterminated quoted value');
    value += text.slice(i, close);
    if (text.charAt(close + 1) !== '"') return { text: value, end: close + 1 };
    value += '"';
    i = close + 2;
  }
}

function reader(separator: string, format: string) {
  return (operation: string) =>
    (response: UpstreamResponse): UpstreamResponse => {
      if (typeof response.body !== 'string' || response.body === '') return response;
      try {
        return { status: response.status, contentType: 'application/json', body: readDelimited(response.body, separator) };
      } catch (error) {
        if (!(error instanceof DelimitedError)) throw error;
        throw new UpstreamBadResponseError(operation, response.status, `malformed ${format}: ${error.message}`);
      }
    };
}

export const fromCsv = reader(',', 'CSV');
export const fromTsv = reader('\t', 'TSV');
export const fromPsv = reader('|', 'PSV');
