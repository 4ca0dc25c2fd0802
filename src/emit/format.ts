/** Stage 5: prettier with pinned options; a user's .prettierrc never changes the output. */
import * as prettier from 'prettier';
import type { GeneratedFile } from './types.js';

const OPTIONS: prettier.Options = {
  printWidth: 100,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: true,
  quoteProps: 'as-needed',
  trailingComma: 'all',
  bracketSpacing: true,
  arrowParens: 'always',
  endOfLine: 'lf',
  proseWrap: 'preserve',
};

const PARSERS: Record<string, string> = { '.ts': 'babel-ts' };

export async function formatFiles(files: readonly GeneratedFile[]): Promise<GeneratedFile[]> {
  return Promise.all(
    files.map(async (file) => {
      const parser = PARSERS[file.path.slice(file.path.lastIndexOf('.'))];
      if (!parser || file.path.startsWith('src/runtime/')) return file;
      return { path: file.path, contents: await prettier.format(file.contents, { ...OPTIONS, parser }) };
    }),
  );
}
