/**
 * `build --update-hooks`: brings a team's src/hooks.ts up to date with the spec without changing a
 * line they wrote. Typed stubs are added for hook points the file lacks (new operations, a new
 * surface); stubs still exactly as generated (`{}`) are removed when their hook point is gone; a
 * hook with code for a hook point that is gone is left for the team, and reported. The file is
 * parsed with ts-morph and edited as text at whole-line positions.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Node, ObjectLiteralExpression, SourceFile } from 'ts-morph';
import { HOOKS_PATH, type HookStub } from '../emit/ts/hooks.js';

/** What the file should hold: stubs of each operation, and of each surface hook (`rest`, `mcp`). */
export interface WantedHooks {
  readonly operations: readonly HookStub<string>[];
  readonly surfaces: readonly HookStub<string>[];
}

export interface HooksUpdate {
  readonly added: string[];
  readonly removed: string[];
  /** Hooks with code whose hook point is gone: tsc names them; the team decides. */
  readonly stale: string[];
  /** Why the file could not be updated, when it could not. */
  readonly problem?: string;
}

type TsMorph = typeof import('ts-morph');

/**
 * ts-morph bundles the TypeScript compiler (about a second to load), so only this command loads it,
 * with require: the CLI bundle runs as a vm script, where a dynamic import() has no loader.
 */
function loadTsMorph(): TsMorph {
  return createRequire(import.meta.url)('ts-morph') as TsMorph;
}

export function updateHooksFile(projectDir: string, wanted: WantedHooks): HooksUpdate {
  const path = join(projectDir, HOOKS_PATH);
  const text = readFileSync(path, 'utf8');
  const result = updateHooksText(loadTsMorph(), text, wanted);
  if (result.text !== text) writeFileSync(path, result.text);
  return result.update;
}

interface Edit {
  readonly at: number;
  readonly end: number;
  readonly text: string;
}

export function updateHooksText(morph: TsMorph, text: string, wanted: WantedHooks): { text: string; update: HooksUpdate } {
  const update: HooksUpdate = { added: [], removed: [], stale: [] };
  const project = new morph.Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: false } });
  const file = project.createSourceFile('hooks.ts', text);
  const hooks = defineHooksObject(morph, file);
  if (!hooks) return { text, update: { ...update, problem: 'no `defineHooks({ ... })` call with an object literal was found' } };
  const edits: Edit[] = [];
  const operations = objectProperty(morph, hooks, 'operations');
  const surfaces = wanted.surfaces.filter((s) => s.key !== 'operations');
  if (operations) edits.push(...reconcile(morph, text, operations, wanted.operations, update));
  else edits.push(...insertions(text, hooks, [{ key: 'operations', stub: `operations: {\n${indent(wanted.operations.map((s) => s.stub).join('\n'), '  ')}\n},` }], update));
  edits.push(...reconcile(morph, text, hooks, surfaces, update, new Set(['operations', 'start'])));
  edits.sort((a, b) => b.at - a.at);
  let out = text;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return { text: out, update };
}

/** The object literal passed to `defineHooks(...)`. */
function defineHooksObject(morph: TsMorph, file: SourceFile): ObjectLiteralExpression | undefined {
  const call = file.getDescendantsOfKind(morph.SyntaxKind.CallExpression).find((c) => c.getExpression().getText() === 'defineHooks');
  const arg = call?.getArguments()[0];
  return arg && morph.Node.isObjectLiteralExpression(arg) ? arg : undefined;
}

function keyOf(morph: TsMorph, property: Node): string | undefined {
  if (!morph.Node.isPropertyAssignment(property) && !morph.Node.isMethodDeclaration(property) && !morph.Node.isShorthandPropertyAssignment(property)) return undefined;
  const name = property.getNameNode();
  return morph.Node.isStringLiteral(name) || morph.Node.isNoSubstitutionTemplateLiteral(name) ? name.getLiteralValue() : name.getText();
}

function objectProperty(morph: TsMorph, object: ObjectLiteralExpression, key: string): ObjectLiteralExpression | undefined {
  const property = object.getProperties().find((p) => keyOf(morph, p) === key);
  const value = property && morph.Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
  return value && morph.Node.isObjectLiteralExpression(value) ? value : undefined;
}

