/**
 * The catalogue dialect (format.md Part A rule 8): deviations from the official schema that
 * naftiko-gen accepts, each reported once per file with its own warning code.
 */
import type { Reporter } from '../diagnostics/report.js';
import { envPrefix } from '../model/naming.js';
import type { Spec } from './spec.js';

const KEBAB = /^[a-zA-Z0-9-]+$/;

/** The official baseUri pattern, tightened: no spaces, query or fragment either (NG2112). */
export const USABLE_BASE_URI = /^https?:\/\/[^/{}\s?#]+(\/[^{}\s?#]*)?$/;

export function reportDialect(spec: Spec, reporter: Reporter): void {
  alpha1Dialect(spec, reporter);
  const consumes = [
    ...(spec.consumes ?? []).map((c, i) => ({ c, path: ['consumes', i] as (string | number)[] })),
    ...(spec.capability?.consumes ?? []).map((c, i) => ({ c, path: ['capability', 'consumes', i] as (string | number)[] })),
  ];
  for (const { c, path } of consumes) {
    if (!('resources' in c)) continue;
    if (!USABLE_BASE_URI.test(c.baseUri)) reporter.at('NG2112', [...path, 'baseUri'], { uri: c.baseUri, env: `${envPrefix(c.namespace)}_BASE_URL` });
    if (!KEBAB.test(c.namespace)) reporter.onceAtKey('NG1105', [...path, 'namespace'], { name: c.namespace });
    c.inputParameters?.forEach((p, k) => paramDialect(p, [...path, 'inputParameters', k], reporter));
    c.resources.forEach((r, ri) => {
      const rPath = [...path, 'resources', ri];
      if (!KEBAB.test(r.name)) reporter.onceAtKey('NG1105', [...rPath, 'name'], { name: r.name });
      r.inputParameters?.forEach((p, k) => paramDialect(p, [...rPath, 'inputParameters', k], reporter));
      r.operations.forEach((o, oi) => {
        const oPath = [...rPath, 'operations', oi];
        if (o.name !== undefined && !KEBAB.test(o.name)) reporter.onceAtKey('NG1105', [...oPath, 'name'], { name: o.name });
        if (o.path !== undefined) reporter.onceAtKey('NG1108', [...oPath, 'path'], {});
        if (o.name === undefined && o.id !== undefined) reporter.onceAtKey('NG1110', [...oPath, 'id'], { found: 'id', official: 'name' });
        o.inputParameters?.forEach((p, k) => paramDialect(p, [...oPath, 'inputParameters', k], reporter));
      });
    });
  }
  spec.capability?.exposes?.forEach((e, ei) => {
    const ePath = ['capability', 'exposes', ei];
    const namespace = (e as { namespace?: unknown }).namespace;
    if (typeof namespace === 'string' && !KEBAB.test(namespace)) reporter.onceAtKey('NG1105', [...ePath, 'namespace'], { name: namespace });
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
      e.tools?.forEach((t, ti) => {
        if (t.name !== undefined && !KEBAB.test(t.name)) reporter.onceAtKey('NG1105', [...ePath, 'tools', ti, 'name'], { name: t.name });
        outputDialect(t.outputParameters, [...ePath, 'tools', ti, 'outputParameters'], reporter);
      });
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
    if (o.type === 'object' && o.properties === undefined) reporter.onceAtKey('NG1104', [...path, i, 'type'], { kind: 'object' });
    if (o.type === 'array' && o.items === undefined) reporter.onceAtKey('NG1104', [...path, i, 'type'], { kind: 'array' });
  });
}

/** Keys that arrived with 1.0.0-alpha2, used in a document that says alpha1. */
function alpha1Dialect(spec: Spec, reporter: Reporter): void {
  if (spec.naftiko !== '1.0.0-alpha1') return;
  if (spec.capability?.aggregates !== undefined) reporter.onceAtKey('NG1111', ['capability', 'aggregates'], { key: 'aggregates' });
  spec.capability?.exposes?.forEach((e, ei) => {
    const at = ['capability', 'exposes', ei];
    if (e.type === 'control') reporter.onceAtKey('NG1111', [...at, 'type'], { key: 'control' });
    if (e.type === 'mcp') {
      if (e.authentication !== undefined) reporter.onceAtKey('NG1111', [...at, 'authentication'], { key: 'authentication' });
      e.tools?.forEach((t, ti) => {
        for (const key of ['hints', 'ref'] as const) if (t[key] !== undefined) reporter.onceAtKey('NG1111', [...at, 'tools', ti, key], { key });
      });
    }
    if (e.type === 'rest') {
      e.resources?.forEach((r, ri) =>
        r.operations?.forEach((o, oi) => {
          if (o.ref !== undefined) reporter.onceAtKey('NG1111', [...at, 'resources', ri, 'operations', oi, 'ref'], { key: 'ref' });
        }),
      );
    }
  });
}
