/** Name helpers shared by the model: spelling-insensitive matching and near-miss suggestions. */

/** Lower case with `-`, `_` and `.` removed: `external-customer-id` ~ `external_customer_id`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]/g, '');
}

export type MatchResult<T> =
  | { readonly kind: 'found'; readonly item: T }
  | { readonly kind: 'none' }
  | { readonly kind: 'ambiguous'; readonly items: readonly T[] };

/**
 * Finds `wanted` among `items` by exact name, else case-insensitively, else normalised
 * (format.md Part A rule 4). More than one match on the first rung that matches is ambiguous.
 */
export function matchName<T>(wanted: string, items: readonly T[], nameOf: (item: T) => string): MatchResult<T> {
  const rungs: ((n: string) => string)[] = [(n) => n, (n) => n.toLowerCase(), normalizeName];
  for (const key of rungs) {
    const hits = items.filter((item) => key(nameOf(item)) === key(wanted));
    if (hits.length === 1) return { kind: 'found', item: hits[0]! };
    if (hits.length > 1) return { kind: 'ambiguous', items: hits };
  }
  return { kind: 'none' };
}

/** The closest candidate within a small edit distance, for "did you mean" hints. */
export function suggest(wanted: string, candidates: readonly string[]): string | undefined {
  const lower = wanted.toLowerCase();
  const containing = candidates.filter((c) => c.toLowerCase().includes(lower) || lower.includes(c.toLowerCase()));
  if (containing.length > 0 && lower.length >= 3) {
    return containing.reduce((a, b) => (Math.abs(b.length - wanted.length) < Math.abs(a.length - wanted.length) ? b : a));
  }
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(wanted.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(wanted.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Infinity;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
