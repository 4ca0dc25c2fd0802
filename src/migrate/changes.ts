/**
 * What a migration changed that is worth telling: positioned diagnostics (NG40xx) in the original
 * document, a rule that repeats reported once per file with a count, and the same changes as edits
 * of the original (so a test can build "the original with exactly these changes" and compare).
 * Positions come from the tokens' offsets in the original text: the migration moves and copies
 * tokens, so a path in the migrated document would not find them.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { DiagnosticCode, PropsOf } from '../diagnostics/catalog.js';
import { makeDiagnostic, type Reporter } from '../diagnostics/report.js';
import { pathAtOffset, positionAtOffset } from './anchors.js';
import type { Item, Token } from './cst.js';

/** An edit of the original document that the migration made in its Ikanos form. */
export type Edit =
  /** The key (or list element) at `path` is gone. */
  | { readonly kind: 'drop'; readonly path: SpecPath }
  /** The value at `path` (a name, a call) is now `value`. */
  | { readonly kind: 'set'; readonly path: SpecPath; readonly value: string };

/** What a change is about: an entry (positioned at its key) or a value token. */
export type Anchor = Item | Token;

type MigrateCode = Extract<DiagnosticCode, `NG40${string}`>;

interface Pending {
  readonly code: MigrateCode;
  readonly anchor: Anchor;
  readonly props: Record<string, unknown>;
  count: number;
}

export class Changes {
  private readonly edited = new Map<string, Edit>();
  private readonly pending = new Map<string, Pending>();

  constructor(readonly reporter: Reporter) {}

  /** Edits that change the generated project, each once (a copied entry is edited in each copy). */
  get edits(): Edit[] {
    return [...this.edited.values()];
  }

  report<C extends MigrateCode>(code: C, anchor: Anchor, props: PropsOf<C>): void {
    const { path, offset } = this.locate(anchor);
    const source = this.reporter.source;
    const position = offset === undefined ? { line: 1, col: 1 } : positionAtOffset(source, offset);
    this.reporter.diagnostics.push(makeDiagnostic(code, props, { file: source.file, path, ...position }));
  }

  /**
   * Reports the first occurrence of a rule (per `group`, default the code) with how many more
   * followed in this file: a catalogue file drops the same key from dozens of parameters.
   */
  reportOnce<C extends MigrateCode>(code: C, anchor: Anchor, props: PropsOf<C>, group: string = code): void {
    const seen = this.pending.get(group);
    if (seen) seen.count++;
    else this.pending.set(group, { code, anchor, props: props as Record<string, unknown>, count: 0 });
  }

  /** The grouped reports, each with its count (`more`). */
  flush(): void {
    for (const p of this.pending.values()) this.report(p.code, p.anchor, { ...p.props, more: p.count } as never);
    this.pending.clear();
  }

  drop(anchor: Anchor): void {
    const { path } = this.locate(anchor);
    if (path.length > 0) this.edited.set(JSON.stringify(path), { kind: 'drop', path });
  }

  set(anchor: Token | undefined, value: string): void {
    if (!anchor) return;
    const { path } = this.locate(anchor);
    if (path.length > 0) this.edited.set(JSON.stringify(path), { kind: 'set', path, value });
  }

  /** The original path and offset of an entry's key (or of a token); tokens the migration made have neither. */
  private locate(anchor: Anchor): { path: SpecPath; offset?: number } {
    const isItem = 'start' in anchor && Array.isArray(anchor.start) && !('type' in anchor);
    const token = isItem ? ((anchor as Item).key ?? (anchor as Item).value) : (anchor as Token);
    const offset = token && token.offset >= 0 ? token.offset : undefined;
    if (offset === undefined) return { path: [] };
    return { path: pathAtOffset(this.reporter.source, offset, isItem && !!(anchor as Item).key) ?? [], offset };
  }
}
