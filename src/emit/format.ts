/** Stage 5: prettier with pinned options; a user's .prettierrc never changes the output. */
import { createRequire } from 'node:module';
import type { Options, Plugin } from 'prettier';
import type { GeneratedFile } from './types.js';

const OPTIONS: Options = {
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

type Format = (text: string, parser: string) => Promise<string>;
let loaded: Format | undefined;

/**
 * Prettier, loaded on first use: files emitted in final layout do not need it, and loading its
 * standalone build and the two plugins TypeScript needs was a large part of a short run's start.
 * (Prettier's main entry would resolve config files and load every language plugin.) Required,
 * not imported: the CLI bundle leaves prettier out (scripts/bundle.mjs) and runs in a vm.Script,
 * where a dynamic import() has no loader, as ajv and ts-morph are.
 */
function prettierFormat(): Format {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const prettier = require('prettier/standalone') as typeof import('prettier/standalone');
    const plugins = [require('prettier/plugins/babel'), require('prettier/plugins/estree')] as Plugin[];
    loaded = (text, parser) => prettier.format(text, { ...OPTIONS, parser, plugins });
  }
  return loaded;
}

/** The prettier parser for this file, or undefined when the format stage leaves it alone: runtime copies, files already in final layout. */
function prettierParser(file: GeneratedFile): string | undefined {
  if (file.formatted || file.path.startsWith('src/runtime/') || file.path.startsWith('test/runtime/')) return undefined;
  return PARSERS[file.path.slice(file.path.lastIndexOf('.'))];
}

/** Whether the format stage runs prettier on this file. */
export function needsPrettier(file: GeneratedFile): boolean {
  return prettierParser(file) !== undefined;
}

export async function formatFiles(files: readonly GeneratedFile[]): Promise<GeneratedFile[]> {
  if (!files.some(needsPrettier)) return [...files];
  const format = prettierFormat();
  return Promise.all(
    files.map(async (file) => {
      const parser = prettierParser(file);
      if (parser === undefined) return file;
      const contents = await format(file.contents, parser);
      return file.once ? { path: file.path, contents, once: true } : { path: file.path, contents };
    }),
  );
}

/** Prettier's layout of a TypeScript text: the oracle the final-layout tests compare with. */
export async function prettierLayout(text: string): Promise<string> {
  return prettierFormat()(text, 'babel-ts');
}
