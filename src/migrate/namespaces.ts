/**
 * Namespaces the Ikanos pattern rejects (`openapi.yml`, an MCP adapter's `my tools`): fitted like
 * keys (`-` for each other character), with the imports, calls and references that name them. A call is
 * split at the namespace it starts with (a namespace may hold dots), else at its first dot.
 */
import type { CST } from 'yaml';
import type { Changes } from './changes.js';
import { elementsOf, entry, scalarOf, setScalar, type Token } from './cst.js';
import { fitKey } from './keys.js';

export class Namespaces {
  private readonly known: string[];

  /** The namespaces of a document: its consumed APIs' and the names its imports give them. */
  constructor(root: Token | undefined) {
    const sections = [entry(root, 'consumes')?.item.value, entry(entry(root, 'capability')?.item.value, 'consumes')?.item.value];
    this.known = sections
      .flatMap((s) => elementsOf(s) ?? [])
      .flatMap((e) => ['namespace', 'import', 'as'].map((k) => scalarOf(entry(e.value, k)?.item.value)))
      .filter((n): n is string => n !== undefined)
      .sort((a, b) => b.length - a.length);
  }

  /** `ns.op` with both parts fitted to the key pattern. */
  fitCall(call: string): string {
    const namespace = this.known.find((n) => call.startsWith(`${n}.`)) ?? call.slice(0, Math.max(call.indexOf('.'), 0));
    if (!call.startsWith(`${namespace}.`)) return call;
    return `${fit(namespace)}.${fitKey(call.slice(namespace.length + 1), 'ConsumedHttpOperation')}`;
  }

  /** A consumed API's `namespace`, or an import's `import` / `as`, fitted (reported once, where declared). */
  fitValue(map: CST.BlockMap | CST.FlowCollection, key: 'namespace' | 'import' | 'as', changes: Changes): void {
    fitEntry(map, key, changes, (name, fitted, item) => key !== 'import' && changes.report('NG4024', item, { name, key: fitted }));
  }

  /** An exposed adapter's `namespace` (`rest`, `mcp`, `skill`, `control`), fitted and reported. */
  fitAdapter(map: CST.BlockMap | CST.FlowCollection, type: string, changes: Changes): void {
    fitEntry(map, 'namespace', changes, (name, fitted, item) => changes.report('NG4025', item, { type, name, key: fitted }));
  }

  /**
   * The references that name a namespace whole follow their declaration silently (it was reported):
   * a REST resource's `forward.targetNamespace` (a consumed API), a skill tool's `from.sourceNamespace`
   * (an exposed adapter).
   */
  fitReferences(map: CST.BlockMap | CST.FlowCollection, changes: Changes): void {
    for (const [holder, key] of [['forward', 'targetNamespace'], ['from', 'sourceNamespace']] as const) {
      const inner = entry(map, holder)?.item.value;
      if (inner && (inner.type === 'block-map' || inner.type === 'flow-collection')) fitEntry(inner, key, changes, () => undefined);
    }
  }
}

type Renamed = (name: string, fitted: string, item: CST.CollectionItem) => void;

function fitEntry(map: CST.BlockMap | CST.FlowCollection, key: string, changes: Changes, renamed: Renamed): void {
  const found = entry(map, key);
  const value = scalarOf(found?.item.value);
  if (!found?.item.value || value === undefined || fit(value) === value) return;
  renamed(value, fit(value), found.item);
  changes.set(found.item.value, fit(value));
  setScalar(found.item.value, fit(value));
}

function fit(namespace: string): string {
  return fitKey(namespace, 'ConsumedHttpOperation');
}
