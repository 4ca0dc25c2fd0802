import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { migrateText } from '../../src/migrate/migrate.js';
import { analyzeSpec } from '../../src/pipeline.js';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { createImportResolver } from '../../src/write/imports.js';
import { CORPUS_DIR } from '../helpers/corpus.js';

it('corpus', () => {
  const rows = readFileSync(join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((r) => r.split('\t'));
  const schema = JSON.parse(readFileSync('schemas/ikanos-schema-1.0.0-beta4.json', 'utf8'));
  const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
  const kinds: Record<string, number> = {}; const codes: Record<string, number> = {};
  const examples: Record<string, string[]> = {}; const dexamples: Record<string, string[]> = {};
  let builds = 0, migrated = 0, rejected = 0, valid = 0, parseErr = 0;
  const only = process.env.ONLY;
  for (const r of rows) {
    if (!['1.0.0-alpha2', '1.0.0-alpha1'].includes(r[3]!)) continue;
    if (only && !r[5]!.includes(only)) continue;
    const path = join(CORPUS_DIR, r[5]!);
    const group = r[5]!.split('/')[0]!;
    const imports = createImportResolver(join(CORPUS_DIR, group));
    const text = readFileSync(path, 'utf8');
    const a = analyzeSpec({ file: path, text, id: 'x' }, { imports });
    if (hasErrors(a.diagnostics)) continue;
    builds++;
    const res = migrateText({ file: path, text, id: "x" }, { to: '1.0.0-beta4', imports });
    for (const d of res.diagnostics) { codes[d.code] = (codes[d.code] ?? 0) + 1; (dexamples[d.code] ??= []).length < 6 && dexamples[d.code]!.push(`${d.file.replace(CORPUS_DIR, '')}:${d.line} ${d.message}`); }
    if (res.kind !== 'migrated') { rejected++; console.log('REJ', path, res.diagnostics.map((d) => d.code + ' ' + d.message).join('; ')); continue; }
    migrated++;
    const out = join('.scratch/out', r[5]!); mkdirSync(dirname(out), { recursive: true }); writeFileSync(out, res.text);
    let data;
    try { data = parse(res.text); } catch (e) { parseErr++; console.log('PARSE', path, (e as Error).message.slice(0, 200)); continue; }
    if (validate(data)) { valid++; continue; }
    const seen = new Set<string>();
    const errs = validate.errors!.filter((e) => !['oneOf', 'anyOf', 'not', 'if'].includes(e.keyword));
    const deepest = errs.filter((e) => !errs.some((o) => o.instancePath.startsWith(e.instancePath + '/')));
    for (const e of deepest) {
      const k = `${e.schemaPath.replace(/^#\/\$defs\//, '')} ${JSON.stringify(e.params).slice(0, 60)}`;
      if (seen.has(k)) continue; seen.add(k);
      kinds[k] = (kinds[k] ?? 0) + 1; (examples[k] ??= []).length < 2 && examples[k]!.push(`${out} ${e.instancePath}`);
    }
  }
  console.log({ builds, migrated, rejected, valid, parseErr }, codes);
  for (const [k, n] of Object.entries(kinds).sort((a, b) => b[1] - a[1]).slice(0, 70)) console.log(n, k, '\n     e.g.', examples[k]!.join('\n     '));
  for (const [c, ex] of Object.entries(dexamples)) console.log(c, '\n  ' + ex.join('\n  '));
}, 900000);
