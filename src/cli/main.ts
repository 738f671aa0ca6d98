import { once } from 'node:events';
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { toAnalysis } from '../core/analysis.js';
import { contentHash } from '../core/hash.js';
import { jsonPieces } from '../core/json-pieces.js';
import { PUBLISHED_EXPECTED, publishedProblem, readOne } from '../stages/01-ingest/index.js';
import { confidenceModel } from '../stages/05-events/confidence.js';
import type { IngestOptions } from './ingest-command.js';
import { formatReport } from './report.js';

/** Exit code for a command line that cannot be run as given (a bad option value), and for rejected input. */
const EXIT_USAGE = 2;

/** `--date`: the same rule as every publication date at the door; an impossible one is refused. */
function parseDate(value: string): string {
  const problem = publishedProblem(value);
  if (problem !== undefined) {
    throw new InvalidArgumentError(
      `"${value}" is not a usable date (${problem}); expected ${PUBLISHED_EXPECTED}`,
    );
  }
  return value;
}

/** `--min-confidence`: a probability, or `default` for the event confidence model's threshold. */
function parseMinConfidence(value: string): number {
  if (value === 'default') {
    const model = confidenceModel();
    if (!model)
      throw new InvalidArgumentError('no event confidence model is loaded (models/event-confidence-2.json)');
    return model.threshold;
  }
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError(`expected a probability 0–1 or "default", got "${value}"`);
  return n;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`expected a port 0–65535, got "${value}"`);
  return n;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  return n;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || value.trim() === '')
    throw new InvalidArgumentError(`expected a whole number (0 or more), got "${value}"`);
  return n;
}

/** Where the commands write. */
export interface CliIo {
  /** Writes to standard output; `false` (as a stream's `write` returns) asks to wait for `drain`. */
  out: (s: string) => unknown;
  err: (s: string) => unknown;
  /** Resolves when standard output can take more, after `out` returned `false`. */
  drain?: () => Promise<unknown>;
}

/** Output is handed to the stream in chunks of about this many code units. */
const CHUNK = 1 << 16;

/**
 * Writes `pieces` in chunks of about 64 KB, waiting whenever the stream asks to: the output is
 * never one string, and never all queued in memory.
 */
async function writeChunked(io: CliIo, pieces: Iterable<string>): Promise<void> {
  let chunk = '';
  for (const piece of pieces) {
    chunk += piece;
    if (chunk.length < CHUNK) continue;
    if (io.out(chunk) === false && io.drain) await io.drain();
    chunk = '';
  }
  if (chunk !== '' && io.out(chunk) === false && io.drain) await io.drain();
}

function* jsonLines(value: unknown): Generator<string> {
  yield* jsonPieces(value);
  yield '\n';
}

