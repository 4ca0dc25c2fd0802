/**
 * Names and values the spec hands to protocols and libraries that refuse some of them at run time:
 * HTTP header and cookie names and header values (Node throws on every call), MCP registrations
 * (the SDK's registries are plain objects). Each is refused here, at its field, instead.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';

/** RFC 9110 §5.6.2 `token`, which header names (and RFC 6265 cookie names) are. */
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A character Node refuses in a header value (its checkInvalidHeaderChar): not HTAB, SP-~ or obs-text. */
const NOT_FIELD_VALUE = /[^\t\x20-\x7e\x80-\xff]/u;

/** The members every plain object inherits: `registry[name]` finds them although nothing registered them. */
const OBJECT_MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype));

export type WireLocation = 'header' | 'cookie';

/** Reports (NG3051) a header or cookie name that is not an HTTP token; true when it is one. */
export function checkWireName(name: string, location: WireLocation, at: SpecPath, reporter: Reporter): boolean {
  if (HTTP_TOKEN.test(name)) return true;
  reporter.at('NG3051', at, { name, location });
  return false;
}

/** Reports (NG3052) the first character of a fixed header value that HTTP cannot carry; true when none. */
export function checkHeaderValue(name: string, value: string, at: SpecPath, reporter: Reporter): boolean {
  const bad = NOT_FIELD_VALUE.exec(value)?.[0];
  if (bad === undefined) return true;
  reporter.at('NG3052', at, { name, char: `U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` });
  return false;
}

export type McpRegistry = 'tool' | 'prompt' | 'resource template' | 'resource URI';

/** Reports (NG3050) an MCP name the SDK would look up as an inherited object member; true when usable. */
export function checkMcpRegistryKey(key: string, registry: McpRegistry, at: SpecPath, reporter: Reporter): boolean {
  if (!OBJECT_MEMBERS.has(key)) return true;
  reporter.at('NG3050', at, { name: key, registry });
  return false;
}
