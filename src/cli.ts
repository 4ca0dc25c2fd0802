/** Command-line wiring only: argv -> command -> exit code. */
import { Command, CommanderError, Option } from 'commander';
import { build } from './commands/build.js';
import { check } from './commands/check.js';
import { EXIT, type Io } from './commands/common.js';
import { validate } from './commands/validate.js';
import { generatorInfo } from './templates.js';
import { UsageError } from './write/inputs.js';

export { EXIT } from './commands/common.js';

const processIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('naftiko-gen')
    .description('Generate standalone TypeScript REST + MCP services from Naftiko capability specs.')
    .version(generatorInfo().version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const specArgument = (c: Command) => c.argument('<spec...>', 'spec files or directories (every *.yaml / *.yml under them)');
  const common = (c: Command) =>
    c
      .addOption(new Option('--format <format>', 'diagnostics as text, JSON lines or GitHub Actions annotations').choices(['text', 'json', 'github']).default('text'))
      .option('--strict', 'official-schema behaviour: the official JSON Schema applies and catalogue-dialect warnings are errors')
      .option('--skip-invalid', 'skip routes and tools with errors (reported as warnings) and generate the rest');
  const output = (c: Command) => c.option('-o, --out <dir>', 'output directory', 'generated');

  const buildCommand = program.command('build').description('generate one project per spec (nothing is written if any spec has errors)');
  common(output(specArgument(buildCommand)))
    .option('-q, --quiet', 'print diagnostics only')
    .option('--profile', 'print the time spent in each stage')
    .action(async (specs: string[], opts) => {
      exitCode = await build(specs, opts, io);
    });
  const validateCommand = program.command('validate').description('check specs and print diagnostics without generating');
  common(specArgument(validateCommand))
    .option('--summary', 'print counts per verdict and per diagnostic code instead of each diagnostic')
    .action(async (specs: string[], opts) => {
      exitCode = await validate(specs, opts, io);
    });
  const checkCommand = program.command('check').description('exit 3 when the output directory differs from what build would write');
  common(output(specArgument(checkCommand))).action(async (specs: string[], opts) => {
    exitCode = await check(specs, opts, io);
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
