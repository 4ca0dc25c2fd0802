// Mapped outputs (`outputParameters` with mapping / value / const / properties / items): the
// generator resolves them into this small data language; here it is evaluated on a JSON document.

import type { UpstreamResponse } from './http.js';

/** A JSONPath reduced to steps: a property name, an index, or `*` for every element. */
export type PathStep = string | number | { readonly all: true };

export type OutputNode =
  | { readonly kind: 'path'; readonly path: readonly PathStep[] }
  | { readonly kind: 'const'; readonly value: unknown }
  | { readonly kind: 'template'; readonly parts: readonly ({ readonly text: string } | { readonly path: readonly PathStep[] })[] }
  | { readonly kind: 'object'; readonly path: readonly PathStep[]; readonly properties: readonly (readonly [string, OutputNode])[] }
  | { readonly kind: 'array'; readonly path: readonly PathStep[]; readonly items?: OutputNode };

/** Follows `path` from `document`; a `*` step maps the rest of the path over every element. */
export function select(document: unknown, path: readonly PathStep[]): unknown {
  let node = document;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    if (typeof step === 'object') {
      if (!Array.isArray(node)) return undefined;
      const rest = path.slice(i + 1);
      return node.map((item) => select(item, rest));
    }
    if (node === null || typeof node !== 'object') return undefined;
    // Own properties only: a mapping can never reach __proto__ or constructor.
    if (!Object.hasOwn(node, step)) return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

export function mapOutput(node: OutputNode, document: unknown): unknown {
  switch (node.kind) {
    case 'path':
      return select(document, node.path);
    case 'const':
      return node.value;
    case 'template':
      return node.parts.map((p) => ('text' in p ? p.text : textOf(select(document, p.path)))).join('');
    case 'object': {
      const base = select(document, node.path);
      const out: Record<string, unknown> = {};
      for (const [name, child] of node.properties) {
        const value = mapOutput(child, base);
        if (value !== undefined) Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array': {
      const items = select(document, node.path);
      if (!Array.isArray(items)) return [];
      const itemNode = node.items;
      return itemNode ? items.map((item) => mapOutput(itemNode, item)) : items;
    }
  }
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Applies a mapping to a successful upstream answer; errors and empty bodies pass through. */
export function mapResponse(response: UpstreamResponse, node: OutputNode): UpstreamResponse {
  if (response.status >= 400 || response.body === undefined) return response;
  return { status: response.status, contentType: 'application/json', body: mapOutput(node, response.body) };
}

/** A mock operation: the mapping evaluated over the caller's input, no upstream involved. */
export function mockResponse(node: OutputNode, input: unknown): Promise<UpstreamResponse> {
  return Promise.resolve({ status: 200, contentType: 'application/json', body: mapOutput(node, input) });
}
