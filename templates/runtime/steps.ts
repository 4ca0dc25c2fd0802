// Orchestrated operations (`steps` + `mappings`), run as the reference engine's
// OperationStepExecutor runs them (docs/engine-parity.md, "Steps"): call steps store their answer
// (shaped by the consumed operation's outputParameters), lookups match rows by the text of a
// field, mappings build the answer from the step outputs only, and when nothing maps, the last
// call's answer is the answer.

import type { UpstreamResponse } from './http.js';
import { select, type PathStep } from './jsonpath.js';
import { answerDocument, jacksonText, stepOutput, type ConsumedOutput } from './step-output.js';

export type Step =
  | {
      readonly kind: 'call';
      readonly name: string;
      /** Sends the request; the context holds the caller's inputs and the earlier step outputs. */
      readonly invoke: (context: Readonly<Record<string, unknown>>) => Promise<UpstreamResponse>;
      /** Converts an answer in another format than JSON (XML) before it is stored. */
      readonly read?: (response: UpstreamResponse) => UpstreamResponse;
      readonly outputs?: readonly ConsumedOutput[];
    }
  | {
      readonly kind: 'lookup';
      readonly name: string;
      /** The earlier step whose output (rows, or one object) is searched. */
      readonly index: string;
      /** The field of each row whose text is compared with the looked-up value(s). */
      readonly match: string;
      readonly lookupValue: readonly PathStep[];
      /** `context`: a `{{name}}` template over inputs and outputs, compared as one text. */
      readonly scope?: 'context';
      /** Fields kept from each matching row (missing ones as null); none: the lookup finds nothing. */
      readonly fields: readonly string[];
    };

export interface Mapping {
  readonly target: readonly string[];
  readonly path: readonly PathStep[];
}

type Bag = Record<string, unknown>;

export async function runSteps(steps: readonly Step[], mappings: readonly Mapping[], input: Readonly<Record<string, unknown>>): Promise<UpstreamResponse> {
  // Null-prototype maps: step names like "__proto__" stay plain keys.
  const context: Bag = Object.assign(Object.create(null) as Bag, input);
  const outputs: Bag = Object.create(null) as Bag;
  let last: UpstreamResponse | undefined;
  for (const step of steps) {
    let output: unknown;
    if (step.kind === 'call') {
      last = await step.invoke(context);
      output = stepOutput(answerDocument(step.read ? step.read(last) : last), step.outputs);
    } else output = lookup(step, outputs, context);
    // Nothing found is not stored: a later reference to the step finds nothing either.
    if (output !== undefined) outputs[step.name] = context[step.name] = output;
  }
  const mapped = buildMapped(mappings, outputs);
  if (mapped !== undefined) return { status: 200, contentType: 'application/json', body: mapped };
  return last ?? { status: 200, contentType: undefined, body: undefined };
}

function lookup(step: Extract<Step, { kind: 'lookup' }>, outputs: Readonly<Bag>, context: Readonly<Bag>): unknown {
  const index = outputs[step.index];
  const rows = Array.isArray(index) ? index : isObject(index) ? [index] : [];
  const wanted = select(step.scope === 'context' ? context : outputs, step.lookupValue);
  // A path that finds nothing compares its own text in the engine, which no row holds.
  if (wanted === undefined) return undefined;
  if (step.scope === 'context') return firstMatch(rows, step, templateText(wanted));
  if (!Array.isArray(wanted)) return firstMatch(rows, step, jacksonText(wanted));
  // A list of keys looks up each of them and keeps the first match of each.
  const found = wanted.flatMap((key) => {
    const row = firstMatch(rows, step, jacksonText(key));
    return row === undefined ? [] : [row];
  });
  return found.length > 0 ? found : undefined;
}

function firstMatch(rows: readonly unknown[], step: Extract<Step, { kind: 'lookup' }>, text: string): Bag | undefined {
  if (step.fields.length === 0) return undefined;
  const row = rows.find((r) => isObject(r) && Object.hasOwn(r, step.match) && jacksonText(r[step.match]) === text) as Bag | undefined;
  if (!row) return undefined;
  const kept: Bag = {};
  for (const field of step.fields) define(kept, field, Object.hasOwn(row, field) ? row[field] : null);
  return kept;
}

/** What a Mustache template renders a value as: nothing for a missing one, JSON for a list. */
function templateText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Each mapping reads `$.<step>.<field>...` from the step outputs; one that finds nothing is left
 * out, a dotted target builds nested objects. undefined when nothing was mapped.
 */
function buildMapped(mappings: readonly Mapping[], outputs: Readonly<Bag>): Bag | undefined {
  const out: Bag = {};
  let any = false;
  for (const { target, path } of mappings) {
    const value = path.length === 0 ? undefined : select(outputs, path);
    if (value === undefined) continue;
    any = true;
    let node = out;
    target.forEach((key, i) => {
      if (i === target.length - 1) return define(node, key, value);
      // A value already there that is not an object is replaced by one, as the engine does.
      if (!isObject(node[key]) || !Object.hasOwn(node, key)) define(node, key, {});
      node = node[key] as Bag;
    });
  }
  return any ? out : undefined;
}

function define(object: Bag, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function isObject(value: unknown): value is Bag {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
