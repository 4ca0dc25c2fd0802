/**
 * Stage 2, shared by both formats: data in the alpha2 shape -> typed Spec, with zod issues turned
 * into positioned diagnostics (an Ikanos document's reporter translates the paths back).
 */
import type * as z from 'zod';
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import { suggest } from '../util/names.js';
import { KNOWN_KEYS, SpecDocument, type Spec } from './spec.js';

/** Unknown keys are warnings; they are removed and the data parsed again, this many times at most. */
const MAX_STRIP_ROUNDS = 20;

export function validateShape(data: Record<string, unknown>, reporter: Reporter): Spec | undefined {
  let current = structuredClone(data);
  for (let round = 0; round < MAX_STRIP_ROUNDS; round++) {
    const result = SpecDocument.safeParse(current);
    if (result.success) {
      if (reportLostProtoKeys(current, result.data, [], reporter)) return undefined;
      return result.data;
    }
    const unknownKeys = result.error.issues.flatMap(unknownKeyIssues);
    if (unknownKeys.length === 0) {
      for (const issue of result.error.issues) reportIssue(issue, current, reporter);
      return undefined;
    }
    for (const issue of unknownKeys) stripUnknownKeys(issue, current, reporter);
  }
  return undefined;
}

/**
 * zod builds each mapping it parses by assignment, so a `__proto__` key (an own property of the
 * YAML data) sets the result's prototype instead and the entry vanishes: a `with` mapping, for
 * one, would lose that binding without a word. Each such key is refused (NG3053); true if any.
 */
function reportLostProtoKeys(raw: unknown, parsed: unknown, path: SpecPath, reporter: Reporter): boolean {
  if (typeof raw !== 'object' || raw === null || typeof parsed !== 'object' || parsed === null) return false;
  let lost = false;
  if (!Array.isArray(raw) && Object.hasOwn(raw, '__proto__') && !Object.hasOwn(parsed, '__proto__')) {
    reporter.atKey('NG3053', [...path, '__proto__'], {});
    lost = true;
  }
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(parsed, key)) continue;
    const step = Array.isArray(raw) ? Number(key) : key;
    if (reportLostProtoKeys((raw as Record<string, unknown>)[key], (parsed as Record<string, unknown>)[key], [...path, step], reporter)) lost = true;
  }
  return lost;
}

/**
 * Unknown-key issues, also inside a union (a `consumes` entry): in the one branch whose own keys
 * are all present and valid (what is wrong lies deeper, or is an unknown key), they are ignored
 * with a warning as anywhere else.
 */
function unknownKeyIssues(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code === 'unrecognized_keys') return [issue];
  if (issue.code !== 'invalid_union') return [];
  const intended = issue.errors.filter((branch) => branch.length > 0 && branch.every((i) => i.code === 'unrecognized_keys' || i.path.length > 1));
  if (intended.length !== 1) return [];
  return intended[0]!.flatMap(unknownKeyIssues).map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as z.core.$ZodIssue);
}

function stripUnknownKeys(issue: z.core.$ZodIssue, data: unknown, reporter: Reporter): void {
  const parent = valueAt(data, issue.path as SpecPath);
  if (!isRecord(parent) || issue.code !== 'unrecognized_keys') return;
  for (const key of issue.keys) {
    reporter.atKey('NG1101', [...(issue.path as SpecPath), key], { key, suggestion: suggestKey(key, parent) });
    delete parent[key];
  }
}

/** A known key one typo away, not already present in the same mapping. */
function suggestKey(key: string, parent: Record<string, unknown>): string | undefined {
  const candidates = [...KNOWN_KEYS].filter((k) => !(k in parent));
  const near = suggest(key, candidates);
  return near && near.toLowerCase() !== key.toLowerCase() && Math.abs(near.length - key.length) <= 3 ? near : undefined;
}

function reportIssue(issue: z.core.$ZodIssue, data: unknown, reporter: Reporter): void {
  const path = issue.path as SpecPath;
  switch (issue.code) {
    case 'invalid_type': {
      const found = valueAt(data, path);
      if (found === undefined) reportMissing(path, reporter);
      else reporter.at('NG1001', path, { expected: issue.expected, received: describe(found) });
      return;
    }
    case 'invalid_value': {
      const value = valueAt(data, path);
      const allowed = issue.values.map(String);
      if (value === undefined) reportMissing(path, reporter);
      else reporter.at('NG1003', path, { value: String(value), allowed, suggestion: suggest(String(value), allowed) });
      return;
    }
    case 'invalid_union':
      return reportUnion(issue, data, reporter);
    default:
      reporter.at('NG1004', path, { detail: issue.message });
  }
}

function reportMissing(path: SpecPath, reporter: Reporter): void {
  const parent = path.slice(0, -1);
  reporter.at('NG1002', parent, { key: reporter.keyName(parent, String(path[path.length - 1])) });
}

/** A union failure is reported through the branch that got furthest, or as a bad discriminator. */
function reportUnion(issue: z.core.$ZodIssueInvalidUnion, data: unknown, reporter: Reporter): void {
  const path = issue.path as SpecPath;
  const branches = issue.errors.filter((b) => b.length > 0);
  if (branches.length === 0) {
    const typeValue = valueAt(data, [...path, 'type']);
    if (typeValue === undefined) reporter.at('NG1002', path, { key: 'type' });
    else reporter.at('NG1004', [...path, 'type'], { detail: `unsupported type "${String(typeValue)}"` });
    return;
  }
  const best = branches.reduce((a, b) => (deepest(b) > deepest(a) ? b : a));
  for (const inner of best) reportIssue({ ...inner, path: [...path, ...inner.path] } as z.core.$ZodIssue, data, reporter);
}

function deepest(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(...issues.map((i) => i.path.length)) - issues.length / 100;
}

export function valueAt(data: unknown, path: SpecPath): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v} ${String(v)}`;
}
