import { it } from 'vitest';
import { runCorpus } from './helpers/corpus.js';
it('scratch', async () => {
  const results = await runCorpus({ emit: false }, (e) => e.version.startsWith('ikanos'));
  for (const r of results) console.log(r.verdict.padEnd(10), r.result.file, [...new Set(r.diagnostics.filter(d=>d.severity==='error').map(d=>d.code))].join(','));
}, 600000);