/** Adds missing stubs to `object` and removes untouched ones whose key is no longer wanted (`fixed` keys are never touched). */
function reconcile(morph: TsMorph, text: string, object: ObjectLiteralExpression, wanted: readonly HookStub<string>[], update: HooksUpdate, fixed: ReadonlySet<string> = new Set()): Edit[] {
  const present = new Map(object.getProperties().flatMap((p) => (keyOf(morph, p) === undefined ? [] : [[keyOf(morph, p)!, p] as const])));
  const wantedKeys = new Set(wanted.map((w) => w.key));
  const edits: Edit[] = [];
  for (const [key, property] of present) {
    if (wantedKeys.has(key) || fixed.has(key)) continue;
    const removal = isUntouchedStub(morph, property) ? wholeLines(text, property) : undefined;
    if (removal) {
      edits.push({ ...removal, text: '' });
      update.removed.push(key);
    } else update.stale.push(key);
  }
  const missing = wanted.filter((w) => !present.has(w.key));
  return [...edits, ...insertions(text, object, missing, update)];
}

/** `key: {}` with nothing inside, not even a comment. */
function isUntouchedStub(morph: TsMorph, property: Node): boolean {
  if (!morph.Node.isPropertyAssignment(property)) return false;
  const value = property.getInitializer();
  return value !== undefined && morph.Node.isObjectLiteralExpression(value) && value.getText().replace(/\s/g, '') === '{}';
}

/** The whole lines a property and its doc comment fill, when nothing else shares them (its trailing comma may). */
function wholeLines(text: string, property: Node): { at: number; end: number } | undefined {
  const start = property.getStart(true);
  let end = property.getEnd();
  if (text[end] === ',') end++;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  if (text.slice(lineStart, start).trim() !== '' || text.slice(end, lineEnd === -1 ? text.length : lineEnd).trim() !== '') return undefined;
  return { at: lineStart, end: lineEnd === -1 ? text.length : lineEnd + 1 };
}

/**
 * New stubs as lines of their own: after the last property when it has a trailing comma, else
 * before the first one, so no existing line changes; an object written on one line is the one
 * case where its line has to be rewritten.
 */
function insertions(text: string, object: ObjectLiteralExpression, stubs: readonly HookStub<string>[], update: HooksUpdate): Edit[] {
  if (stubs.length === 0) return [];
  update.added.push(...stubs.map((s) => s.key));
  const properties = object.getProperties();
  const open = object.getStart() + 1;
  const openLineEnd = text.indexOf('\n', open);
  const multiLine = openLineEnd !== -1 && openLineEnd < object.getEnd() && text.slice(open, openLineEnd).trim() === '';
  const propertyIndent = properties.length ? leadingSpace(text, properties[0]!.getStart(true)) : `${leadingSpace(text, object.getStart())}  `;
  const block = (stubs.map((s) => indent(s.stub, propertyIndent)).join('\n'));
  if (!multiLine) {
    // `{}` or `{ a: ... }` on one line: that line becomes several.
    const inner = text.slice(open, object.getEnd() - 1).trim();
    const closing = leadingSpace(text, object.getStart());
    const existing = inner ? `${indent(inner.endsWith(',') ? inner : `${inner},`, propertyIndent)}\n` : '';
    return [{ at: open, end: object.getEnd() - 1, text: `\n${existing}${block}\n${closing}` }];
  }
  const last = properties[properties.length - 1];
  if (last && text[last.getEnd()] === ',') {
    const lineEnd = text.indexOf('\n', last.getEnd());
    return [{ at: lineEnd + 1, end: lineEnd + 1, text: `${block}\n` }];
  }
  return [{ at: openLineEnd + 1, end: openLineEnd + 1, text: `${block}\n` }];
}

/** The indentation of the line `position` is on. */
function leadingSpace(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

function indent(block: string, prefix: string): string {
  return block
    .split('\n')
    .map((line) => (line ? prefix + line : line))
    .join('\n');
}
