/** `build --update-hooks` on hooks files the team has shaped in different ways: no line they wrote changes. */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { updateHooksText, type WantedHooks } from '../../src/write/update-hooks.js';
import { docComment, snippetText, str, ts } from '../../src/emit/code.js';

const morph = createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph');

const wanted = (ops: string[], surfaces: string[] = []): WantedHooks => ({
  operations: ops.map((op) => ({ key: op, stub: `/** ${op} */\n'${op}': {},` })),
  surfaces: surfaces.map((s) => ({ key: s, stub: `${s}: {},` })),
});

/** The lines of `before` all present, in order, in `after`, except those dropped. */
function keptLines(before: string, after: string, dropped: readonly string[] = []): boolean {
  const lines = after.split('\n');
  let at = 0;
  for (const line of before.split('\n').filter((l) => !dropped.includes(l))) {
    at = lines.indexOf(line, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

describe('updateHooksText', () => {
  it('adds the missing stubs after a last property with a trailing comma', () => {
    const text = "export default defineHooks({\n  operations: {\n    'a.one': { after: (r) => r },\n  },\n});\n";
    const { text: out, update } = updateHooksText(morph, text, wanted(['a.one', 'a.two']));
    expect(update).toEqual({ added: ['a.two'], removed: [], stale: [] });
    expect(out).toBe("export default defineHooks({\n  operations: {\n    'a.one': { after: (r) => r },\n    /** a.two */\n    'a.two': {},\n  },\n});\n");
  });

  it('adds them before the first property when the last one has no trailing comma', () => {
    const text = "export default defineHooks({\n  operations: {\n    'a.one': { after: (r) => r }\n  }\n});\n";
    const { text: out } = updateHooksText(morph, text, wanted(['a.one', 'a.two']));
    expect(keptLines(text, out)).toBe(true);
    expect(out).toContain("  operations: {\n    /** a.two */\n    'a.two': {},\n    'a.one': { after: (r) => r }\n");
  });

  it('removes an untouched stub with its doc comment, keeps a stale hook with code and says so', () => {
    const text = "export default defineHooks({\n  operations: {\n    /** a.old */\n    'a.old': {},\n    'a.used': {\n      before: () => undefined,\n    },\n    // mine\n    'a.commented': { /* keep */ },\n  },\n});\n";
    const { text: out, update } = updateHooksText(morph, text, wanted([]));
    expect(update.removed).toEqual(['a.old']);
    expect(update.stale).toEqual(['a.used', 'a.commented']);
    expect(keptLines(text, out, ['    /** a.old */', "    'a.old': {},"])).toBe(true);
    expect(out).not.toContain('a.old');
  });

  it('rewrites an object written on one line, the one line it has to', () => {
    const text = 'export default defineHooks({\n  operations: {},\n});\n';
    const { text: out, update } = updateHooksText(morph, text, wanted(['a.one']));
    expect(update.added).toEqual(['a.one']);
    expect(out).toBe("export default defineHooks({\n  operations: {\n    /** a.one */\n    'a.one': {},\n  },\n});\n");
  });

  it('adds an operations object and surface stubs where they are missing, removes an empty surface gone', () => {
    const text = 'export default defineHooks({\n  mcp: {},\n  start() {},\n});\n';
    const { text: out, update } = updateHooksText(morph, text, wanted(['a.one'], ['rest']));
    expect(update).toEqual({ added: ['operations', 'rest'], removed: ['mcp'], stale: [] });
    expect(out).toContain("  operations: {\n    /** a.one */\n    'a.one': {},\n  },\n");
    expect(out).toContain('  rest: {},\n');
    expect(out).toContain('  start() {},\n');
    expect(out).not.toContain('mcp');
  });

  it('says so when there is no defineHooks call to update', () => {
    const { text: out, update } = updateHooksText(morph, 'export default {};\n', wanted(['a.one']));
    expect(out).toBe('export default {};\n');
    expect(update.problem).toMatch(/defineHooks/);
  });

  it('changes nothing when the file is up to date', () => {
    const text = "export default defineHooks({\n  operations: {\n    'a.one': {},\n  },\n  rest: {},\n});\n";
    expect(updateHooksText(morph, text, wanted(['a.one'], ['rest'])).text).toBe(text);
  });
});

describe('hook stubs as text (snippetText)', () => {
  it('escapes spec text for the team file: a stub with a hostile operation name stays one property with its comment', () => {
    const stub = ts`${docComment('GET /a */ process.exit(1); /*')}${str("o'k.get-\u2028x")}: {},`;
    const text = snippetText(stub);
    expect(text).toBe('/** GET /a *\\/ process.exit(1); /* */\n"o\'k.get-\\u2028x": {},');
    const { text: out } = updateHooksText(morph, 'export default defineHooks({\n  operations: {},\n});\n', { operations: [{ key: "o'k.get-\u2028x", stub: text }], surfaces: [] });
    const file = new morph.Project({ useInMemoryFileSystem: true }).createSourceFile('h.ts', out);
    expect(file.getPreEmitDiagnostics().filter((d) => d.getCategory() === morph.DiagnosticCategory.Error && d.getCode() !== 2304)).toEqual([]);
    expect(updateHooksText(morph, out, { operations: [{ key: "o'k.get-\u2028x", stub: text }], surfaces: [] }).update.added).toEqual([]);
  });
});
