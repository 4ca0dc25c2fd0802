/**
 * String formats: the ones generated services check (templates/runtime/schema.ts, CHECKED_FORMATS:
 * a unit test keeps the two lists equal) and the ones MCP clients' validator (ajv-formats) knows,
 * which alone may appear in an outputSchema (others make ajv log a warning at every start).
 */
export const CHECKED_FORMATS: ReadonlySet<string> = new Set(['date', 'time', 'date-time', 'uuid', 'email', 'hostname', 'ipv4', 'ipv6', 'uri']);

export const AJV_FORMATS: ReadonlySet<string> = new Set([
  'date', 'time', 'date-time', 'iso-time', 'iso-date-time', 'duration', 'uri', 'uri-reference', 'uri-template', 'url', 'email', 'hostname',
  'ipv4', 'ipv6', 'regex', 'uuid', 'json-pointer', 'json-pointer-uri-fragment', 'relative-json-pointer', 'byte', 'int32', 'int64', 'float',
  'double', 'password', 'binary',
]);
