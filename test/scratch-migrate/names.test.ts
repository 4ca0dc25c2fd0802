import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { analyzeSpec } from '../../src/pipeline.js';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { createImportResolver } from '../../src/write/imports.js';
import { readSpecText } from '../../src/formats/read.js';
import { CORPUS_DIR } from '../helpers/corpus.js';

it('names', () => {
  const rows = readFileSync(join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((r) => r.split('\t'));
  const c: Record<string, Set<string>> = {};
  const add = (k: string, f: string) => (c[k] ??= new Set()).add(f);
  const KEBAB = /^[a-zA-Z0-9-]+$/, EXT = /^[a-zA-Z0-9-_*]+$/;
  for (const r of rows) {
    if (!['1.0.0-alpha2', '1.0.0-alpha1'].includes(r[3]!)) continue;
    const path = join(CORPUS_DIR, r[5]!);
    const text = readFileSync(path, 'utf8');
    const a = analyzeSpec({ file: path, text, id: 'x' }, { imports: createImportResolver(join(CORPUS_DIR, r[5]!.split('/')[0]!)) });
    if (hasErrors(a.diagnostics)) continue;
    const spec: any = readSpecText(path, text).spec;
    const f = r[5]!;
    const cons = [...(spec.consumes ?? []), ...(spec.capability?.consumes ?? [])];
    for (const cn of cons) {
      if (!cn.resources) continue;
      const pnames = (ps: any[] | undefined, where: string) => { const seen = new Set(); for (const p of ps ?? []) { if (!EXT.test(p.name)) add(`consumed param bad ${where}`, f); if (seen.has(p.name)) add(`consumed param dup name ${where}`, f); seen.add(p.name); } };
      pnames(cn.inputParameters, 'ns');
      for (const res of cn.resources) {
        pnames(res.inputParameters, 'res');
        for (const op of res.operations) { const n = op.name ?? op.id; if (n && !KEBAB.test(n)) add('consumed op bad', f); pnames(op.inputParameters, 'op'); if (op.outputParameters?.length) add('consumed outputs', f); for (const o of op.outputParameters ?? []) if (!o.name) add('consumed output unnamed', f); }
      }
    }
    for (const e of spec.capability?.exposes ?? []) {
      if (e.type === 'rest') for (const res of e.resources ?? []) { if (res.name && !KEBAB.test(res.name)) add('rest res bad', f); for (const op of res.operations ?? []) { if (op.name && !KEBAB.test(op.name)) add('rest op bad', f); if (!op.name) add('rest op unnamed', f); for (const p of [...(op.inputParameters ?? []), ...(res.inputParameters ?? [])]) if (!EXT.test(p.name)) add('rest param bad', f); if (op.steps) add('rest steps', f); if (!op.call && !op.steps && !op.ref) add('rest mock', f); for (const s of op.steps ?? []) if (!KEBAB.test(s.name)) add('step bad', f); const outs = op.outputParameters ?? []; if (op.call && outs.length > 1) add('rest multi outputs', f); if (op.call && outs.some((o: any) => o.name)) add('rest named mapped output', f); } }
      if (e.type === 'mcp') { for (const t of e.tools ?? []) { if (!KEBAB.test(t.name)) add('tool bad', f); if (!t.description) add('tool no description', f); for (const p of t.inputParameters ?? []) { if (!EXT.test(p.name)) add('tool param bad', f); if (!p.description) add('tool param nodesc', f); } if (!t.call && !t.steps && !t.ref) add('tool mock', f); if (t.call && (t.outputParameters ?? []).some((o: any) => o.name)) add('tool named mapped output', f); for (const s of t.steps ?? []) if (!KEBAB.test(s.name)) add('step bad', f); }
        for (const x of e.resources ?? []) { if (!KEBAB.test(x.name)) add('mcp resource bad', f); } for (const x of e.prompts ?? []) { if (!KEBAB.test(x.name)) add('mcp prompt bad', f); } }
      if (e.type === 'skill') { add('skill', f); for (const s of e.skills ?? []) { if (!KEBAB.test(s.name)) add('skill bad', f); for (const t of s.tools ?? []) if (!KEBAB.test(t.name)) add('skilltool bad', f); } if (!e.skills) add('skill no skills', f); }
    }
    for (const ag of spec.capability?.aggregates ?? []) for (const fn of ag.functions ?? []) if (!KEBAB.test(fn.name)) add('flow bad', f);
  }
  for (const [k, v] of Object.entries(c).sort()) console.log(k, v.size, [...v].slice(0, 3).join(' '));
}, 900000);
