import { findSuite, runSuite, suites } from '../eval/registry.js';
import type { EvalResult } from '../eval/suite.js';
import type { Io } from './ingest-command.js';

export async function runEval(
  name: string | undefined,
  opts: { data?: string; split?: string; limit?: number; json?: boolean; list?: boolean },
  io: Io,
): Promise<number> {
  if (opts.list || !name) {
    io.out(`${suites.map((s) => `${s.name.padEnd(24)} ${s.description}`).join('\n')}\n`);
    return opts.list ? 0 : 1;
  }
  if (!findSuite(name)) {
    io.err(`tidings eval: unknown suite "${name}"; known: ${suites.map((s) => s.name).join(', ')}\n`);
    return 1;
  }
  if (!opts.data) {
    io.err(`tidings eval: --data FILE|DIR is required (e.g. ../shared/data/eval/…)\n`);
    return 1;
  }
  const result = await runSuite(name, {
    data: opts.data,
    ...(opts.split ? { split: opts.split } : {}),
    ...(opts.limit ? { limit: opts.limit } : {}),
  });
  if (result.items === 0) {
    io.err(
      `tidings eval: no ${name} items found under ${opts.data}${opts.split ? ` (split ${opts.split})` : ''}\n`,
    );
    return 1;
  }
  io.out(opts.json ? `${JSON.stringify(result)}\n` : formatResult(result));
  return 0;
}

function formatResult(r: EvalResult): string {
  const lines = [`${r.suite}: ${r.items} ${r.unit}`];
  for (const [k, v] of Object.entries(r.metrics))
    lines.push(`  ${k.padEnd(28)} ${Number.isInteger(v) ? v : v.toFixed(4)}`);
  if (r.skipped?.length)
    lines.push(
      `  skipped ${r.skipped.length} file(s): ${r.skipped
        .slice(0, 3)
        .map((s) => `${s.file} (${s.reason})`)
        .join('; ')}`,
    );
  return `${lines.join('\n')}\n`;
}
