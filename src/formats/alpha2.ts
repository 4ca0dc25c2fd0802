/**
 * The naftiko reader: `naftiko: 1.0.0-alpha2` documents (and 1.0.0-alpha1, their subset) are the
 * Spec shape as written. The shape also holds what Ikanos added (spec.ts), which a naftiko
 * document does not have: such keys are unknown here, reported and dropped as zod does for others.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import { SUPPORTED_VERSIONS, type Spec, type SpecConsumesHttpT } from './spec.js';
import { validateShape } from './validate.js';

export function readAlpha2(data: Record<string, unknown>, reporter: Reporter): Spec | undefined {
  const version = String(data.naftiko);
  if (!(SUPPORTED_VERSIONS as readonly string[]).includes(version)) {
    reporter.at('NG0004', ['naftiko'], { found: `naftiko ${version}` });
    return undefined;
  }
  const spec = validateShape(data, reporter);
  return spec && withoutIkanosKeys(spec, reporter);
}

const OUTPUT_FORMATS = ['json', 'xml', 'avro', 'protobuf', 'csv', 'tsv', 'psv', 'yaml', 'html', 'markdown'];

/** `undefined` when a value only Ikanos allows was used (an error, as zod gives for other values). */
function withoutIkanosKeys(spec: Spec, reporter: Reporter): Spec | undefined {
  let valid = true;
  drop(spec, [], ['ikanos', 'exposes', 'aggregates'], reporter);
  drop(spec.info, ['info'], ['version'], reporter);
  const consumes = [
    ...(spec.consumes ?? []).map((c, i) => ({ c, at: ['consumes', i] })),
    ...(spec.capability?.consumes ?? []).map((c, i) => ({ c, at: ['capability', 'consumes', i] })),
  ];
  for (const { c, at } of consumes) {
    if (!('resources' in c)) continue;
    drop(c, at, ['tunnel'], reporter);
    valid = consumedOperations(c, at, reporter) && valid;
  }
  spec.capability?.exposes?.forEach((e, ei) => {
    const at = ['capability', 'exposes', ei];
    if (e.type === 'rest') {
      drop(e, at, ['maxBinarySize'], reporter);
      e.resources?.forEach((r, ri) => {
        drop(r, [...at, 'resources', ri], ['tags'], reporter);
        r.operations?.forEach((o, oi) => drop(o, [...at, 'resources', ri, 'operations', oi], ['tags', 'responses', 'responseBinary'], reporter));
      });
    }
    if (e.type === 'mcp') {
      drop(e, at, ['maxBinarySize', 'ttlMs', 'cacheScope'], reporter);
      e.tools?.forEach((t, ti) => drop(t, [...at, 'tools', ti], ['tags'], reporter));
      e.resources?.forEach((r, ri) => drop(r, [...at, 'resources', ri], ['binary'], reporter));
    }
  });
  spec.capability?.aggregates?.forEach((a, ai) =>
    a.functions.forEach((f, fi) => drop(f, ['capability', 'aggregates', ai, 'functions', fi], ['tags', 'outputMediaType'], reporter)),
  );
  return valid ? spec : undefined;
}

function consumedOperations(c: SpecConsumesHttpT, at: SpecPath, reporter: Reporter): boolean {
  let valid = true;
  c.resources.forEach((r, ri) => {
    drop(r, [...at, 'resources', ri], ['tags'], reporter);
    r.operations.forEach((o, oi) => {
      const opAt = [...at, 'resources', ri, 'operations', oi];
      drop(o, opAt, ['tags', 'outputMediaType', 'maxBinarySize'], reporter);
      if (o.outputRawFormat === 'binary') {
        reporter.at('NG1003', [...opAt, 'outputRawFormat'], { value: 'binary', allowed: OUTPUT_FORMATS });
        valid = false;
      }
    });
  });
  return valid;
}

function drop(object: object | undefined, at: SpecPath, keys: readonly string[], reporter: Reporter): void {
  const record = object as Record<string, unknown> | undefined;
  for (const key of keys) {
    if (record?.[key] === undefined) continue;
    reporter.atKey('NG1101', [...at, key], { key });
    delete record[key];
  }
}
