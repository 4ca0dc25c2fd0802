/**
 * The report as JUnit XML, the format CI systems (GitHub Actions reporters, GitLab, Jenkins,
 * Azure Pipelines) show as tests: one test case per spec, failed when the spec is rejected (or,
 * for check, out of date), skipped when it generates no project by design. Diagnostics go into the
 * failure text and, for passing specs, into system-out. No timestamps: the same run gives the same
 * bytes. Every string from a spec goes through xmlText / xmlAttribute.
 */
import { renderDiagnostic } from '../diagnostics/render.js';
import type { Report, ReportDiagnostic, ReportEntry } from './report.js';

export function renderJunitReport(report: Report): string {
  const cases = report.specs.map((entry) => testCase(entry, report.command));
  const failures = report.specs.filter((s) => isFailure(s)).length;
  const skipped = report.specs.filter((s) => isSkipped(s)).length;
  const name = `naftiko-gen ${report.command}`;
  const counts = `tests="${report.specs.length}" failures="${failures}" errors="0" skipped="${skipped}"`;
  const properties = [
    ['naftiko-gen.version', report.tool.version],
    ['out', report.out],
    ['layout', report.layout],
    ['skip-invalid', String(report.skipInvalid)],
  ]
    .map(([key, value]) => `      <property name=${xmlAttribute(key!)} value=${xmlAttribute(value!)}/>`)
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name=${xmlAttribute(name)} ${counts}>`,
    `  <testsuite name=${xmlAttribute(name)} ${counts}>`,
    '    <properties>',
    properties,
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function isFailure(entry: ReportEntry): boolean {
  return entry.verdict === 'rejected' || entry.verdict === 'out-of-date';
}

function isSkipped(entry: ReportEntry): boolean {
  return entry.verdict === 'skipped-as-shared' || entry.verdict === 'not-written';
}

function testCase(entry: ReportEntry, command: Report['command']): string {
  const open = `    <testcase name=${xmlAttribute(entry.spec)} classname=${xmlAttribute(`naftiko-gen.${command}`)} file=${xmlAttribute(entry.spec)}>`;
  const body: string[] = [];
  if (entry.verdict === 'rejected') {
    const errors = entry.diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0];
    const message = `rejected: ${errors.length} error(s)${first ? `, first ${first.code} at ${first.line}:${first.col}: ${first.message}` : ''}`;
    body.push(`      <failure message=${xmlAttribute(message)} type=${xmlAttribute(first?.code ?? 'rejected')}>${xmlText(diagnosticLines(entry.diagnostics))}</failure>`);
  } else if (entry.verdict === 'out-of-date' && entry.drift) {
    const files = [...entry.drift.stale.map((f) => `stale: ${f}`), ...entry.drift.missing.map((f) => `missing: ${f}`), ...entry.drift.orphan.map((f) => `orphan: ${f}`)];
    body.push(`      <failure message=${xmlAttribute(`out of date: ${files.length} file(s) differ from what build writes`)} type="drift">${xmlText(files.join('\n'))}</failure>`);
  } else if (isSkipped(entry)) {
    const why = entry.verdict === 'skipped-as-shared' ? 'shared consumes file: imported by other specs, generates no project' : 'not written: other specs have errors (build without --skip-invalid writes nothing then)';
    body.push(`      <skipped message=${xmlAttribute(why)}/>`);
  }
  if (entry.diagnostics.length && entry.verdict !== 'rejected') body.push(`      <system-out>${xmlText(diagnosticLines(entry.diagnostics))}</system-out>`);
  return body.length ? [open, ...body, '    </testcase>'].join('\n') : `${open.slice(0, -1)}/>`;
}

function diagnosticLines(diagnostics: readonly ReportDiagnostic[]): string {
  return diagnostics.map((d) => renderDiagnostic(d, 'text')).join('\n');
}

/**
 * Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF)
 * become U+FFFD; the rest is escaped for element content.
 */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A quoted attribute value: also escapes quotes, and line breaks and tabs (which attribute parsing would normalise to spaces). */
export function xmlAttribute(text: string): string {
  const escaped = xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
  return `"${escaped}"`;
}

const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
