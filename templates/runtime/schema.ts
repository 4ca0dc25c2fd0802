// Checks zod has no built-in for, used by the schemas generated from a vendor's OpenAPI document
// (src/schemas.gen.ts): JSON Schema's meaning of maxLength (code points), uniqueItems, property
// counts and the `format`s MCP clients check (ajv-formats), so a value this service accepts is
// one the vendor's contract accepts, and the reverse.

import { z } from 'zod';

/** At most `limit` code points (JSON Schema counts characters, not UTF-16 units). */
export function maxCodePoints(limit: number): (text: string) => boolean {
  return (text) => text.length <= limit || [...text].length <= limit;
}

/** Canonical JSON text: object keys sorted, so equal values have equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).sort().map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** No two items equal (deep equality, as JSON Schema's uniqueItems). */
export function uniqueItems(items: readonly unknown[]): boolean {
  return new Set(items.map(canonical)).size === items.length;
}

export function minProperties(limit: number): (value: object) => boolean {
  return (value) => Object.keys(value).length >= limit;
}

export function maxProperties(limit: number): (value: object) => boolean {
  return (value) => Object.keys(value).length <= limit;
}

const DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?(z|[+-]\d{2}(?::?\d{2})?)?$/i;

function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && !leap ? 28 : DAYS[month]!);
}

/** RFC 3339 time; `zone`: the offset is required (date-time), as ajv-formats' full mode has it. */
function isTime(text: string, zone: boolean): boolean {
  const m = TIME.exec(text);
  if (!m || (zone && !m[5])) return false;
  const [hour, minute, second] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // 60: a leap second (which minute may have one depends on the offset, so any may).
  return hour <= 23 && minute <= 59 && second <= 60;
}

function isDateTime(text: string): boolean {
  const [date, time, ...rest] = text.split(/t|\s/i);
  return rest.length === 0 && date !== undefined && time !== undefined && isDate(date) && isTime(time, true);
}

const CHECKS: Readonly<Record<string, (text: string) => boolean>> = {
  date: isDate,
  time: (text) => isTime(text, true),
  'date-time': isDateTime,
  uuid: (text) => /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(text),
  email: (text) =>
    /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(text),
  hostname: (text) => text.length <= 253 && /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i.test(text),
  ipv4: (text) => /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(text),
  ipv6: (text) => text.includes(':') && /^[0-9a-f:.]+$/i.test(text) && isIpv6(text),
  uri: (text) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(text) && canParseUrl(text),
};

function isIpv6(text: string): boolean {
  try {
    return new URL(`http://[${text}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

function canParseUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/** A check for `format`, or one that accepts everything when the format only annotates. */
export function formatCheck(format: string): (text: string) => boolean {
  return CHECKS[format] ?? (() => true);
}

/** A string of a documented `format`: checked where MCP clients check it, and stated for agents. */
export function formatted(format: string): z.ZodString {
  const string = z.string().meta({ format });
  const check = CHECKS[format];
  return check ? string.refine(check, `Invalid ${format}`) : string;
}
