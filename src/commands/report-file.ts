/** Edge IO: writes a `--report` file whole (a temporary file beside it, then a rename). */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderJunitReport } from '../report/junit.js';
import { renderJsonReport, type Report, type ReportFormat } from '../report/report.js';

export interface ReportTarget {
  readonly file: string;
  readonly format: ReportFormat;
}

export function writeReport(target: ReportTarget, report: Report): void {
  const path = resolve(target.file);
  const text = target.format === 'junit' ? renderJunitReport(report) : renderJsonReport(report);
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.naftiko-gen-${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
}
