import type { Analysis } from '../core/analysis.js';
import type { HighlightSpan } from './highlight.js';

/** Anchor ids on the article view, shared by the highlighted text and the tables that link to it. */
export const anchors = {
  event: (i: number) => `ev-${i}`,
  mention: (entity: number, mention: number) => `ent-${entity}-${mention}`,
  quote: (i: number) => `q-${i}`,
};

/**
 * Every layer of an analysis as highlight spans, outer layers first when ranges coincide. With a
 * `window`, only the spans that touch `[window.start, window.end)`, with offsets relative to its start
 * (the document page shows a long text a window at a time).
 */
export function analysisSpans(a: Analysis, window?: { start: number; end: number }): HighlightSpan[] {
  const all: HighlightSpan[] = [];
  const spans = {
    push(span: HighlightSpan): void {
      if (!window) all.push(span);
      else if (span.end > window.start && span.start < window.end) {
        all.push({ ...span, start: span.start - window.start, end: span.end - window.start });
      }
    },
  };
  for (const r of a.removed) {
    spans.push({
      start: r.start,
      end: r.end,
      className: 'rm',
      title: `removed: ${r.reason} (${r.rule})`,
      priority: 0,
    });
  }
  // Diagnostics that point at text (a lead glued from another story, a runaway sentence) are
  // shown where they apply, not only in the table below.
  for (const d of a.diagnostics) {
    if (d.start === undefined || d.end === undefined || d.end <= d.start) continue;
    spans.push({
      start: d.start,
      end: d.end,
      className: `flag flag-${d.severity}`,
      title: `${d.severity}: ${d.reason} (${d.ruleId})`,
      priority: 0,
    });
  }
  if (a.titleSpan) spans.push({ ...a.titleSpan, className: 'headline', priority: 1 });
  a.quotes.forEach((q, i) => {
    const who = q.speakerText ?? q.speaker;
    spans.push({
      start: q.start,
      end: q.end,
      className: 'quote',
      title: `quote${who ? ` — ${who}` : ''} (${q.rule})`,
      id: anchors.quote(i),
      priority: 2,
    });
  });
  a.entities.forEach((entity, ei) => {
    entity.mentions.forEach((m, mi) => {
      spans.push({
        start: m.start,
        end: m.end,
        className: `ent ent-${entityClass(entity.type)}`,
        title: `${entity.name} · ${entity.type} · ${entity.country ?? '—'} · ${entity.sector ?? '—'} (${entity.id}; ${m.rule})`,
        id: anchors.mention(ei, mi),
        priority: 3,
      });
    });
  });
  for (const t of a.times) {
    spans.push({
      start: t.start,
      end: t.end,
      className: 'time',
      title: `${t.value} (${t.granularity}; ${t.rule})`,
      priority: 4,
    });
  }
  for (const q of a.quantities) {
    spans.push({
      start: q.start,
      end: q.end,
      className: 'qty',
      title: `${q.value} ${q.unit} (${q.kind}; ${q.rule})`,
      priority: 5,
    });
  }
  a.events.forEach((e, i) => {
    spans.push({
      start: e.trigger.start,
      end: e.trigger.end,
      className: 'trigger',
      title: `${e.type}${e.mode ? `/${e.mode}` : ''} · ${e.status} (${e.rule})`,
      id: anchors.event(i),
      priority: 6,
    });
  });
  return all;
}

/** Colour classes: cities and places share the place colour. */
export function entityClass(type: string): 'country' | 'person' | 'org' | 'place' {
  if (type === 'country' || type === 'person') return type;
  if (type === 'organization') return 'org';
  return 'place';
}
