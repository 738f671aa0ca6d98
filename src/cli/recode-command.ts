import { pipelineVersion } from '../pipeline-version.js';
import { type RecodeReport, recodeStore } from '../services/recode.js';
import { versionsOfStore } from '../services/recode-plan.js';
import { displayStoreUrl, openStore } from '../store/index.js';
import type { Io } from './ingest-command.js';

export interface RecodeCommandOptions {
  db: string;
  all?: boolean;
  stale?: boolean;
  limit?: number;
  json?: boolean;
  workers?: number;
  plan?: boolean;
}

/**
 * `tidings recode`: analyses stored documents again with this install's pipeline (their stored text,
 * never re-ingested) and replaces their events, happenings and relation counts; `--plan` only says
 * which pipeline versions the store holds.
 */
export async function runRecode(opts: RecodeCommandOptions, io: Io): Promise<RecodeReport | null> {
  if (opts.all && opts.stale) throw new Error('tidings recode: give --all or --stale, not both');
  const store = await openStore(opts.db);
  try {
    const current = pipelineVersion();
    if (opts.plan) {
      const plan = await versionsOfStore(store);
      if (opts.json) io.out(`${JSON.stringify({ current, stored: plan.stored, stale: plan.stale })}\n`);
      else {
        const lines = [
          `${displayStoreUrl(opts.db)}: this pipeline is ${current.version}`,
          `  rules ${current.parts.rules}, knowledge bases ${current.parts.kb}, models ${Object.entries(
            current.parts.models,
          )
            .map(([name, m]) => `${name} ${m.hash}`)
            .join(', ')}`,
          ...plan.stored.map(
            (v) =>
              `  ${String(v.documents).padStart(8)} documents  ${v.version ?? '(unknown: stored before versions were kept)'}${v.version === current.version ? '  current' : ''}`,
          ),
          `${plan.stale} stale: tidings recode --stale would analyse them again`,
        ];
        io.out(`${lines.join('\n')}\n`);
      }
      return null;
    }
    const report = await recodeStore({
      store,
      mode: opts.all ? 'all' : 'stale',
      ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
      details: opts.json === true,
    });
    if (opts.json) io.out(`${JSON.stringify(report)}\n`);
    else io.out(formatRecodeReport(report));
    return report;
  } finally {
    await store.close();
  }
}

export function formatRecodeReport(r: RecodeReport): string {
  const d = r.documents;
  const lines = [
    `recoded with ${r.pipeline} (${r.mode}): ${d.considered} documents, ${d.recoded} changed, ${d.unchanged} unchanged, ${d.failed} failed`,
    `events: ${r.events.before} before, ${r.events.after} after; ${r.events.added} added, ${r.events.removed} removed, ${r.events.changed} changed`,
  ];
  for (const [type, c] of Object.entries(r.events.byType).sort()) {
    lines.push(`  ${type.padEnd(10)} +${c.added} -${c.removed} ~${c.changed}`);
  }
  const h = r.happenings;
  lines.push(
    `happenings: ${h.created} opened, ${h.joined} merged into, ${h.left} split off (other reports kept), ${h.removed} removed`,
  );
  for (const f of r.failures.slice(0, 20)) lines.push(`failed ${f.id.slice(0, 12)}: ${f.reason}`);
  if (r.failures.length > 20) lines.push(`… and ${r.failures.length - 20} more failures (--json lists them)`);
  return `${lines.join('\n')}\n`;
}
