import type { Doc, Entity, Mention, TimeExpression } from '../../src/core/doc.js';

/**
 * Test docs for the events stage: one sentence (and paragraph) per line, with hand-placed entities
 * and times found by their surface, so event rules are tested without the annotators.
 */
export interface EntityAt {
  id: string;
  type: Entity['type'];
  country?: string;
  sector?: string;
  /** Surfaces to mark, each with its mention form; `n` picks the n-th occurrence (0-based). */
  at: { text: string; form?: Mention['form']; n?: number }[];
}

export interface TimeAt {
  text: string;
  value: string;
}

function find(text: string, needle: string, n = 0): number {
  let from = 0;
  for (let k = 0; ; k++) {
    const i = text.indexOf(needle, from);
    if (i < 0) throw new Error(`test doc: "${needle}" (#${n}) not in the text`);
    if (k === n) return i;
    from = i + 1;
  }
}

export function docFromLines(
  lines: string[],
  entities: EntityAt[] = [],
  times: TimeAt[] = [],
  published = '2024-05-16',
): Doc {
  const text = lines.join('\n');
  const sentences = [];
  let start = 0;
  for (const line of lines) {
    sentences.push({ start, end: start + line.length, paragraph: sentences.length });
    start += line.length + 1;
  }
  const ents: Entity[] = entities.map((e) => ({
    id: e.id,
    name: e.id,
    type: e.type,
    ...(e.country ? { country: e.country } : {}),
    ...(e.sector ? { sector: e.sector } : {}),
    mentions: e.at.map((m) => {
      const s = find(text, m.text, m.n);
      return { start: s, end: s + m.text.length, rule: 'test:hand', form: m.form ?? 'name' };
    }),
  }));
  const timeLayer: TimeExpression[] = times.map((t) => {
    const s = find(text, t.text);
    return {
      start: s,
      end: s + t.text.length,
      text: t.text,
      value: t.value,
      granularity: 'day',
      type: 'DATE',
      rule: 'test:hand',
    };
  });
  return {
    source: { uri: 'memory:test', mediaType: 'text/plain', published },
    text,
    removed: [],
    paragraphs: sentences.map((s) => ({ start: s.start, end: s.end })),
    sentences,
    entities: ents,
    times: timeLayer,
    diagnostics: [],
  };
}
