/** docs/diagnostics.md lists exactly the catalog (UPDATE_GOLDEN=1 rewrites it). */
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { renderCatalogDoc } from '../../src/diagnostics/catalog-doc.js';
import { expectGoldenText } from '../helpers/golden.js';

describe('docs/diagnostics.md', () => {
  it('matches the catalog', () => {
    expectGoldenText(renderCatalogDoc(), fileURLToPath(new URL('../../docs/diagnostics.md', import.meta.url)));
  });
});
