/**
 * The catalogue dialect (format.md Part A rule 8): deviations from the official schema that
 * naftiko-gen accepts, each reported once per file with its own warning code.
 */
import type { Reporter } from '../diagnostics/report.js';
import type { Spec } from './schema.js';

const KEBAB = /^[a-zA-Z0-9-]+$/;

export function reportDialect(spec: Spec, reporter: Reporter): void {
  const consumes = [
    ...(spec.consumes ?? []).map((c, i) => ({ c, path: ['consumes', i] as (string | number)[] })),
    ...(spec.capability?.consumes ?? []).map((c, i) => ({ c, path: ['capability', 'consumes', i] as (string | number)[] })),
  ];
  for (const { c, path } of consumes) {
    if (!('resources' in c)) continue;
    c.inputParameters?.forEach((p, k) => paramDialect(p, [...path, 'inputParameters', k], reporter));
    c.resources.forEach((r, ri) => {
      const rPath = [...path, 'resources', ri];
      if (!KEBAB.test(r.name)) reporter.onceAtKey('NG1105', [...rPath, 'name'], { name: r.name });
      r.inputParameters?.forEach((p, k) => paramDialect(p, [...rPath, 'inputParameters', k], reporter));
      r.operations.forEach((o, oi) => {
        const oPath = [...rPath, 'operations', oi];
        if (o.path !== undefined) reporter.onceAtKey('NG1108', [...oPath, 'path'], {});
        if (o.name === undefined && o.id !== undefined) reporter.onceAtKey('NG1110', [...oPath, 'id'], { found: 'id', official: 'name' });
        o.inputParameters?.forEach((p, k) => paramDialect(p, [...oPath, 'inputParameters', k], reporter));
      });
    });
  }
  spec.capability?.exposes?.forEach((e, ei) => {
    const ePath = ['capability', 'exposes', ei];
    if (e.type === 'rest' && 'description' in e && e.description !== undefined) {
      reporter.onceAtKey('NG1103', [...ePath, 'description'], {});
    }
    if (e.type === 'rest') {
      e.resources?.forEach((r, ri) =>
        r.operations?.forEach((o, oi) =>
          outputDialect(o.outputParameters, [...ePath, 'resources', ri, 'operations', oi, 'outputParameters'], reporter),
        ),
      );
    }
    if (e.type === 'mcp') {
      e.tools?.forEach((t, ti) => outputDialect(t.outputParameters, [...ePath, 'tools', ti, 'outputParameters'], reporter));
    }
  });
}

function paramDialect(p: Record<string, unknown>, path: (string | number)[], reporter: Reporter): void {
  if (p.name === '') reporter.onceAtKey('NG1109', [...path, 'name'], {});
  for (const key of ['type', 'description', 'required'] as const) {
    if (p[key] !== undefined) reporter.onceAtKey('NG1102', [...path, key], { key });
  }
}

function outputDialect(outputs: readonly Record<string, unknown>[] | undefined, path: (string | number)[], reporter: Reporter) {
  outputs?.forEach((o, i) => {
    if (o.type === 'object' && o.properties === undefined) reporter.onceAtKey('NG1104', [...path, i, 'type'], {});
  });
}
