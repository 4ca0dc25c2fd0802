/**
 * A prompt argument renamed to fit its key (keys.ts) is still named by the old name in the
 * prompt's inline template: `{{city.name}}` follows it to `{{city_name}}`, as the generator reads
 * placeholders (src/model/mcp-catalog.ts). A file template (`location`) is copied as it is.
 */
import type { CST } from 'yaml';
import type { Changes } from './changes.js';
import { elementsOf, entry, scalarOf, setScalar } from './cst.js';

export function renameTemplateArguments(prompt: CST.BlockMap | CST.FlowCollection, renamed: ReadonlyMap<string, string>, changes: Changes): void {
  if (renamed.size === 0) return;
  for (const message of elementsOf(entry(prompt, 'template')?.item.value) ?? []) {
    const content = entry(message.value, 'content')?.item.value;
    const text = scalarOf(content);
    if (!content || text === undefined) continue;
    const next = text.replace(/\{\{(\s*)([A-Za-z0-9_.-]+)(\s*)\}\}/g, (whole, before: string, name: string, after: string) =>
      renamed.has(name) ? `{{${before}${renamed.get(name)!}${after}}}` : whole,
    );
    if (next === text) continue;
    changes.set(content, next);
    setScalar(content, next);
  }
}
