/** JUnit XML escaping: any spec text gives well-formed XML that reads back as the same text. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '../../src/diagnostics/render.js';
import { renderJunitReport, xmlAttribute, xmlText } from '../../src/report/junit.js';
import { makeReport } from '../../src/report/report.js';

describe('JUnit escaping', () => {
  it('escapes markup and drops what XML cannot hold', () => {
    expect(xmlText('a<b>&]]>')).toBe('a&lt;b&gt;&amp;]]&gt;');
    expect(xmlText('\u0000\u0008\uD800x\uFFFE\u{1F600}\t\n')).toBe('\uFFFD\uFFFD\uFFFDx\uFFFD\u{1F600}\t\n');
    expect(xmlAttribute('say "hi"\n\tit\'s')).toBe('"say &quot;hi&quot;&#10;&#9;it&apos;s"');
  });

  it('renders a report whose messages read back unchanged', () => {
    const message = 'line one\nline "two" <&> \t end';
    const diagnostic = { file: 'a.yaml', line: 1, col: 1, severity: 'error' as const, code: 'NG0004', message, path: [] };
    const report = makeReport(
      { tool: { name: 'naftiko-gen', version: '1' }, command: 'build', out: 'gen', layout: 'flat', skipInvalid: true },
      [{ spec: 'a "b" <c>.yaml', verdict: 'rejected', diagnostics: [diagnostic] }],
    );
    const xml = renderJunitReport(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, htmlEntities: true }).parse(xml) as {
      testsuites: { testsuite: { testcase: { name: string; failure: { message: string; '#text': string } } } };
    };
    const testcase = parsed.testsuites.testsuite.testcase;
    expect(testcase.name).toBe('a "b" <c>.yaml');
    expect(testcase.failure.message).toContain(message);
    // The body is the text renderer's line, which shows control characters as escapes.
    expect(testcase.failure['#text']).toContain(renderDiagnostic(diagnostic));
    expect(renderDiagnostic(diagnostic)).toBe('a.yaml:1:1: error NG0004: line one\\u{a}line "two" <&> \\u{9} end');
  });
});
