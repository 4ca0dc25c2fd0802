/** src/skill/catalog.gen.ts: the skill catalogue as plain data (read-only, executes nothing). */
import type { SkillInvocation, SkillSurface } from '../../model/types.js';
import { json, ts, tsFile } from '../code.js';
import type { GeneratedFile } from '../types.js';

export function emitSkillCatalog(skill: SkillSurface, sourceFile: string): GeneratedFile {
  const catalog = {
    namespace: skill.namespace,
    ...(skill.description ? { description: skill.description } : {}),
    skills: skill.skills.map((s) => ({
      name: s.name,
      description: s.description,
      frontmatter: Object.fromEntries(s.frontmatter),
      tools: s.tools.map((t) => ({ name: t.name, description: t.description, invocation: invocationData(t.invocation) })),
      ...(s.document !== undefined ? { document: s.document } : {}),
    })),
  };
  return tsFile('src/skill/catalog.gen.ts', sourceFile, [{ moduleSpecifier: '../runtime/skill.js', namedImports: ['type SkillCatalog'] }], (w) => {
    w.writeLine(ts`/** The skills of the skill adapter, in spec order; SKILL.md and instruction texts were read at generation time. */`);
    w.writeLine(ts`export const catalog: SkillCatalog = ${json(catalog)};`);
  });
}

function invocationData(invocation: SkillInvocation): Record<string, unknown> {
  const { kind, ...rest } = invocation;
  return { type: kind, ...rest };
}
