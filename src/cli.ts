/** Command-line wiring only: argv -> command -> exit code. */
import { Command, CommanderError, Option } from 'commander';
import { build } from './commands/build.js';
import { check } from './commands/check.js';
import { DEFAULT_OUT, EXIT, printDiagnostics, resolveOptions, type CliFlags, type Io } from './commands/common.js';
import { loadConfig } from './config/config.js';
import { init, SPEC_FORMATS, type InitOptions } from './commands/init.js';
import { migrate, type MigrateOptions } from './commands/migrate.js';
import { validate } from './commands/validate.js';
import { LATEST_RELEASE, TARGET_VERSIONS } from './migrate/shapes.js';
import { watch } from './commands/watch.js';
import { generatorInfo } from './templates.js';
import { UsageError } from './write/inputs.js';

export { EXIT } from './commands/common.js';

const processIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), isTTY: process.stderr.isTTY === true };

/** `--jobs`: a whole number from 1 to 64. */
function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--jobs must be a whole number from 1 to 64, got "${value}"`);
  return n;
}

export interface MainOptions {
  /** Stops long-running commands (`build --watch`); the CLI aborts it on SIGINT / SIGTERM. */
  readonly signal?: AbortSignal;
}

export async function main(argv: readonly string[], io: Io = processIo, mainOptions: MainOptions = {}): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('naftiko-gen')
    .description('Generate standalone TypeScript REST + MCP services from Naftiko capability specs.')
    .version(generatorInfo().version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .addHelpText(
      'after',
      '\nConfig file: naftiko-gen.config.json or naftiko-gen.config.yaml in the working directory (or --config <file>)\n' +
        'sets defaults for specs, out, strict, skipInvalid, layout, packageScope, dependencies, surfaces and openapi; flags override it.\n' +
        'Exit codes: 0 success, 1 spec errors (with --skip-invalid: some spec was rejected), 2 usage/config/internal error,\n' +
        '3 drift found by check (or migrate --check).',
    );
  const specArgument = (c: Command) =>
    c.argument('[spec...]', 'spec files or directories (every *.yaml / *.yml under them); default: "specs" from the config file');
  const common = (c: Command) =>
    c
      .addOption(new Option('--format <format>', 'diagnostics as text, JSON lines or GitHub Actions annotations').choices(['text', 'json', 'github']).default('text'))
      .option('--strict', 'official-schema behaviour: the official JSON Schema applies and catalogue-dialect warnings are errors (config: strict)')
      .option('--no-strict', 'turn off strict mode set in the config file')
      .option(
        '--skip-invalid',
        'leave out what has errors, at the smallest part (parameter, operation, route, tool, adapter, or the whole spec), report it and generate the rest (config: skipInvalid)',
      )
      .option('--no-skip-invalid', 'turn off skipInvalid set in the config file')
      .option('--config <file>', 'config file (default: naftiko-gen.config.json or .yaml in the working directory, if present)')
      .option(
        '--openapi <file-or-dir>',
        "the vendors' OpenAPI 3.x documents (YAML or JSON; repeatable): consumed operations are matched to them and typed from them (config: openapi)",
        (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
      );
  const output = (c: Command) =>
    c
      .option('-o, --out <dir>', 'output directory (default: "out" from the config file, else "generated")')
      .addOption(
        new Option('--layout <layout>', 'project directories: flat (<out>/<spec name>) or tree (<out>/<folders under the argument>/<spec name>) (config: layout)').choices([
          'flat',
          'tree',
        ]),
      )
      .option('--report <file>', 'write a report of every spec (verdict, project, files written, diagnostics) to <file>')
      .addOption(new Option('--report-format <format>', 'the --report file as JSON or JUnit XML (default json)').choices(['json', 'junit']));
  const resolved = (specs: string[], flags: CliFlags) => resolveOptions(specs, flags, io);

  const buildCommand = program
    .command('build')
    .description('generate one project per spec (nothing is written if any spec has errors, unless --skip-invalid)');
  common(output(specArgument(buildCommand)))
    .option('-q, --quiet', 'print diagnostics only (no progress or summary line)')
    .option('--profile', 'print the time spent in each stage')
    .option('--force', 'generate every spec again, even when its project is up to date')
    .option('--update-hooks', "add typed stubs for new hook points to each project's src/hooks.ts and remove the empty stubs of hook points gone (never a line you wrote)")
    .option('-j, --jobs <n>', 'worker threads that generate in parallel, at most one per 8 specs (default: one per core, up to 4; 1 = none)', parseJobs)
    .option('-w, --watch', 'rebuild the specs that change (and the specs importing a changed file) until interrupted (Ctrl-C)')
    .action(async (specs: string[], flags: CliFlags) => {
      if (flags.watch && flags.updateHooks) throw new UsageError('--update-hooks edits src/hooks.ts once: run it without --watch');
      const r = resolved(specs, flags);
      if ('exit' in r) return void (exitCode = r.exit);
      exitCode = flags.watch ? await watch(r.specs, r.options, io, mainOptions.signal) : await build(r.specs, r.options, io);
    });
  const validateCommand = program.command('validate').description('check specs and print diagnostics without generating');
  common(specArgument(validateCommand))
    .option('--summary', 'print counts per verdict and per diagnostic code instead of each diagnostic')
    .action(async (specs: string[], flags: CliFlags & { summary?: boolean }) => {
      const r = resolved(specs, flags);
      if ('exit' in r) return void (exitCode = r.exit);
      exitCode = await validate(r.specs, { ...r.options, summary: flags.summary }, io);
    });
  const checkCommand = program.command('check').description('exit 3 when the output directory differs from what build would write');
  common(output(specArgument(checkCommand))).action(async (specs: string[], flags: CliFlags) => {
    const r = resolved(specs, flags);
    if ('exit' in r) return void (exitCode = r.exit);
    exitCode = await check(r.specs, r.options, io);
  });
  program
    .command('migrate')
    .description('move naftiko 1.0.0-alpha1/alpha2 documents, and the files they import, to Ikanos (comments, key order and quoting kept)')
    .argument('<spec...>', 'documents or directories (every *.yaml / *.yml under them)')
    .requiredOption('-o, --out <dir>', 'where the Ikanos documents go, each at its path relative to its input directory (the input directory itself: in place)')
    .addOption(new Option('--to <version>', 'Ikanos version to write (the released ones)').choices([...TARGET_VERSIONS]).default(LATEST_RELEASE))
    .option('--check', 'write nothing; exit 3 when the output directory differs from what migrate would write')
    .addOption(new Option('--format <format>', 'diagnostics as text, JSON lines or GitHub Actions annotations').choices(['text', 'json', 'github']).default('text'))
    .option('-q, --quiet', 'print diagnostics only (no summary line)')
    .action((specs: string[], opts: MigrateOptions) => {
      exitCode = migrate(specs, opts, io);
    });
  program
    .command('init')
    .description('scaffold a capability spec (init <name> --base-uri URL) and/or a CI workflow (init --ci github); never overwrites')
    .argument('[name]', 'capability name, kebab-case (e.g. acme-orders): writes <dir>/<name>.yaml')
    .option('--base-uri <url>', 'root URL of the upstream API the capability consumes (required with <name>)')
    .option('--dir <dir>', 'spec directory (default: the first of "specs" in the config file, else "specs")')
    .option('-o, --out <dir>', 'output directory the CI workflow checks (default: "out" from the config file, else "generated")')
    .addOption(
      new Option('--format <format>', 'format of the scaffolded spec: Ikanos 1.0.0-beta4 (the latest release) or naftiko 1.0.0-alpha2')
        .choices([...SPEC_FORMATS])
        .default('ikanos-beta4'),
    )
    .addOption(new Option('--ci <provider>', 'write a CI workflow that checks (or regenerates) generated code: .github/workflows/naftiko-gen.yml').choices(['github']))
    .addOption(
      new Option('--mode <mode>', 'CI workflow behaviour when generated code is stale: fail listing the stale files, or regenerate and commit')
        .choices(['check', 'regenerate'])
        .default('check'),
    )
    .action((name: string | undefined, opts: Partial<InitOptions> & Pick<InitOptions, 'mode' | 'format'>) => {
      const { file, config, diagnostics } = loadConfig(undefined);
      if (diagnostics.length) {
        printDiagnostics(diagnostics, 'text', io);
        io.stderr(`naftiko-gen: the config file ${file} has errors\n`);
        return void (exitCode = EXIT.usage);
      }
      exitCode = init(name, { ...opts, dir: opts.dir ?? config.specs?.[0] ?? 'specs', out: opts.out ?? config.out ?? DEFAULT_OUT }, io);
    });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof UsageError) {
      io.stderr(`naftiko-gen: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`naftiko-gen: internal error, please report it: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.usage;
  }
}
