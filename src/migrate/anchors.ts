/**
 * Where a CST token of the original document is in its data: the migration moves, copies and
 * renames tokens, but each keeps the offset it was read at, which leads back to the original
 * path (for diagnostics and for the edits a test applies to the original).
 */
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Position, SourceDoc } from '../load/source.js';

/**
 * The path of the map key that starts at `offset` (`key`), or of the outermost node that starts
 * there (a mapping and its first key start at the same offset).
 */
export function pathAtOffset(source: SourceDoc, offset: number, key: boolean): SpecPath | undefined {
  const visit = (node: unknown, path: SpecPath): SpecPath | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const at = [...path, String(pair.key.value)];
        if (key && startOf(pair.key) === offset) return at;
        const found = within(pair.value as Node | null, offset) ? visit(pair.value, at) ?? at : undefined;
        if (found) return found;
      }
    }
    if (isSeq(node)) {
      for (const [i, item] of node.items.entries()) {
        if (within(item as Node | null, offset)) return visit(item, [...path, i]) ?? [...path, i];
      }
    }
    return !key && startOf(node) === offset ? path : undefined;
  };
  const root = source.doc.contents;
  if (!key && startOf(root) === offset) return [];
  return visit(root, []);
}

export function positionAtOffset(source: SourceDoc, offset: number): Position {
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, col };
}

function startOf(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | null)?.range?.[0];
}

function within(node: Node | null, offset: number): boolean {
  const range = node?.range;
  return !!range && offset >= range[0] && offset < Math.max(range[2], range[0] + 1);
}
