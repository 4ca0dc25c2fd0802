/**
 * Every diagnostic the generator can report. Codes never change meaning once published:
 * NG0xxx loading (files, YAML), NG1xxx shape (schema), NG2xxx meaning (resolution),
 * NG3xxx output (writing). Message text lives here and nowhere else.
 */
import type { Severity } from './diagnostic.js';

interface Entry<P> {
  readonly severity: Severity;
  readonly title: string;
  readonly message: (props: P) => string;
  readonly hint?: (props: P) => string | undefined;
}

const entry = <P>(e: Entry<P>): Entry<P> => e;
const SUPPORTED_FORMATS = 'naftiko 1.0.0-alpha2, 1.0.0-alpha1; ikanos 1.0.0-alpha3 to 1.0.0-beta5';
/** The count of a migrate rule reported once per file, at the first place it applies. */
const alsoIn = (n: number) => (n > 0 ? ` (here and ${n} more time${n > 1 ? 's' : ''} in this file)` : '');
const didYouMean = (suggestion?: string) => (suggestion ? ` (did you mean "${suggestion}"?)` : '');

export const catalog = {
  NG0001: entry<{ reason: string }>({
    severity: 'error',
    title: 'file cannot be read',
    message: (p) => `cannot read spec file: ${p.reason}`,
  }),
  NG0002: entry<{ reason: string }>({
    severity: 'error',
    title: 'YAML syntax error',
    message: (p) => `YAML syntax error: ${p.reason}`,
  }),
  NG0003: entry<{ found: string }>({
    severity: 'error',
    title: 'not a Naftiko capability',
    message: (p) => `not a Naftiko capability: ${p.found}`,
    hint: () => 'a capability is a YAML mapping with a format version (`ikanos: 1.0.0-beta4`, or `naftiko: 1.0.0-alpha2`) and a `capability` key',
  }),
  NG0004: entry<{ found: string }>({
    severity: 'error',
    title: 'unsupported format version',
    message: (p) => `unsupported format version ${p.found}; supported: ${SUPPORTED_FORMATS}`,
    hint: (p) => {
      if (p.found.startsWith('ikanos')) return 'write one of the released versions, e.g. `ikanos: 1.0.0-beta4`';
      if (p.found.startsWith('naftiko 0.')) return 'naftiko 0.x files need editing to 1.0.0-alpha2 first; `naftiko-gen migrate` then moves alpha1/alpha2 files to Ikanos 1.0.0-beta4';
      return 'from 1.0.0-alpha3 the format is Ikanos and the root key is `ikanos:`; `naftiko-gen migrate` moves naftiko alpha1/alpha2 files to Ikanos 1.0.0-beta4';
    },
  }),
  NG0005: entry<{ first: string; second: string; dir: string }>({
    severity: 'error',
    title: 'output directory clash',
    message: (p) => `specs ${p.first} and ${p.second} would both generate into ${p.dir}`,
    hint: () => 'rename one of the spec files, or build with --layout tree (project directories mirror the spec folders)',
  }),
  NG0006: entry<{ name: string }>({
    severity: 'error',
    title: 'unusable project name',
    message: (p) => `spec file name "${p.name}" cannot name a project directory`,
    hint: () => 'use letters, digits, ".", "-" and "_" in spec file names',
  }),
  NG0007: entry<{ size: string; limit: string }>({
    severity: 'error',
    title: 'file too large',
    message: (p) => `spec file is ${p.size}, more than the ${p.limit} limit`,
    hint: () => 'split the capability, or move shared consumes blocks into imported files',
  }),
  NG0008: entry<{ offset: number }>({
    severity: 'error',
    title: 'not valid UTF-8',
    message: (p) => `spec file is not valid UTF-8 (first bad byte at offset ${p.offset})`,
    hint: () => 'save the file as UTF-8',
  }),
  NG0020: entry<{ spec: string; dir: string; outer: string; outerDir: string }>({
    severity: 'error',
    title: 'project inside another project',
    message: (p) => `spec ${p.spec} would generate into ${p.dir}, inside the project directory ${p.outerDir} of ${p.outer}`,
    hint: () => 'rename the spec file or its folder so no project directory holds another',
  }),
  NG0021: entry<{ folder: string; dir: string }>({
    severity: 'error',
    title: 'unusable folder name (--layout tree)',
    message: (p) => `folder name "${p.folder}" cannot name an output folder (project directory ${p.dir})`,
    hint: () => 'folder names must not end with "." or a space, hold <>:"\\|?* or control characters, or be a Windows device name',
  }),
  NG0101: entry<{ detail: string }>({
    severity: 'error',
    title: 'invalid config file value',
    message: (p) => `naftiko-gen config: ${p.detail}`,
    hint: () => 'see "Config file" in the README for every option',
  }),
  NG0102: entry<{ key: string; suggestion?: string }>({
    severity: 'error',
    title: 'unknown config file key',
    message: (p) => `naftiko-gen config: unknown key "${p.key}"${didYouMean(p.suggestion)}`,
    hint: () => 'options: specs, out, strict, skipInvalid, layout, packageScope, dependencies, surfaces',
  }),
  NG1001: entry<{ expected: string; received: string }>({
    severity: 'error',
    title: 'wrong type',
    message: (p) => `expected ${p.expected}, found ${p.received}`,
  }),
  NG1002: entry<{ key: string }>({
    severity: 'error',
    title: 'missing required key',
    message: (p) => `missing required key "${p.key}"`,
  }),
  NG1003: entry<{ value: string; allowed: readonly string[]; suggestion?: string }>({
    severity: 'error',
    title: 'unknown enum value',
    message: (p) => `"${p.value}" is not one of ${p.allowed.join(', ')}${didYouMean(p.suggestion)}`,
  }),
  NG1004: entry<{ detail: string }>({
    severity: 'error',
    title: 'invalid value',
    message: (p) => `invalid value: ${p.detail}`,
  }),
  NG1201: entry<{ detail: string }>({
    severity: 'error',
    title: 'official schema violation (--strict)',
    message: (p) => `official schema: ${p.detail}`,
  }),
  NG1101: entry<{ key: string; suggestion?: string }>({
    severity: 'warning',
    title: 'unknown key ignored',
    message: (p) => `unknown key "${p.key}" is ignored${didYouMean(p.suggestion)}`,
  }),
  NG1102: entry<{ key: string }>({
    severity: 'warning',
    title: 'catalogue dialect: consumed parameter metadata',
    message: (p) => `"${p.key}" on a consumed parameter is not in the official schema; naftiko-gen uses it for types and required inputs`,
  }),
  NG1103: entry<Record<string, never>>({
    severity: 'warning',
    title: 'catalogue dialect: description on a REST adapter',
    message: () => '"description" on a REST adapter is not in the official schema; it is used for the generated README only',
  }),
  NG1104: entry<{ kind: 'object' | 'array' }>({
    severity: 'warning',
    title: 'catalogue dialect: object output without properties, array output without items',
    message: (p) =>
      `${p.kind} output without "${p.kind === 'object' ? 'properties' : 'items'}" is not in the official schema; it passes the selected JSON through`,
  }),
  NG1105: entry<{ name: string }>({
    severity: 'warning',
    title: 'catalogue dialect: name outside the kebab pattern',
    message: (p) => `name "${p.name}" does not match the official ^[a-zA-Z0-9-]+$`,
  }),
  NG1106: entry<{ found: string; official: string }>({
    severity: 'warning',
    title: 'catalogue dialect: request body type alias',
    message: (p) => `request body type "${p.found}" is not in the official schema; it is read as "${p.official}"`,
  }),
  NG1107: entry<Record<string, never>>({
    severity: 'warning',
    title: 'catalogue dialect: JSON payload written directly under body',
    message: () => 'request "body" without type and data is not in the official schema; it is read as a JSON body template',
  }),
  NG1108: entry<Record<string, never>>({
    severity: 'warning',
    title: 'catalogue dialect: operation-level path',
    message: () => '"path" on a consumed operation is not in the official schema; it replaces the resource path for this operation',
  }),
  NG1109: entry<Record<string, never>>({
    severity: 'warning',
    title: 'catalogue dialect: parameter without a name',
    message: () => 'a parameter with an empty name cannot be sent and is ignored',
  }),
  NG1110: entry<{ found: string; official: string }>({
    severity: 'warning',
    title: 'catalogue dialect: renamed key',
    message: (p) => `"${p.found}" is not in the official schema; it is read as "${p.official}"`,
  }),
  NG1111: entry<{ key: string }>({
    severity: 'warning',
    title: 'alpha2 feature in an alpha1 document',
    message: (p) => `"${p.key}" is not in naftiko 1.0.0-alpha1 (it came with 1.0.0-alpha2); it is read as alpha2`,
  }),
  NG1301: entry<{ key: string; version: string; since: string }>({
    severity: 'warning',
    title: 'Ikanos key of a later version',
    message: (p) => `"${p.key}" is not in ikanos ${p.version} (it came with ${p.since}); it is read as ${p.since}`,
    hint: (p) => `say \`ikanos: ${p.since}\` (or later) if the file relies on it`,
  }),
  NG1302: entry<Record<string, never>>({
    severity: 'warning',
    title: 'keyed map written as a list (the alpha2 form)',
    message: () => 'Ikanos keys this map by name; this list of entries with "name" (the alpha2 form) is read with each name as its key',
    hint: () => 'write `my-name:` followed by the entry, instead of `- name: my-name`',
  }),
  NG1303: entry<{ key: string }>({
    severity: 'warning',
    title: '"name" inside a keyed entry',
    message: (p) => `"name" is ignored: in Ikanos the map key "${p.key}" is the name`,
  }),
  NG1304: entry<{ section: string }>({
    severity: 'error',
    title: 'import in a shared document',
    message: (p) => `a shared ${p.section} document cannot import (Ikanos rule ikanos-standalone-no-imports)`,
    hint: () => 'imports belong in the capability that uses this file; write the entry here in full',
  }),
  NG1120: entry<{ what: string; consequence: string }>({
    severity: 'warning',
    title: 'catalogue dialect: incomplete skill adapter',
    message: (p) => `${p.what}, which the official schema requires; ${p.consequence}`,
  }),
  NG2101: entry<{ ref: string; suggestion?: string }>({
    severity: 'error',
    title: 'unknown call target',
    message: (p) => `unknown call target "${p.ref}"${didYouMean(p.suggestion)}`,
    hint: () => 'call must be <consumes namespace>.<operation name>',
  }),
  NG2102: entry<{ key: string; op: string; candidates: readonly string[] }>({
    severity: 'error',
    title: 'with key matches no parameter',
    message: (p) =>
      `"with" key "${p.key}" matches no parameter of ${p.op}` +
      (p.candidates.length ? ` (parameters: ${p.candidates.join(', ')})` : ' (it has no parameters)'),
  }),
  NG2103: entry<{ param: string; op: string }>({
    severity: 'error',
    title: 'path parameter nothing supplies',
    message: (p) => `path parameter "${p.param}" of ${p.op} is not supplied by the exposed path or "with"`,
    hint: () => 'add a matching {placeholder} to the exposed path, or map it in "with"',
  }),
  NG2104: entry<{ name: string; candidates: readonly string[] }>({
    severity: 'error',
    title: 'ambiguous name',
    message: (p) => `"${p.name}" matches several names: ${p.candidates.join(', ')}`,
  }),
  NG2105: entry<{ method: string; path: string; first: string }>({
    severity: 'error',
    title: 'duplicate route',
    message: (p) => `duplicate route ${p.method} ${p.path} (first declared at ${p.first})`,
  }),
  NG2106: entry<{ name: string; first: string }>({
    severity: 'error',
    title: 'duplicate tool name',
    message: (p) => `duplicate tool name "${p.name}" (first declared at ${p.first})`,
  }),
  NG2107: entry<{ name: string }>({
    severity: 'error',
    title: 'invalid MCP tool name',
    message: (p) => `tool name "${p.name}" must match ^[a-zA-Z0-9_-]{1,64}$ for MCP clients to accept it`,
  }),
  NG2108: entry<{ namespace: string; first: string }>({
    severity: 'error',
    title: 'namespace clash',
    message: (p) => `namespace "${p.namespace}" is declared twice (first at ${p.first})`,
  }),
  NG2109: entry<{ name: string; op: string }>({
    severity: 'error',
    title: 'duplicate operation name',
    message: (p) => `operation name "${p.name}" is declared twice in ${p.op}`,
  }),
  NG2110: entry<{ placeholder: string }>({
    severity: 'error',
    title: 'invalid path template',
    message: (p) => `path placeholder "${p.placeholder}" is not a valid parameter name`,
  }),
  NG2111: entry<{ what: string }>({
    severity: 'error',
    title: 'nothing exposed',
    message: (p) => `capability exposes nothing that can be generated: ${p.what}`,
  }),
  NG2112: entry<{ uri: string; env: string }>({
    severity: 'warning',
    title: 'base URI has no usable default',
    message: (p) => `baseUri "${p.uri}" is not an absolute http(s) URL without placeholders; the service requires ${p.env} at start-up`,
    hint: () => 'set baseUri to the API root, e.g. https://api.example.com/v1',
  }),
  NG2113: entry<{ port: number; first: string }>({
    severity: 'error',
    title: 'port clash',
    message: (p) => `port ${p.port} is already used by ${p.first}`,
  }),
  NG2114: entry<{ param: string; op: string }>({
    severity: 'error',
    title: 'parameter bound twice',
    message: (p) => `parameter "${p.param}" of ${p.op} is bound twice in "with"`,
  }),
  NG2115: entry<{ name: string; candidates: readonly string[] }>({
    severity: 'error',
    title: 'with source matches no declared input',
    message: (p) =>
      `"with" refers to input "${p.name}", which the tool does not declare` +
      (p.candidates.length ? ` (inputs: ${p.candidates.join(', ')})` : ''),
  }),
  NG2116: entry<{ value: string; type: string; param: string }>({
    severity: 'error',
    title: 'literal does not fit the parameter type',
    message: (p) => `literal "${p.value}" cannot be sent as ${p.type} parameter "${p.param}"`,
  }),
  NG2117: entry<{ what?: string }>({
    severity: 'warning',
    title: 'shared document',
    message: (p) => `this file only declares ${p.what ?? 'consumed APIs'} for other capabilities to import; it generates no project`,
  }),
  NG2118: entry<{ location: string; reason: string }>({
    severity: 'error',
    title: 'import cannot be read',
    message: (p) => `cannot import "${p.location}": ${p.reason}`,
    hint: () => 'the path (`location` in naftiko files, `from` in Ikanos files) is relative to this file and stays inside the input directory',
  }),
  NG2119: entry<{ namespace: string; location: string; suggestion?: string }>({
    severity: 'error',
    title: 'imported namespace not found',
    message: (p) => `"${p.location}" declares no consumed namespace "${p.namespace}"${didYouMean(p.suggestion)}`,
  }),
  NG2120: entry<{ path: string }>({
    severity: 'error',
    title: 'unsupported JSONPath',
    message: (p) => `JSONPath "${p.path}" is not supported; use $, .name, ['name'], [index], [i,j], [a:b], [*], .* and ..name (not filters [?(...)], functions such as length(), or ['a','b'])`,
  }),
  NG2121: entry<Record<string, never>>({
    severity: 'error',
    title: 'operation does nothing',
    message: () => 'this operation has no "call", "steps", "ref" or mock outputs (outputParameters with value or const)',
    hint: () => 'add call: <consumes namespace>.<operation>',
  }),
  NG2122: entry<{ what: string }>({
    severity: 'warning',
    title: 'skipped by --skip-invalid',
    message: (p) => `${p.what} is skipped because of the problems reported for it (--skip-invalid)`,
  }),
  NG2123: entry<{ param: string; op: string }>({
    severity: 'warning',
    title: 'required parameter added as a tool input',
    message: (p) => `required parameter "${p.param}" of ${p.op} is not among the tool's inputParameters; it is added as a required input`,
  }),
  NG2124: entry<{ key: string }>({
    severity: 'warning',
    title: 'API key placement defaulted',
    message: (p) => `apikey authentication has no "placement"; the key is sent as the ${p.key} header`,
  }),
  NG2125: entry<{ missing: string }>({
    severity: 'error',
    title: 'API key authentication incomplete',
    message: (p) => `apikey authentication needs "${p.missing}"`,
  }),
  NG2126: entry<{ pattern: string }>({
    severity: 'error',
    title: 'invalid input pattern',
    message: (p) => `pattern ${JSON.stringify(p.pattern)} is not a valid regular expression`,
  }),
  NG2127: entry<{ value: string }>({
    severity: 'warning',
    title: 'with value names a declared input',
    message: (p) => `"with" value "${p.value}" is the name of a declared input; it is read as {{${p.value}}}, not as the literal text`,
  }),
  NG2128: entry<{ ref: string; suggestion?: string }>({
    severity: 'error',
    title: 'unknown aggregate function',
    message: (p) => `ref "${p.ref}" names no aggregate function${didYouMean(p.suggestion)}`,
    hint: () => 'ref must be <aggregate namespace>.<function name>',
  }),
  NG2129: entry<Record<string, never>>({
    severity: 'warning',
    title: 'port on a stdio MCP adapter',
    message: () => 'an MCP adapter with "transport: stdio" has no port; "port" is ignored',
  }),
  NG2130: entry<{ step: string }>({
    severity: 'error',
    title: 'lookup of an unknown step',
    message: (p) => `lookup index "${p.step}" is not the name of an earlier step`,
  }),
  NG2131: entry<{ file: string }>({
    severity: 'error',
    title: 'imported file has errors',
    message: (p) => `the imported file ${p.file} has errors (reported at that file)`,
  }),
  NG2132: entry<{ name: string; candidates: readonly string[] }>({
    severity: 'error',
    title: 'prompt template refers to an undeclared argument',
    message: (p) => `prompt template refers to {{${p.name}}}, which is not among its arguments` + (p.candidates.length ? ` (${p.candidates.join(', ')})` : ''),
  }),
  NG2133: entry<{ namespace: string; suggestion?: string }>({
    severity: 'error',
    title: 'forward to an unknown API',
    message: (p) => `forward targetNamespace "${p.namespace}" names no consumed API${didYouMean(p.suggestion)}`,
  }),
  NG2140: entry<{ namespace: string; suggestion?: string }>({
    severity: 'error',
    title: 'skill tool from an unknown adapter',
    message: (p) => `sourceNamespace "${p.namespace}" names no REST or MCP adapter of this capability${didYouMean(p.suggestion)}`,
    hint: () => 'from.sourceNamespace is the namespace of a sibling exposes entry of type rest or mcp',
  }),
  NG2141: entry<{ action: string; adapter: string; known: readonly string[]; suggestion?: string }>({
    severity: 'error',
    title: 'skill tool from an unknown action',
    message: (p) => `action "${p.action}" is not ${p.adapter}${didYouMean(p.suggestion)}`,
    hint: (p) => (p.known.length ? `known: ${p.known.slice(0, 8).join(', ')}${p.known.length > 8 ? ', …' : ''}` : undefined),
  }),
  NG2142: entry<Record<string, never>>({
    severity: 'error',
    title: 'skill instruction without a location',
    message: () => 'a skill tool with "instruction" needs the skill\'s "location" (the directory the instruction file is read from)',
    hint: () => 'add location: file:///./<directory next to this spec> to the skill',
  }),
  NG2143: entry<{ file: string }>({
    severity: 'error',
    title: 'invalid skill instruction path',
    message: (p) => `instruction "${p.file}" is not a relative path of [a-zA-Z0-9._-] segments`,
  }),
  NG2134: entry<{ field: string; value: string; expected: string }>({
    severity: 'error',
    title: 'oauth2 authentication value unusable',
    message: (p) => `oauth2 "${p.field}" must be ${p.expected}, got ${JSON.stringify(p.value)}`,
  }),
  NG2135: entry<{ issuer: string }>({
    severity: 'warning',
    title: 'oauth2 token endpoint defaulted',
    message: (p) => `oauth2 authentication has no "tokenEndpoint"; the OpenAPI document names the issuer ${p.issuer} as the token URL`,
    hint: () => 'set tokenEndpoint to the authorization server\'s token endpoint',
  }),
  NG2160: entry<{ namespace: string }>({
    severity: 'warning',
    title: 'consumed API authentication skipped by --skip-invalid',
    message: (p) =>
      `authentication of consumed API "${p.namespace}" is skipped because of the problems reported for it (--skip-invalid): requests to it are sent without credentials`,
    hint: () => 'fix the authentication block; until then the upstream API will likely refuse the calls',
  }),
  NG2161: entry<{ ref: string; count: number; places: readonly string[] }>({
    severity: 'error',
    title: 'call to an operation name declared several times',
    message: (p) => `call target "${p.ref}" is ambiguous: ${p.count} consumed operations have this name (at ${p.places.join(', ')})`,
    hint: () => 'give each consumed operation its own name and call that name',
  }),
  NG2201: entry<{ name: string }>({
    severity: 'warning',
    title: 'undeclared variable read from the environment',
    message: (p) => `variable "${p.name}" is not declared in binds; it is read from the environment variable ${p.name}`,
  }),
  NG2202: entry<{ name: string; suggestion?: string }>({
    severity: 'error',
    title: 'undeclared variable',
    message: (p) => `variable "${p.name}" is not declared in binds${didYouMean(p.suggestion)}`,
  }),
  NG2150: entry<{ name: string; env: string }>({
    severity: 'warning',
    title: 'environment variable name changed',
    message: (p) => `${JSON.stringify(p.name)} does not start an environment variable name; its variable is ${p.env}`,
    hint: () => 'start namespaces with a letter, so that their variables are named after them',
  }),
  NG2151: entry<{ name: string; first: string; env: string }>({
    severity: 'error',
    title: 'two names read one environment variable',
    message: (p) => `${JSON.stringify(p.name)} and ${JSON.stringify(p.first)} would both be configured by ${p.env}`,
    hint: () => 'rename one of them: names that differ only in case or in "-", "_" and "." give one variable name',
  }),
  NG2152: entry<{ name: string; operationId: string }>({
    severity: 'warning',
    title: 'operation name used twice',
    message: (p) => `another operation of this REST adapter is already named ${JSON.stringify(p.name)}; this one's OpenAPI operationId is ${JSON.stringify(p.operationId)}`,
    hint: () => 'give every operation of a REST adapter its own name',
  }),
  NG2153: entry<{ path: string; served: string }>({
    severity: 'warning',
    title: 'REST path percent-encoded',
    message: (p) => `clients percent-encode characters of the path ${JSON.stringify(p.path)}; the route is served (and documented in OpenAPI) as ${JSON.stringify(p.served)}`,
    hint: () => 'write paths with letters, digits and -._~!$&\'()*+,;=:@ only, or percent-encode the rest yourself',
  }),
  NG2203: entry<{ name: string }>({
    severity: 'error',
    title: 'invalid environment variable name',
    message: (p) => `"${p.name}" is not a usable environment variable name`,
    hint: () => 'environment variable names match ^[A-Za-z_][A-Za-z0-9_]*$',
  }),
  NG2301: entry<{ construct: string }>({
    severity: 'error',
    title: 'construct not generated yet',
    message: (p) => `${p.construct} is not supported by this version of naftiko-gen`,
  }),
  NG2302: entry<{ construct: string }>({
    severity: 'warning',
    title: 'construct ignored',
    message: (p) => `${p.construct} is not generated and is ignored`,
  }),
  NG2310: entry<{ feature: string; reason: string }>({
    severity: 'warning',
    title: 'control feature not generated',
    message: (p) => `${p.feature}: not generated (${p.reason})`,
  }),
  NG2311: entry<{ location: string; reason: string }>({
    severity: 'warning',
    title: 'SKILL.md rendered from the spec',
    message: (p) => `cannot read SKILL.md at "${p.location}" (${p.reason}); SKILL.md is rendered from the spec instead`,
    hint: () => 'location is a directory relative to this file, inside the input directory',
  }),
  NG2401: entry<{ section: string; namespace: string; location: string; suggestion?: string }>({
    severity: 'error',
    title: 'imported entry not found',
    message: (p) => `"${p.location}" declares no ${p.section} entry with namespace "${p.namespace}"${didYouMean(p.suggestion)}`,
    hint: () => 'an import names the `namespace` of an entry in the root section of the same name of a shared Ikanos document',
  }),
  NG2402: entry<{ service: string; fallback: string; env: string }>({
    severity: 'warning',
    title: 'tunnel not generated',
    message: (p) =>
      `tunnel (OpenZiti service "${p.service}") is not generated: a generated service cannot join an overlay network, so it calls the base URI directly${p.fallback === 'fail' ? ', which fallback "fail" forbids' : ' (as fallback "direct" would)'}`,
    hint: (p) => `run the service beside a Ziti tunneler (e.g. ziti-edge-tunnel) that intercepts the API's address, or point ${p.env} at the tunneler's intercept`,
  }),
  NG2403: entry<{ version: string }>({
    severity: 'warning',
    title: 'capability version is not a semantic version',
    message: (p) => `info.version "${p.version}" is not a semantic version (MAJOR.MINOR.PATCH): the OpenAPI document and MCP server carry it as written, package.json keeps 1.0.0`,
  }),
  NG2404: entry<{ value: number }>({
    severity: 'error',
    title: 'invalid cache lifetime',
    message: (p) => `ttlMs ${p.value} is not a cache lifetime: MCP cache hints take a whole number of milliseconds, 0 or more`,
  }),
  NG2405: entry<{ what: string; call: string }>({
    severity: 'error',
    title: 'binary answer of a JSON call',
    message: (p) => `${p.what} is declared, but ${p.call} does not answer bytes`,
    hint: () => 'give the consumed operation `outputRawFormat: binary` (Ikanos 1.0.0-beta1 and later)',
  }),
  NG2406: entry<{ call: string }>({
    severity: 'error',
    title: 'mapped output of a binary answer',
    message: (p) => `outputParameters cannot select from the bytes ${p.call} answers; binary answers are passed on as they are`,
  }),
  NG3001: entry<{ namespace: string }>({
    severity: 'error',
    title: 'namespace cannot name a file',
    message: (p) => `consumed namespace ${JSON.stringify(p.namespace)} cannot name a generated file`,
    hint: () => 'consumed namespaces name src/upstream/<namespace>.client.gen.ts: use letters, digits, ".", "-" and "_", starting with a letter or digit',
  }),
  NG3002: entry<{ namespace: string; first: string }>({
    severity: 'error',
    title: 'namespaces differ only in case',
    message: (p) => `consumed namespace ${JSON.stringify(p.namespace)} differs from ${JSON.stringify(p.first)} only in case; both would write one file on case-insensitive file systems`,
    hint: () => 'rename one of the consumed namespaces',
  }),
  NG3004: entry<{ name: string }>({
    severity: 'error',
    title: 'input named `__proto__`',
    message: (p) => `an input named ${JSON.stringify(p.name)} would be accepted and lost: JavaScript objects read that property as their prototype, so the validated arguments never carry it`,
    hint: () => 'rename the input (and the parameter or placeholder it comes from)',
  }),
  NG3050: entry<{ name: string; registry: 'tool' | 'prompt' | 'resource template' | 'resource URI' }>({
    severity: 'error',
    title: 'MCP name inherited by every JavaScript object',
    message: (p) => `the ${p.registry} ${JSON.stringify(p.name)} cannot be registered: the MCP SDK looks ${p.registry}s up in a plain object, where ${JSON.stringify(p.name)} is an inherited member, so the server would fail every MCP request`,
    hint: () => 'rename it (names such as toString, constructor, valueOf and __proto__ belong to every JavaScript object)',
  }),
  NG3051: entry<{ name: string; location: 'header' | 'cookie' }>({
    severity: 'error',
    title: 'header or cookie name is not an HTTP token',
    message: (p) => `${JSON.stringify(p.name)} cannot name a ${p.location}: HTTP ${p.location} names are tokens (${p.location === 'cookie' ? 'RFC 6265' : 'RFC 9110'}), so every request carrying it would fail`,
    hint: () => "use letters, digits and !#$%&'*+-.^_`|~ only (no spaces, colons, quotes or line breaks)",
  }),
  NG3052: entry<{ name: string; char: string }>({
    severity: 'error',
    title: 'header value HTTP cannot carry',
    message: (p) => `the value of the ${JSON.stringify(p.name)} header contains ${p.char}, which HTTP header values cannot carry (line breaks would start a new header), so every call would fail`,
    hint: () => 'header values are one line of printable text: remove line breaks and control characters, and characters above U+00FF',
  }),
  NG3053: entry<Record<string, never>>({
    severity: 'error',
    title: 'mapping key `__proto__` that would be lost',
    message: () => 'the key "__proto__" would be dropped from this mapping: JavaScript objects read that key as their prototype, so nothing after validation would see the entry',
    hint: () => 'rename the key (and what it names)',
  }),
  NG3054: entry<{ param: string; op: string }>({
    severity: 'error',
    title: 'required parameter a resource never supplies',
    message: (p) => `required parameter "${p.param}" of ${p.op} gets no value: the resource's URI has no {${p.param}} variable and "with" does not map it`,
    hint: () => 'add the variable to the URI, or give the parameter a value in "with"',
  }),
  NG4001: entry<{ found: string }>({
    severity: 'error',
    title: 'migrate: not a naftiko 1.0.0-alpha1/alpha2 document',
    message: (p) => `cannot migrate ${p.found}: migrate moves naftiko 1.0.0-alpha2 and 1.0.0-alpha1 documents to Ikanos`,
    hint: (p) => (p.found.startsWith('naftiko 0.') ? 'edit the file to naftiko 1.0.0-alpha2 first (the format changed too much for a mechanical move)' : undefined),
  }),
  NG4002: entry<Record<string, never>>({
    severity: 'error',
    title: 'migrate: the document has errors',
    message: () => 'not migrated: naftiko-gen cannot read this document (its errors are listed with it)',
    hint: () => 'fix them first (`naftiko-gen validate` lists them), then migrate again',
  }),
  NG4003: entry<{ version: string; detail: string }>({
    severity: 'error',
    title: 'migrate: the result is not valid Ikanos',
    message: (p) => `not migrated: the Ikanos form of this document fails the official ikanos ${p.version} schema: ${p.detail}`,
    hint: () => 'edit the construct named here so that Ikanos can hold it, then migrate again',
  }),
  NG4004: entry<{ file: string; other: string }>({
    severity: 'error',
    title: 'migrate: two inputs write one file',
    message: (p) => `${p.file} and ${p.other} would both be written to the same file under the output directory`,
    hint: () => 'migrate them in separate runs, or into separate output directories',
  }),
  NG4005: entry<{ location: string; reason: string }>({
    severity: 'error',
    title: 'migrate: imported file not migrated',
    message: (p) => `the imported file ${p.location} cannot be migrated with this document: ${p.reason}`,
  }),
  NG4006: entry<Record<string, never>>({
    severity: 'warning',
    title: 'migrate: not a naftiko document',
    message: () => 'not a naftiko or Ikanos document (no "naftiko" or "ikanos" version key): copied as it is',
  }),
  NG4010: entry<{ key: string }>({
    severity: 'warning',
    title: 'migrate: unknown key dropped',
    message: (p) => `unknown key "${p.key}" dropped: the build ignored it, so nothing changes in the generated project`,
  }),
  NG4011: entry<{ type: string; body: boolean; more: number }>({
    severity: 'warning',
    title: 'migrate: type of a consumed parameter dropped',
    message: (p) =>
      `"type: ${p.type}" dropped from a consumed parameter (Ikanos has no type there): ` +
      (p.body ? 'the request body it stands for is now typed by the defaults (one whole JSON body, or untyped fields)' : 'the caller inputs that supply it are now strings') +
      alsoIn(p.more),
    hint: () => 'declare the input with its type on the REST operation or MCP tool (inputParameters) to keep it typed',
  }),
  NG4012: entry<{ more: number }>({
    severity: 'warning',
    title: 'migrate: description of a consumed parameter dropped',
    message: (p) => `"description" dropped from a consumed parameter (Ikanos has none there): the generated inputs lose it${alsoIn(p.more)}`,
    hint: () => 'declare the input with its description on the REST operation or MCP tool (inputParameters) to keep it',
  }),
  NG4013: entry<{ more: number }>({
    severity: 'warning',
    title: 'migrate: required of a consumed parameter dropped',
    message: (p) =>
      `"required" dropped from a consumed parameter (Ikanos has none there): whether callers must supply it now follows the defaults (path parameters and a whole request body required, the rest optional)${alsoIn(p.more)}`,
  }),
  NG4014: entry<{ more: number }>({
    severity: 'warning',
    title: 'migrate: description of a REST adapter dropped',
    message: () => '"description" dropped from the REST adapter (Ikanos has none there): the generated README no longer shows it',
  }),
  NG4015: entry<{ selection: string }>({
    severity: 'warning',
    title: 'migrate: output without properties or items dropped',
    message: (p) =>
      `outputParameters dropped: an output without "properties" (object) or "items" (array) has no Ikanos form; the answer is now the upstream's whole JSON instead of ${p.selection}`,
    hint: () => 'describe the selected fields with properties (or items) to keep the selection',
  }),
  NG4016: entry<{ more: number }>({
    severity: 'warning',
    title: 'migrate: required of a REST input dropped',
    message: (p) => `"required: true" dropped from a REST input (Ikanos has none there): callers may now leave it out${alsoIn(p.more)}`,
  }),
  NG4017: entry<{ more: number }>({
    severity: 'warning',
    title: 'migrate: operation paths moved to resources',
    message: (p) => `operations with their own "path" moved to resources of that path (Ikanos operations have no path); every operation keeps the path it calls, so nothing changes in the generated project${alsoIn(p.more)}`,
  }),
  NG4018: entry<{ uri: string; env: string }>({
    severity: 'warning',
    title: 'migrate: base URI written as a placeholder',
    message: (p) =>
      `baseUri ${JSON.stringify(p.uri)} is not a URI the official schema accepts; written as https://{${p.env}}, a placeholder: the service reads its base URL from ${p.env}, as before`,
  }),
  NG4019: entry<Record<string, never>>({
    severity: 'warning',
    title: 'migrate: JSON body without data dropped',
    message: () =>
      'request body "type: json" without "data" dropped (Ikanos needs data): the generated client sent JSON null; it now sends what the operation\'s "in: body" parameters make, or no body',
  }),
  NG4020: entry<{ what: string; key: string }>({
    severity: 'warning',
    title: 'migrate: key chosen for an unnamed entry',
    message: (p) => `${p.what} without a name is keyed "${p.key}" (Ikanos keys it by name); nothing changes in the generated project`,
    hint: (p) => (p.what === 'REST operation' ? 'the key is the name naftiko-gen gave it (its OpenAPI operationId)' : 'the key is made of its path; rename it if you like, nothing refers to it'),
  }),
  NG4021: entry<{ what: string; name: string; key: string; consequence: string }>({
    severity: 'warning',
    title: 'migrate: name renamed to fit the key pattern',
    message: (p) => `${p.what} "${p.name}" is keyed "${p.key}": an Ikanos key cannot hold the name as written${p.consequence ? `; ${p.consequence}` : ''}`,
  }),
  NG4022: entry<{ name: string }>({
    severity: 'warning',
    title: 'migrate: consumed parameter dropped',
    message: (p) =>
      `consumed parameter "${p.name}" dropped: an Ikanos key cannot hold its name (or it is named twice), and another name would send something else upstream; the service no longer sends it`,
  }),
  NG4023: entry<{ what: string; name: string; key: string; consequence: string }>({
    severity: 'warning',
    title: 'migrate: name used twice',
    message: (p) => `${p.what} "${p.name}" is named twice and a map holds one; this one is keyed "${p.key}"${p.consequence ? `; ${p.consequence}` : ''}`,
  }),
  NG4024: entry<{ name: string; key: string }>({
    severity: 'warning',
    title: 'migrate: consumed namespace renamed',
    message: (p) =>
      `consumed namespace "${p.name}" is written "${p.key}": Ikanos namespaces are kebab identifiers; calls and imports follow, and so do the generated client's file and names`,
  }),
  NG4025: entry<{ type: string; name: string; key: string }>({
    severity: 'warning',
    title: 'migrate: adapter namespace renamed',
    message: (p) =>
      `${p.type} adapter namespace ${JSON.stringify(p.name)} is written "${p.key}": Ikanos namespaces are kebab identifiers; references to it follow, and so does what the generated project derives from it (comments, README, OAuth environment variable names)`,
  }),
  NG6001: entry<{ operation: string; ref: string; nearest?: string | undefined }>({
    severity: 'warning',
    title: 'consumed operation not in the OpenAPI documents',
    message: (p) => `${p.operation} (${p.ref}) matches no operation of the OpenAPI documents${p.nearest ? `; nearest: ${p.nearest}` : ''}`,
    hint: () => "its inputs and output stay as the spec declares them; the consumed baseUri path + resource path must equal a document's server path + path template",
  }),
  NG6002: entry<{ operation: string; documents: string; chosen: string }>({
    severity: 'warning',
    title: 'operation defined differently in several documents',
    message: (p) => `${p.operation} is defined differently in ${p.documents}; typed from ${p.chosen} (the first in path order)`,
  }),
  NG6003: entry<{ reason: string }>({
    severity: 'note',
    title: 'file skipped by --openapi',
    message: (p) => `skipped: ${p.reason}`,
  }),
  NG6004: entry<{ reason: string }>({
    severity: 'error',
    title: 'OpenAPI document cannot be read',
    message: (p) => `cannot read this OpenAPI document: ${p.reason}`,
    hint: () => 'a file named with --openapi (or in the config) must be valid YAML or JSON',
  }),
  NG6005: entry<{ reason: string }>({
    severity: 'warning',
    title: 'file in an --openapi directory cannot be read',
    message: (p) => `cannot read this file: ${p.reason}; skipped`,
  }),
  NG6006: entry<{ ref: string; reason: string }>({
    severity: 'warning',
    title: 'unresolved $ref',
    message: (p) => `$ref ${JSON.stringify(p.ref)} cannot be resolved (${p.reason}); what it describes is typed loosely (any value)`,
    hint: () => 'refs are resolved inside the document and in sibling files of the --openapi directory; URLs are never fetched',
  }),
  NG6007: entry<{ construct: string }>({
    severity: 'warning',
    title: 'schema construct typed loosely',
    message: (p) => `${p.construct} cannot be stated exactly in the generated types; they accept more than the document here`,
  }),
  NG6008: entry<{ what: string }>({
    severity: 'warning',
    title: 'schema too large or deep, typed loosely',
    message: (p) => `${p.what}; typed loosely (any value) from here`,
  }),
  NG6009: entry<{ pattern: string }>({
    severity: 'warning',
    title: 'pattern is not a regular expression',
    message: (p) => `pattern ${JSON.stringify(p.pattern)} is not a valid regular expression; it is not checked`,
  }),
  NG6010: entry<{ param: string; declared: string; documented: string; operation: string }>({
    severity: 'warning',
    title: 'parameter type differs from the OpenAPI document',
    message: (p) => `${p.param} is declared ${p.declared}, but ${p.operation} documents it as ${p.documented}; it keeps the spec's type`,
  }),
  NG6011: entry<{ sent: string; accepted: string; operation: string }>({
    severity: 'warning',
    title: 'request body media type differs from the OpenAPI document',
    message: (p) => `the spec sends ${p.sent}, but ${p.operation} documents ${p.accepted}; the body is typed from that schema and still sent as the spec says`,
  }),
  NG6012: entry<{ operation: string; ref: string; documented: string; basePath: string }>({
    severity: 'warning',
    title: 'operation matched by its path alone',
    message: (p) => `${p.operation} (${p.ref}) is typed from ${p.documented}, matched by the path after the base path (${p.basePath}): no server path of the document agrees with it`,
    hint: () => "check that the document is this API's: its servers say another base path",
  }),
} as const;

export type DiagnosticCode = keyof typeof catalog;
export type PropsOf<C extends DiagnosticCode> = Parameters<(typeof catalog)[C]['message']>[0];
