/** Diagnostics as text for people, JSON lines for tools, and GitHub Actions annotations. */
import type { Diagnostic } from './diagnostic.js';

export type DiagnosticFormat = 'text' | 'json' | 'github';

export function renderDiagnostic(d: Diagnostic, format: DiagnosticFormat = 'text'): string {
  switch (format) {
    case 'text':
      return `${visible(d.file)}:${d.line}:${d.col}: ${d.severity} ${d.code}: ${visible(d.message)}` + (d.hint ? `\n  hint: ${visible(d.hint)}` : '');
    case 'json':
      return JSON.stringify(diagnosticRecord(d));
    case 'github':
      return `::${d.severity === 'note' ? 'notice' : d.severity} file=${escapeProperty(visible(d.file))},line=${d.line},col=${d.col},title=${d.code}::${escapeData(
        visible(d.message + (d.hint ? ` (hint: ${d.hint})` : '')),
      )}`;
  }
}

/** A diagnostic as plain data with a fixed key order: JSON lines and the --report file. */
export function diagnosticRecord(d: Diagnostic): Diagnostic {
  return {
    file: d.file,
    line: d.line,
    col: d.col,
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.hint ? { hint: d.hint } : {}),
    path: d.path,
  };
}

/**
 * Messages quote spec text: a line break in it would forge a diagnostic line, a terminal escape
 * would rewrite the screen, a bidi control would reorder what is shown. Those characters are shown
 * as `\u{...}` escapes instead.
 */
function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

// GitHub workflow command escaping (actions/toolkit `escapeData` / `escapeProperty`).
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
