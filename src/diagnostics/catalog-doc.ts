/** Renders the diagnostic catalog as Markdown (docs/diagnostics.md is this text, kept in sync by a test). */
import { catalog } from './catalog.js';

export function renderCatalogDoc(): string {
  const rows = Object.entries(catalog).sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, entry]) => `| ${code} | ${entry.severity} | ${entry.title} |`);
  return [
    '# Diagnostics',
    '',
    'Every diagnostic naftiko-gen prints, by code. Codes never change meaning once published.',
    '`NG0xxx`: loading (files, YAML, versions); `NG1xxx`: shape (schema, catalogue dialect);',
    '`NG2xxx`: meaning (call targets, bindings, names, variables, unsupported constructs);',
    '`NG3xxx`: output; `NG6xxx`: the OpenAPI documents of `--openapi`.',
    'Warnings and notes never stop a build; errors stop it and nothing is written.',
    '',
    '| code | severity | meaning |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
