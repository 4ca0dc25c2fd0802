/** Stage 5: prettier with pinned options; a user's .prettierrc never changes the output. */
// The standalone build with the two plugins TypeScript needs: prettier's main entry would resolve
// config files and load every language plugin, none of which a generator run uses.
import * as babel from 'prettier/plugins/babel';
import * as estree from 'prettier/plugins/estree';
import type { Options } from 'prettier';
import * as prettier from 'prettier/standalone';
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
  plugins: [babel, estree],
};

const PARSERS: Record<string, string> = { '.ts': 'babel-ts' };

export async function formatFiles(files: readonly GeneratedFile[]): Promise<GeneratedFile[]> {
  return Promise.all(
    files.map(async (file) => {
      const parser = PARSERS[file.path.slice(file.path.lastIndexOf('.'))];
      // Runtime helpers (the service's and the tests') are copied as they are.
      if (!parser || file.formatted || file.path.startsWith('src/runtime/') || file.path.startsWith('test/runtime/')) return file;
      const contents = await prettier.format(file.contents, { ...OPTIONS, parser });
      return file.once ? { path: file.path, contents, once: true } : { path: file.path, contents };
    }),
  );
}
