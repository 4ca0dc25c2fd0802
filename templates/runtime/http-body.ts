// Request bodies built from spec templates: text splicing, form and multipart encodings.
import { UpstreamInputError } from './http-errors.js';

/** A caller value spliced into text: absent is empty, objects are JSON, the rest String(). */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** application/x-www-form-urlencoded; fields whose value is absent are left out. */
export function formBody(fields: readonly (readonly [string, unknown])[]): URLSearchParams {
  const form = new URLSearchParams();
  for (const [name, value] of fields) {
    if (value !== undefined && value !== null) form.append(name, asText(value));
  }
  return form;
}

export interface MultipartPart {
  readonly name: string;
  readonly value: unknown;
  readonly filename?: string;
  readonly contentType?: string;
}

/** multipart/form-data; a part with a filename or content type is sent as a file part. */
export function multipartBody(parts: readonly MultipartPart[]): FormData {
  const form = new FormData();
  for (const part of parts) {
    if (part.value === undefined || part.value === null) continue;
    const text = asText(part.value);
    if (part.filename !== undefined || part.contentType !== undefined) {
      const blob = new Blob([text], { type: part.contentType ?? 'application/octet-stream' });
      form.append(part.name, blob, part.filename ?? part.name);
    } else form.append(part.name, text);
  }
  return form;
}

// Conversions for a caller input that feeds an upstream parameter of another type (one exposed
// input can feed several parameters). Absent stays absent.

export function toArray(value: unknown): (string | number | boolean)[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => (typeof item === 'number' || typeof item === 'boolean' ? item : asText(item)));
}

export function toText(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : asText(value);
}

export function toNumber(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export function toBoolean(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  return value === 'true' || value === '1' || value === 1;
}

/** An object, or text holding a JSON object (how an object travels in one query or header value). */
export function toObject(value: unknown): Readonly<Record<string, unknown>> | undefined {
  const parsed = typeof value === 'string' ? parseJsonOrUndefined(value) : value;
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A required parameter taken from an orchestration's context: absent is a caller error (400). */
export function requireValue<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new UpstreamInputError(`missing value for required parameter "${name}"`);
  return value;
}
