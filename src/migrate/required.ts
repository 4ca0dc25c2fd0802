/**
 * Keys the official Ikanos schema requires where naftiko (and naftiko-gen) let them out: each is
 * written with the value naftiko-gen already used in its place, so the generated project is the
 * same and the document is valid.
 */
import type { CapabilityModel } from '../model/types.js';
import { entry, insertEntry, isMapping, scalarOf, scalarToken, type Token } from './cst.js';
import type { KindName } from './shapes.js';

export interface FillContext {
  /** The project name (the file name): what naftiko-gen titles a capability without a label. */
  readonly id: string;
  /** The original's resolved model, when it resolves: descriptions it derived. */
  readonly model?: CapabilityModel | undefined;
}

type Filler = (token: Token, ctx: FillContext) => string | undefined;

const EMPTY: Filler = () => '';
const STRING: Filler = () => 'string';
const OWN_NAME: Filler = (token) => scalarOf(entry(token, 'name')?.item.value);

/** Per kind, the missing keys written in, in this order, after the mapping's own. */
const FILLERS: Partial<Record<KindName, readonly (readonly [key: string, alpha2Key: string, fill: Filler])[]>> = {
  Info: [
    ['display', 'label', (_, ctx) => ctx.id],
    ['description', 'description', EMPTY],
  ],
  ConsumedHttpOperation: [['method', 'method', () => 'GET']],
  ExposedInputParameter: [
    ['type', 'type', STRING],
    ['description', 'description', EMPTY],
  ],
  McpToolInputParameter: [
    ['type', 'type', STRING],
    ['description', 'description', EMPTY],
  ],
  McpPromptArgument: [['description', 'description', EMPTY]],
  McpTool: [['description', 'description', toolDescription]],
  ExposedSkill: [['description', 'description', OWN_NAME]],
  SkillTool: [['description', 'description', OWN_NAME]],
};

/** Writes the required keys this mapping lacks (named as in alpha2: the walk renames them after). */
export function fillRequired(kind: KindName, token: Token | undefined, ctx: FillContext): void {
  if (!isMapping(token)) return;
  for (const [, alpha2Key, fill] of FILLERS[kind] ?? []) {
    if (entry(token, alpha2Key)) continue;
    const value = fill(token, ctx);
    if (value !== undefined) insertEntry(token, alpha2Key, scalarToken(value));
  }
}

/** A tool without description is described to clients by its label, its call's description or its name. */
function toolDescription(token: Token, ctx: FillContext): string | undefined {
  const name = scalarOf(entry(token, 'name')?.item.value);
  return ctx.model?.mcp?.tools.find((t) => t.name === name)?.description;
}
