/** Diagnostics as text for people, JSON lines for tools, and GitHub Actions annotations. */
import type { Diagnostic } from './diagnostic.js';

export type DiagnosticFormat = 'text' | 'json' | 'github';

export function renderDiagnostic(d: Diagnostic, format: DiagnosticFormat = 'text'): string {
  switch (format) {
    case 'text':
      return `${d.file}:${d.line}:${d.col}: ${d.severity} ${d.code}: ${d.message}` + (d.hint ? `\n  hint: ${d.hint}` : '');
    case 'json':
      return JSON.stringify(diagnosticRecord(d));
    case 'github':
      return `::${d.severity} file=${escapeProperty(d.file)},line=${d.line},col=${d.col},title=${d.code}::${escapeData(
        d.message + (d.hint ? ` (hint: ${d.hint})` : ''),
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

// GitHub workflow command escaping (actions/toolkit `escapeData` / `escapeProperty`).
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
