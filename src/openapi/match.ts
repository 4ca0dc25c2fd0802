/**
 * Which OpenAPI operation a consumed operation is: same HTTP method, and the consumed baseUri path
 * + resource path equal to one of the document's server paths + the path template, segment by
 * segment. Placeholders match placeholders whatever their names (`{id}` ~ `{external_id}`); a
 * document placeholder also matches a fixed segment of the spec, but only when nothing matches
 * exactly. Deterministic: the same documents give the same answer in any order of specs.
 */
import { isRecord } from './parse.js';
import type { ContractSet } from './set.js';
import type { Pointer } from './locate.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query'] as const;
/** Server URL variables with enums expand to every combination, up to this many. */
const MAX_SERVER_PATHS = 16;

export interface IndexedOperation {
  readonly file: string;
  /** Upper case, as the spec writes it. */
  readonly method: string;
  /** The template as the document writes it. */
  readonly path: string;
  readonly pointer: Pointer;
  /** Server path + template, one per server path, as segments with placeholders written `{}`. */
  readonly shapes: readonly (readonly string[])[];
  /** The path template alone, as segments. */
  readonly template: readonly string[];
}

export type MatchOutcome =
  | {
      readonly kind: 'matched';
      readonly operation: IndexedOperation;
      readonly candidates: readonly IndexedOperation[];
      /** Matched on the paths alone: no server path + path template equals the consumed full path. */
      readonly pathOnly?: boolean;
    }
  | { readonly kind: 'unmatched'; readonly nearest?: IndexedOperation };

/** Every operation of every document, in file and document order (built once per set). */
export function operationIndex(set: ContractSet): readonly IndexedOperation[] {
  const cached = set.memo.get('operations') as IndexedOperation[] | undefined;
  if (cached) return cached;
  const index: IndexedOperation[] = [];
  for (const doc of set.documents()) {
    const paths = doc.value['paths'];
    if (!isRecord(paths)) continue;
    const rootServers = serverPaths(doc.value['servers']);
    for (const [path, item] of Object.entries(paths)) {
      if (!isRecord(item)) continue;
      const itemServers = serverPaths(item['servers']) ?? rootServers ?? ['/'];
      for (const method of METHODS) {
        const operation = item[method];
        if (!isRecord(operation)) continue;
        const servers = serverPaths(operation['servers']) ?? itemServers;
        const shapes = servers.map((server) => [...segmentsOf(server), ...segmentsOf(path)]);
        index.push({ file: doc.file, method: method.toUpperCase(), path, pointer: ['paths', path, method], shapes, template: segmentsOf(path) });
      }
    }
  }
  set.memo.set('operations', index);
  return index;
}

/** The consumed operation's path (base path + resource path) as comparable segments. */
export function segmentsOf(path: string): string[] {
  return path
    .split(/[?#]/)[0]!
    .split('/')
    .filter((s) => s !== '')
    .map((s) => s.replace(/\{[^{}]*\}/g, '{}'));
}

/**
 * Finds the operation; among several equally good ones (per-tag files repeat them) all are
 * candidates. When no server path + template equals the full path (documents whose servers are
 * wrong or templated past recognition), the templates alone are compared with the resource path.
 */
export function matchOperation(set: ContractSet, method: string, segments: readonly string[], resource: readonly string[]): MatchOutcome {
  const index = operationIndex(set);
  const full = bestOf(index, method, (op) => Math.min(...op.shapes.map((shape) => rankOf(shape, segments))));
  if (full.length > 0) return { kind: 'matched', operation: full[0]!, candidates: full };
  const pathOnly = resource.length > 0 ? bestOf(index, method, (op) => rankOf(op.template, resource)) : [];
  if (pathOnly.length > 0) return { kind: 'matched', operation: pathOnly[0]!, candidates: pathOnly, pathOnly: true };
  const nearest = nearestOperation(index, method, segments);
  return nearest ? { kind: 'unmatched', nearest } : { kind: 'unmatched' };
}

function bestOf(index: readonly IndexedOperation[], method: string, rank: (op: IndexedOperation) => number): IndexedOperation[] {
  let best: IndexedOperation[] = [];
  let bestRank = Infinity;
  for (const op of index) {
    if (op.method !== method) continue;
    const r = rank(op);
    if (r < bestRank) {
      best = [op];
      bestRank = r;
    } else if (r === bestRank && r < Infinity) best.push(op);
  }
  return best;
}

/** 0: every segment equal; n: n document placeholders stand for fixed segments; Infinity: no match. */
function rankOf(shape: readonly string[], segments: readonly string[]): number {
  if (shape.length !== segments.length) return Infinity;
  let rank = 0;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === segments[i]) continue;
    if (shape[i] === '{}') rank++;
    else return Infinity;
  }
  return rank;
}

/** The operation whose `METHOD /path` is closest to the wanted one, if any is reasonably close. */
function nearestOperation(index: readonly IndexedOperation[], method: string, segments: readonly string[]): IndexedOperation | undefined {
  const wanted = `${method} /${segments.join('/')}`;
  let best: IndexedOperation | undefined;
  let bestDistance = Math.max(4, Math.floor(wanted.length * 0.4)) + 1;
  for (const op of index) {
    for (const shape of op.shapes) {
      const d = distance(wanted, `${op.method} /${shape.join('/')}`, bestDistance);
      if (d < bestDistance) {
        best = op;
        bestDistance = d;
      }
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once it cannot be under `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return Math.min(previous[b.length]!, limit);
}

/**
 * The path parts of `servers` URLs (`https://{region}.api.example.com/v3` -> `/v3`); variables in
 * the path take each enum value (or the default), else stay placeholders. Undefined: no servers.
 */
export function serverPaths(servers: unknown): string[] | undefined {
  if (!Array.isArray(servers) || servers.length === 0) return undefined;
  const paths = new Set<string>();
  for (const server of servers) {
    if (!isRecord(server) || typeof server['url'] !== 'string') continue;
    const url = server['url'].replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/^\/\/[^/]*/, '');
    for (const expanded of expandVariables(url, isRecord(server['variables']) ? server['variables'] : {})) paths.add(expanded);
  }
  return paths.size ? [...paths].sort() : undefined;
}

function expandVariables(url: string, variables: Record<string, unknown>): string[] {
  let results = [url];
  for (const m of url.matchAll(/\{([^{}]*)\}/g)) {
    const variable = variables[m[1]!];
    const values = isRecord(variable) ? [...(Array.isArray(variable['enum']) ? variable['enum'] : []), variable['default']].filter((v): v is string => typeof v === 'string') : [];
    if (values.length === 0) continue;
    const unique = [...new Set(values)];
    results = results.flatMap((r) => unique.map((v) => r.replace(m[0], v))).slice(0, MAX_SERVER_PATHS);
  }
  return results;
}