export function buildProgram(io: CliIo): Command {
  const program = new Command('tidings')
    .description('Turn raw news into structured, sourced event data.')
    .showHelpAfterError()
    // Set before the subcommands are added so they inherit it: errors throw instead of exiting.
    .exitOverride()
    .configureOutput({ writeOut: (s) => void io.out(s), writeErr: (s) => void io.err(s) });

  program
    .command('analyze')
    .description('analyse one article (a file, or - for standard input) and print its analysis')
    .argument('<file>', 'a text file, or - for standard input')
    .option('--date <YYYY-MM-DD>', 'publication date: the anchor for "Thursday", "last week"…', parseDate)
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'text']).default('text'))
    .option(
      '--min-confidence <p>',
      "keep only events at least this likely right (0–1, or 'default': the model's threshold)",
      parseMinConfidence,
    )
    .action(
      async (file: string, opts: { date?: string; format: 'json' | 'text'; minConfidence?: number }) => {
        // The same reader as ingest: a folder, a FIFO or a device is refused by name, never opened.
        const { doc: ingested } = await readOne(file, opts.date ? { published: opts.date } : {});
        const refused = ingested.diagnostics.find(
          (d) => d.ruleId === 'ingest:unreadable' || d.ruleId === 'ingest:not-a-file',
        );
        if (refused) {
          const hint = refused.actual === 'a directory' ? '; to read a folder, use `tidings ingest`' : '';
          throw new Error(`${refused.reason}${hint}`);
        }
        const { analyzeDoc } = await import('../pipeline.js');
        const doc = ingested.rejected ? ingested : analyzeDoc(ingested);
        const analysis = toAnalysis(doc, contentHash(doc.text));
        const min = opts.minConfidence;
        if (min !== undefined) analysis.events = analysis.events.filter((e) => (e.confidence ?? 0) >= min);
        // JSON is written as it is made: a long document's analysis need never be one string.
        if (opts.format === 'json') await writeChunked(io, jsonLines(analysis));
        else io.out(`${formatReport(analysis)}\n`);
        if (analysis.rejected) process.exitCode = EXIT_USAGE;
      },
    );

  program
    .command('explain')
    .description(
      'print for each event of an article the rule or model that coded it, its clause, evidence spans and status reasoning',
    )
    .argument('[file]', 'a text file, or - for standard input')
    .option('--date <YYYY-MM-DD>', 'publication date: the anchor for "Thursday", "last week"…', parseDate)
    .option('--event <id>', 'a stored event: <document id>:<index in its events> (with --db)')
    .option('--db <url>', 'the store holding --event', 'sqlite:tidings.db')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'text']).default('text'))
    .action(
      async (
        file: string | undefined,
        opts: { date?: string; event?: string; db: string; format: 'json' | 'text' },
      ) => {
        const { explainDoc, explainAnalysis, formatExplanation } = await import(
          '../services/explain-events.js'
        );
        if (opts.event !== undefined) {
          const m = opts.event.match(/^([0-9a-f]{64}):(\d+)$/);
          if (!m)
            throw new InvalidArgumentError(`--event: expected <document id>:<index>, got "${opts.event}"`);
          const { openStore } = await import('../store/index.js');
          const store = await openStore(opts.db);
          try {
            const analysis = await store.getDocument(m[1] as string);
            if (!analysis) throw new Error(`no document with id "${m[1]}" in ${opts.db}`);
            const x = explainAnalysis(analysis);
            const index = Number(m[2]);
            const one = { ...x, events: x.events.filter((e) => e.index === index) };
            if (one.events.length === 0) throw new Error(`document ${m[1]} has no event ${index}`);
            if (opts.format === 'json') io.out(`${JSON.stringify(one)}\n`);
            else {
              if (x.changed) io.out('note: this build codes the text differently from the stored events\n');
              io.out(`${formatExplanation({ ...one, statements: [], considered: [] })}\n`);
            }
          } finally {
            await store.close();
          }
          return;
        }
        if (file === undefined)
          throw new InvalidArgumentError('give a file (or -), or --event <id> with --db');
        const { doc: ingested } = await readOne(file, opts.date ? { published: opts.date } : {});
        const refused = ingested.diagnostics.find(
          (d) => d.ruleId === 'ingest:unreadable' || d.ruleId === 'ingest:not-a-file',
        );
        if (refused) throw new Error(refused.reason);
        if (ingested.rejected) {
          io.err(`rejected: ${ingested.diagnostics.map((d) => d.reason).join('; ')}\n`);
          process.exitCode = EXIT_USAGE;
          return;
        }
        const { analyzeDoc } = await import('../pipeline.js');
        const x = explainDoc(analyzeDoc(ingested));
        if (opts.format === 'json') await writeChunked(io, jsonLines(x));
        else io.out(`${formatExplanation(x)}\n`);
      },
    );

  program
    .command('ingest')
    .description('ingest files, folders, JSONL or - (stdin) into a store')
    .argument(
      '<paths...>',
      'files, folders (recursive), .html pages, feeds (.rss .atom .xml .json), .jsonl files, web archives (.warc .warc.gz), or -',
    )
    .option('--db <file>', 'SQLite database file (or a store URL)', 'tidings.db')
    .option('--date <YYYY-MM-DD>', 'default publication date for documents that have none', parseDate)
    .addOption(
      new Option('--stdin-format <format>', 'what - (standard input) holds')
        .choices(['text', 'jsonl', 'html', 'feed', 'warc'])
        .default('text'),
    )
    .option('--quiet', 'no progress bar')
    .option('--enqueue', 'only read and queue the inputs; `tidings worker` analyses and stores them')
    .option(
      '--workers <n>',
      'threads that analyse while the main thread reads and writes (default: one per core; 0: none)',
      parseCount,
    )
    .action(async (paths: string[], opts: IngestOptions & { enqueue?: boolean }) => {
      if (opts.enqueue) {
        const { runEnqueue } = await import('./queue-commands.js');
        const summary = await runEnqueue(paths, opts, io);
        process.exitCode = summary.read === 0 ? 1 : 0;
        return;
      }
      const { runIngest, ingestExitCode } = await import('./ingest-command.js');
      const summary = await runIngest(paths, opts, io);
      process.exitCode = ingestExitCode(summary, paths);
    });

  program
    .command('worker')
    .description('process queued documents (see `ingest --enqueue`); run as many as you like on one store')
    .option('--db <url>', 'the store: postgres://user@host/db (or a SQLite file)', 'tidings.db')
    .option('--batch <n>', 'documents per claim', parsePositive, 50)
    .option(
      '--lease <seconds>',
      'how long a claim holds its documents; a dead worker’s return after it',
      parsePositive,
      120,
    )
    .option('--max-attempts <n>', 'claims a document may have before it is failed', parsePositive, 3)
    .option('--exit-when-empty', 'stop once nothing is pending (otherwise wait for more work)')
    .option('--quiet', 'no progress lines')
    .action(async (opts: import('./queue-commands.js').WorkerCommandOptions) => {
      const { runWorkerCommand } = await import('./queue-commands.js');
      await runWorkerCommand(opts, io);
    });

  program
    .command('status')
    .description('documents in a store, and what became of every queued input')
    .option('--db <url>', 'the store: postgres://user@host/db (or a SQLite file)', 'tidings.db')
    .option('--json', 'print one JSON object')
    .action(async (opts: { db: string; json?: boolean }) => {
      const { runStatus } = await import('./queue-commands.js');
      await runStatus(opts, io);
    });

  program
    .command('export')
    .description(
      'stream the whole store (a dump `tidings import` restores), or its events as GDELT or PLOVER',
    )
    .option('--db <url>', 'the store: a SQLite file or postgres://user@host/db', 'tidings.db')
    .addOption(
      new Option(
        '--format <format>',
        'dump: every document as stored (JSON lines); gdelt: GDELT 2.0 event records; plover: PLOVER JSON lines',
      )
        .choices(['dump', 'gdelt', 'plover'])
        .default('dump'),
    )
    .option('--out <file>', 'write to this file (default: standard output)')
    .option(
      '--status <list>',
      'events of these statuses, comma-separated, or all (gdelt, plover)',
      'asserted',
    )
    .option('--header', 'gdelt: a first line with the column names (GDELT files have none)')
    .action(async (opts: import('./export-commands.js').ExportCommandOptions) => {
      const { runExport } = await import('./export-commands.js');
      process.exitCode = await runExport(opts, io);
    });

  program
    .command('import')
    .description('restore a dump written by `tidings export` into a store')
    .argument('<file>', 'the dump (JSON lines), or - for standard input')
    .option('--db <url>', 'the store: a SQLite file or postgres://user@host/db', 'tidings.db')
    .action(async (file: string, opts: { db: string }) => {
      const { runImport } = await import('./export-commands.js');
      await runImport(file, opts, io);
    });

  program
    .command('migrate')
    .description('show the store’s schema version and the migrations this build applies, then apply them')
    .option('--db <url>', 'the store: a SQLite file or postgres://user@host/db', 'tidings.db')
    .option('--dry-run', 'only say what would be applied')
    .action(async (opts: { db: string; dryRun?: boolean }) => {
      const { runMigrate } = await import('./migrate-command.js');
      await runMigrate(opts, io);
    });

  program
    .command('recode')
    .description(
      'analyse stored documents again after an upgrade of rules, models or knowledge bases (from their stored text), and update events, happenings and relation counts',
    )
    .option('--db <url>', 'the store: a SQLite file or postgres://user@host/db', 'tidings.db')
    .option('--stale', 'only documents analysed by another pipeline version (the default)')
    .option('--all', 'every stored document')
    .option('--limit <n>', 'at most this many documents (run again to continue)', parseCount)
    .option('--workers <n>', 'analysis threads (default: one per core; 0: none)', parseCount)
    .option('--plan', 'only show the pipeline versions the store holds; change nothing')
    .option('--json', 'the report as JSON, with a diff per document')
    .action(
      async (opts: {
        db: string;
        stale?: boolean;
        all?: boolean;
        limit?: number;
        workers?: number;
        plan?: boolean;
        json?: boolean;
      }) => {
        const { runRecode } = await import('./recode-command.js');
        await runRecode(opts, io);
      },
    );

  program
    .command('watch')
    .description(
      "poll feeds and pages, and ingest what is new (each new item's page is fetched and extracted)",
    )
    .argument('<urls...>', 'feed or page URLs (http or https)')
    .option('--db <file>', 'SQLite database file (or a store URL)', 'tidings.db')
    .option('--state <file>', 'where what was already seen is kept (default: <db>.watch.json)')
    .option(
      '--interval <minutes>',
      "minutes between two polls of a source (a feed's <ttl> may ask for more)",
      parsePositive,
      15,
    )
    .option('--once', 'poll every source once and exit')
    .action(
      async (urls: string[], opts: { db: string; state?: string; interval: number; once?: boolean }) => {
        const { runWatch } = await import('./watch-command.js');
        process.exitCode = await runWatch(urls, opts, io);
      },
    );

  program
    .command('serve')
    .description('serve the web UI and the HTTP API over a store')
    .option('--db <file>', 'SQLite database file (or a store URL)', 'tidings.db')
    .option('--port <n>', 'port (0 picks a free one)', parsePort, 3000)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--token <token>', 'the write token (default: $TIDINGS_TOKEN, else a generated one, printed)')
    .option(
      '--allow-host <name>',
      'another name accepted in the Host header (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--workers <n>',
      'threads that analyse POSTed documents (default: cores less one, 1–4)',
      parsePositive,
    )
    .action(
      async (opts: {
        db: string;
        port: number;
        host: string;
        token?: string;
        allowHost?: string[];
        workers?: number;
      }) => {
        const { runServe } = await import('./serve-command.js');
        await runServe(opts, io);
      },
    );

  program
    .command('dyad')
    .description('how two actors have been getting on: happenings per period, both ways (kept counts)')
    .argument('<a>', 'an actor: ISO3 country (RUS), country.sector (RUS.GOV) or an entity id')
    .argument('<b>', 'the other actor')
    .option('--db <url>', 'SQLite database file (or a store URL)', 'tidings.db')
    .addOption(new Option('--by <period>', 'period').choices(['day', 'week', 'month']).default('month'))
    .option('--from <YYYY-MM-DD>', 'first day', parseDate)
    .option('--to <YYYY-MM-DD>', 'last day', parseDate)
    .option('--json', 'print one JSON object')
    .option('--csv', 'print CSV: one line per period and direction')
    .action(async (a: string, b: string, opts: import('./link-commands.js').DyadOptions) => {
      const { runDyad } = await import('./link-commands.js');
      await runDyad(a, b, opts, io);
    });

  program
    .command('top')
    .description('the most active actor pairs (dyads) or actors in a range of months')
    .addArgument(new Argument('[kind]', 'dyads or actors').choices(['dyads', 'actors']).default('dyads'))
    .option('--db <url>', 'SQLite database file (or a store URL)', 'tidings.db')
    .addOption(
      new Option('--level <level>', 'how actors are named')
        .choices(['country', 'sector', 'entity'])
        .default('country'),
    )
    .option('--from <YYYY-MM>', 'first month')
    .option('--to <YYYY-MM>', 'last month')
    .option('--limit <n>', 'rows', parsePositive, 20)
    .option('--json', 'print JSON')
    .action(async (kind: 'dyads' | 'actors', opts: import('./link-commands.js').TopOptions) => {
      const { runTop } = await import('./link-commands.js');
      await runTop(kind, opts, io);
    });

  program
    .command('happenings')
    .description('one record per real-world event, merged across articles (--id N: every report of one)')
    .option('--db <url>', 'SQLite database file (or a store URL)', 'tidings.db')
    .option('--id <n>', 'show one happening with its mentions', parsePositive)
    .option('--actor <actor>', 'RUS, RUS.GOV or an entity id')
    .option('--recipient <actor>', 'RUS, RUS.GOV or an entity id')
    .option('--type <type>', 'PLOVER type')
    .option('--from <YYYY-MM-DD>', 'first day', parseDate)
    .option('--to <YYYY-MM-DD>', 'last day', parseDate)
    .option('--min-sources <n>', 'reported by at least this many outlets', parsePositive)
    .option('--limit <n>', 'rows', parsePositive, 50)
    .option('--json', 'print JSON')
    .action(async (opts: import('./link-commands.js').HappeningsOptions) => {
      const { runHappenings } = await import('./link-commands.js');
      process.exitCode = await runHappenings(opts, io);
    });

  program
    .command('stories')
    .description('story clusters: articles grouped into stories as they arrive (--id N: the articles of one)')
    .option('--db <url>', 'SQLite database file (or a store URL)', 'tidings.db')
    .option('--id <n>', 'show one story with its articles', parsePositive)
    .option('--from <YYYY-MM-DD>', 'stories seen on or after this day', parseDate)
    .option('--to <YYYY-MM-DD>', 'stories seen on or before this day', parseDate)
    .option('--min-size <n>', 'stories of at least this many articles', parsePositive)
    .option('--limit <n>', 'rows', parsePositive, 50)
    .option('--json', 'print JSON')
    .action(async (opts: import('./link-commands.js').StoriesOptions) => {
      const { runStories } = await import('./link-commands.js');
      process.exitCode = await runStories(opts, io);
    });

  program
    .command('entities')
    .description(
      'canonical entities across the store: list, show ID (aliases, mentions, overrides), merge FROM INTO, split ID ALIAS, overrides, revert N',
    )
    .argument('[action]', 'list, show, merge, split, overrides or revert', 'list')
    .argument('[args...]', 'show: ID; merge: FROM INTO; split: ID ALIAS; revert: N')
    .option('--db <url>', 'SQLite database file (or a store URL)', 'tidings.db')
    .option('-q, --q <text>', 'list: part of a name, or an exact entity id / ISO3')
    .option('--limit <n>', 'list: rows', parsePositive, 50)
    .option(
      '--into <id>',
      'split: the id the alias becomes (default: the kind and the alias, person:v-putin)',
    )
    .option('--note <text>', 'merge, split: why (kept with the override)')
    .option('--json', 'print JSON')
    .action(async (action: string, args: string[], opts: import('./entity-commands.js').EntitiesOptions) => {
      const { runEntities } = await import('./entity-commands.js');
      process.exitCode = await runEntities(action, args, opts, io);
    });

  program
    .command('eval')
    .description('score Tidings against an evaluation data set (see `tidings eval --list`)')
    .argument('[suite]', 'suite name')
    .option('--data <path>', 'a file, or a folder searched for every file of the suite’s format')
    .option('--split <name>', 'keep only files below a folder of this name')
    .option('--limit <n>', 'score at most this many items', parsePositive)
    .option('--json', 'print one JSON object: suite, items, metrics')
    .option('--list', 'list the suites')
    .action(
      async (
        suite: string | undefined,
        opts: { data?: string; split?: string; limit?: number; json?: boolean; list?: boolean },
      ) => {
        const { runEval } = await import('./eval-command.js');
        process.exitCode = await runEval(suite, opts, io);
      },
    );

  return program;
}

/** Entry point of the `tidings` command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // A reader that stops early (`tidings analyze a.txt --format json | head`) is not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
  const io: CliIo = {
    out: (s: string) => process.stdout.write(s),
    err: (s: string) => process.stderr.write(s),
    drain: () => once(process.stdout, 'drain'),
  };
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const { exitCode, code } = error as { exitCode?: number; code?: string };
    // Commander says 1 for every usage error; a bad option value (an impossible --date) is 2.
    if (code === 'commander.invalidArgument') return EXIT_USAGE;
    if (typeof exitCode === 'number') return exitCode;
    // A failure a user can act on (a missing file, a taken port) is one line, not a stack trace.
    if (error instanceof Error && !process.env.TIDINGS_DEBUG) {
      io.err(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
