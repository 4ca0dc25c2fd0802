/**
 * Golden trees: compare generated files with a committed expected/ directory, listing missing and
 * stale files too. UPDATE_GOLDEN=1 rewrites the directory wholesale.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

export const UPDATE = process.env.UPDATE_GOLDEN === '1';

export interface FileLike {
  readonly path: string;
  readonly contents: string;
}

export function listTree(root: string, prefix = ''): string[] {
  let entries;
  try {
    entries = readdirSync(join(root, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : listTree(root, path);
    return [path];
  });
}

export function expectGoldenDir(files: readonly FileLike[], dir: string): void {
  if (UPDATE) {
    rmSync(dir, { recursive: true, force: true });
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.contents);
    }
    return;
  }
  expect(listTree(dir).sort(), `file list of ${dir}`).toEqual(files.map((f) => f.path).sort());
  for (const f of files) expect(f.contents, `${dir}/${f.path}`).toBe(readFileSync(join(dir, f.path), 'utf8'));
}

export function expectGoldenText(actual: string, path: string): void {
  if (UPDATE) {
    writeFileSync(path, actual);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
