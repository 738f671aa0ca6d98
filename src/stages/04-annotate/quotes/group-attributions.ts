import type { Attribution, Span } from '../../../core/doc.js';
import type { RoleSpan } from './tag-attributions.js';

/**
 * The tagger's role spans → attributions. Each cue makes one attribution; in its sentence, each
 * source and each content goes to the nearest cue (by tokens), so "“A,” he said, “B.”" is one
 * attribution with two content pieces and "X said A, and Y said B" two attributions. A content
 * in a sentence with no cue continues the last attribution of the sentence before (a quotation
 * that runs on); a cue with no content in its sentence takes one that opens the next sentence
 * ("X said:" and the words on the next line). Sources with no cue in their sentence are dropped.
 */
export function groupAttributions(spans: readonly RoleSpan[], text: string, rule: string): Attribution[] {
  const out: Attribution[] = [];
  const bySentence = new Map<number, RoleSpan[]>();
  for (const s of spans) {
    let list = bySentence.get(s.sentence);
    if (!list) {
      list = [];
      bySentence.set(s.sentence, list);
    }
    list.push(s);
  }
  const sentences = [...bySentence.keys()].sort((a, b) => a - b);
  let previous: { sentence: number; a: Attribution; pieces: Span[] } | undefined;
  const pending: { a: Attribution; pieces: Span[]; cue: RoleSpan }[] = [];
  for (const si of sentences) {
    const list = bySentence.get(si) as RoleSpan[];
    const cues = list.filter((s) => s.role === 'cue');
    if (cues.length === 0) {
      if (previous && previous.sentence >= si - 1) {
        for (const s of list) if (s.role === 'content') previous.pieces.push({ start: s.start, end: s.end });
        previous.sentence = si;
      }
      continue;
    }
    const made = cues.map((cue) => ({
      cue,
      a: {
        start: cue.start,
        end: cue.end,
        source: '',
        cue: { start: cue.start, end: cue.end },
        rule,
      } as Attribution,
      pieces: [] as Span[],
      source: undefined as RoleSpan | undefined,
    }));
    const nearest = (s: RoleSpan) => {
      let best = made[0] as (typeof made)[number];
      let bestDistance = Number.POSITIVE_INFINITY;
      for (const m of made) {
        const d = s.to <= m.cue.from ? m.cue.from - s.to : s.from >= m.cue.to ? s.from - m.cue.to : 0;
        if (d < bestDistance) {
          best = m;
          bestDistance = d;
        }
      }
      return best;
    };
    for (const s of list) {
      if (s.role === 'source') {
        const m = nearest(s);
        // Two sources for one cue ("X and Y said" is one span): keep the nearer one.
        if (!m.source || Math.abs(s.from - m.cue.from) < Math.abs(m.source.from - m.cue.from)) m.source = s;
      } else if (s.role === 'content') nearest(s).pieces.push({ start: s.start, end: s.end });
    }
    for (const m of made) {
      if (m.source) {
        m.a.source = text.slice(m.source.start, m.source.end);
        m.a.sourceSpan = { start: m.source.start, end: m.source.end };
      }
      pending.push({ a: m.a, pieces: m.pieces, cue: m.cue });
    }
    const last = made[made.length - 1] as (typeof made)[number];
    previous = { sentence: si, a: last.a, pieces: last.pieces };
  }
  // A cue whose sentence gave it no content: the content that opens the next sentence, if no
  // cue of that sentence took it.
  const claimed = new Set<number>();
  for (const p of pending) for (const piece of p.pieces) claimed.add(piece.start);
  for (const p of pending) {
    if (p.pieces.length > 0) continue;
    const following = bySentence.get(p.cue.sentence + 1) ?? [];
    const next = following.find((s) => s.role === 'content' && !claimed.has(s.start));
    if (next && !following.some((s) => s.role === 'cue')) {
      p.pieces.push({ start: next.start, end: next.end });
      claimed.add(next.start);
    }
  }
  for (const p of pending) {
    const a = p.a;
    const pieces = p.pieces.sort((x, y) => x.start - y.start);
    if (pieces.length > 0) {
      a.content = { start: (pieces[0] as Span).start, end: (pieces[pieces.length - 1] as Span).end };
      if (pieces.length > 1) a.contentPieces = pieces;
    }
    let start = a.cue.start;
    let end = a.cue.end;
    for (const s of [a.sourceSpan, a.content]) {
      if (!s) continue;
      start = Math.min(start, s.start);
      end = Math.max(end, s.end);
    }
    a.start = start;
    a.end = end;
    out.push(a);
  }
  return out.sort((x, y) => x.start - y.start || x.cue.start - y.cue.start);
}
