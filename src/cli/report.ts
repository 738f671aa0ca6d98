import type { Analysis } from '../core/analysis.js';
import type { EventParticipant, Span } from '../core/doc.js';

/** A report of one analysis for a person reading a terminal. */
export function formatReport(a: Analysis, width = 100): string {
  const out: string[] = [];
  const slice = (s: Span) => a.text.slice(s.start, s.end);
  const clip = (s: string, n = width - 20) =>
    (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\s+/g, ' ');

  out.push(a.title ? `# ${a.title}` : '# (no headline)');
  out.push(
    `source ${a.source.uri}` +
      (a.published ? ` · published ${a.published}` : ' · no publication date') +
      ` · ${a.text.length} characters · id ${a.id.slice(0, 12)}`,
  );
  if (a.rejected) out.push('REJECTED — see diagnostics below');
  out.push('');

  section(
    out,
    `Removed (${a.removed.length})`,
    a.removed,
    (r) => `${pos(r)} ${r.reason} [${r.rule}]  “${clip(slice(r), 60)}”`,
  );
  out.push(`Text: ${a.paragraphs.length} paragraphs, ${a.sentences.length} sentences`, '');

  section(out, `Entities (${a.entities.length})`, a.entities, (e) => {
    const tags = [e.type, e.country, e.sector, e.role].filter(Boolean).join(' · ');
    const forms = [...new Set(e.mentions.map((m) => slice(m)))].slice(0, 6).join(', ');
    return `${e.name} (${tags}) ×${e.mentions.length}: ${clip(forms, 60)}`;
  });
  section(
    out,
    `Times (${a.times.length})`,
    a.times,
    (t) => `${pos(t)} “${t.text}” → ${t.value} (${t.granularity}) [${t.rule}]`,
  );
  section(
    out,
    `Quantities (${a.quantities.length})`,
    a.quantities,
    (q) => `${pos(q)} “${q.text}” → ${q.value} ${q.unit} [${q.rule}]`,
  );
  if (a.tone) {
    const t = a.tone;
    out.push(
      `Tone ${t.tone} (GDELT average tone) · positive ${t.positive}% · negative ${t.negative}% · polarity ${t.polarity} · ${t.words} words [${t.rule}]`,
      '',
    );
  }
  section(
    out,
    `Quotes (${a.quotes.length})`,
    a.quotes,
    (q) => `${pos(q)} ${q.speakerText ?? q.speaker ?? '?'}: ${clip(slice(q), 70)}`,
  );
  section(
    out,
    `Attributions (${a.attributions.length})`,
    a.attributions,
    (t) => `${pos(t)} ${t.source} — “${slice(t.cue)}”${t.date ? ` (${t.date})` : ''} [${t.rule}]`,
  );
  section(out, `Events (${a.events.length})`, a.events, (e) => {
    const who = (p?: EventParticipant) =>
      p ? `${p.text}${p.country ? ` [${[p.country, p.sector].filter(Boolean).join('/')}]` : ''}` : '—';
    const codes = [
      e.cameo && `CAMEO ${e.cameo}`,
      e.quad && `quad ${e.quad}`,
      e.goldstein !== undefined && `Goldstein ${e.goldstein}`,
    ]
      .filter(Boolean)
      .join(', ');
    return [
      `${e.type}${e.mode ? `/${e.mode}` : ''} ${e.status.toUpperCase()}  ${who(e.actor)} → ${who(e.recipient)}${e.date ? ` on ${e.date}` : ''}`,
      `    trigger “${slice(e.trigger)}” at ${pos(e.trigger)} · ${codes} · rule ${e.rule}${e.confidence !== undefined ? ` · confidence ${e.confidence}` : ''}`,
      `    “${clip(slice(e), 90)}”`,
    ].join('\n');
  });
  section(
    out,
    `Diagnostics (${a.diagnostics.length})`,
    a.diagnostics,
    (d) => `${d.severity} ${d.ruleId}${d.start !== undefined ? ` at ${d.start}` : ''}: ${d.reason}`,
  );
  return out.join('\n');
}

function pos(s: Span): string {
  return `[${s.start},${s.end})`;
}

/** Lines a section of the report lists at most: a person reads a page, not 170,000 boilerplate lines. */
export const REPORT_SECTION_LINES = 200;

function section<T>(out: string[], heading: string, items: readonly T[], line: (item: T) => string): void {
  out.push(heading);
  if (items.length === 0) out.push('  none');
  for (const item of items.slice(0, REPORT_SECTION_LINES)) out.push(`  ${line(item)}`);
  if (items.length > REPORT_SECTION_LINES) {
    out.push(`  … and ${items.length - REPORT_SECTION_LINES} more (--format json lists them all)`);
  }
  out.push('');
}
