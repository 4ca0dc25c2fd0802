// Orchestrated operations (`steps` + `mappings`): call and lookup steps run in order over one
// context that holds the caller's inputs and every step's output under the step's name.

import type { UpstreamResponse } from './http.js';
import { select, type PathStep } from './output.js';

export type Step =
  | { readonly kind: 'call'; readonly name: string; readonly invoke: (context: Readonly<Record<string, unknown>>) => Promise<UpstreamResponse> }
  | {
      readonly kind: 'lookup';
      readonly name: string;
      /** The earlier step whose output (an array) is searched. */
      readonly index: string;
      /** The field of each index entry compared with the looked-up value(s). */
      readonly match: string;
      readonly lookupValue: readonly PathStep[];
      /** Fields kept from each matching entry; empty keeps the whole entry. */
      readonly fields: readonly string[];
    };

export interface Mapping {
  readonly target: readonly string[];
  readonly path: readonly PathStep[];
}

export async function runSteps(steps: readonly Step[], mappings: readonly Mapping[], input: Readonly<Record<string, unknown>>): Promise<UpstreamResponse> {
  // A null-prototype context: step names like "__proto__" stay plain keys.
  const context: Record<string, unknown> = Object.assign(Object.create(null) as object, input);
  let last: unknown;
  for (const step of steps) {
    last = step.kind === 'call' ? (await step.invoke(context)).body : lookup(step, context);
    context[step.name] = last;
  }
  const body = mappings.length ? buildMapped(mappings, context) : last;
  return { status: 200, contentType: 'application/json', body };
}

function lookup(step: Extract<Step, { kind: 'lookup' }>, context: Readonly<Record<string, unknown>>): unknown {
  const index = context[step.index];
  const entries = Array.isArray(index) ? index : [];
  const wanted = select(context, step.lookupValue);
  const project = (entry: unknown) => (step.fields.length === 0 ? entry : pick(entry, step.fields));
  const matches = (value: unknown) => entries.filter((e) => select(e, [step.match]) === value).map(project);
  // A list of keys looks up each of them; a single key gives its first match.
  return Array.isArray(wanted) ? wanted.flatMap(matches) : matches(wanted)[0];
}

function pick(entry: unknown, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = select(entry, [field]);
    if (value !== undefined) Object.defineProperty(out, field, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function buildMapped(mappings: readonly Mapping[], context: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { target, path } of mappings) {
    let node = out;
    target.forEach((key, i) => {
      if (i === target.length - 1) Object.defineProperty(node, key, { value: select(context, path), enumerable: true, writable: true, configurable: true });
      else {
        if (!Object.hasOwn(node, key)) Object.defineProperty(node, key, { value: {}, enumerable: true, writable: true, configurable: true });
        node = node[key] as Record<string, unknown>;
      }
    });
  }
  return out;
}
