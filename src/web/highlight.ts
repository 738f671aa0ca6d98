import { escapeHtml } from './html.js';

/** One highlighted range of the text; `[start, end)` in UTF-16 code units. */
export interface HighlightSpan {
  start: number;
  end: number;
  /** Space-separated CSS classes. */
  className: string;
  /** Tooltip. */
  title?: string;
  /** Anchor id, put on the first fragment only (a span split by overlaps keeps one id). */
  id?: string;
  /** Breaks ties when two spans cover the same range: lower is outer. */
  priority?: number;
}

interface Ranked extends HighlightSpan {
  rank: number;
}

/**
 * Renders `text` as HTML with each span wrapped in a `<span>`. Overlapping spans that do not
 * nest are split into fragments so the output is always well-formed: at every boundary we close
 * the open elements that are no longer (or no longer correctly) nested and reopen what remains.
 * Stripping the tags and unescaping gives back `text` exactly. Spans that fall outside the text
 * or are empty are ignored; a boundary inside a surrogate pair is widened to the whole character.
 */
export function renderHighlighted(
  text: string,
  spans: readonly HighlightSpan[],
  options: { blockClass?: string } = {},
): string {
  const valid: HighlightSpan[] = [];
  for (const span of spans) {
    if (!Number.isInteger(span.start) || !Number.isInteger(span.end)) continue;
    let start = Math.max(0, span.start);
    let end = Math.min(text.length, span.end);
    if (isInsidePair(text, start)) start--;
    if (isInsidePair(text, end)) end++;
    if (end > start) valid.push({ ...span, start, end });
  }
  const ranked: Ranked[] = valid
    .map((span, index) => ({ span, index }))
    .sort(
      (a, b) =>
        a.span.start - b.span.start ||
        b.span.end - a.span.end ||
        (a.span.priority ?? 0) - (b.span.priority ?? 0) ||
        a.index - b.index,
    )
    .map(({ span }, rank) => ({ ...span, rank }));

  const boundaries = new Set<number>([0, text.length]);
  for (const span of ranked) {
    boundaries.add(span.start);
    boundaries.add(span.end);
  }
  const points = [...boundaries].sort((a, b) => a - b);

  const blockOpen = options.blockClass ? `<div class="${escapeHtml(options.blockClass)}">` : '';
  const blockClose = blockOpen ? `</div>${blockOpen}` : '';
  let out = '';
  let open: Ranked[] = [];
  let next = 0;
  const idDone = new Set<Ranked>();
  for (let p = 0; p < points.length - 1; p++) {
    const from = points[p] as number;
    const to = points[p + 1] as number;
    let active = open.filter((s) => s.end > from);
    while (next < ranked.length && (ranked[next] as Ranked).start === from)
      active.push(ranked[next++] as Ranked);
    active = active.sort((a, b) => a.rank - b.rank);
    let keep = 0;
    while (keep < open.length && keep < active.length && open[keep] === active[keep]) keep++;
    for (let i = open.length - 1; i >= keep; i--) out += '</span>';
    for (let i = keep; i < active.length; i++) {
      const span = active[i] as Ranked;
      out += openTag(span, !idDone.has(span));
      idDone.add(span);
    }
    open = active;
    out +=
      open.length === 0 && blockClose
        ? blocked(text, from, to, blockClose)
        : escapeHtml(text.slice(from, to));
  }
  for (let i = 0; i < open.length; i++) out += '</span>';
  return blockClose ? `${blockOpen}${out}</div>` : out;
}

/**
 * Plain text between highlights, cut into blocks after each blank line (a run of line breaks holding
 * at least two): the breaks stay inside the block they end, so the text and its rendering are as before,
 * and a browser can skip laying out the blocks off screen (`content-visibility`). Cuts happen only
 * where no highlight is open, so the markup stays well-formed.
 */
function blocked(text: string, from: number, to: number, close: string): string {
  let out = '';
  let at = from;
  let i = from;
  while (i < to) {
    if (text.charCodeAt(i) !== 0x0a) {
      i++;
      continue;
    }
    let j = i;
    let breaks = 0;
    while (j < to && (text.charCodeAt(j) === 0x0a || text.charCodeAt(j) === 0x0d)) {
      if (text.charCodeAt(j) === 0x0a) breaks++;
      j++;
    }
    if (breaks >= 2 && j < text.length) {
      out += escapeHtml(text.slice(at, j)) + close;
      at = j;
    }
    i = j;
  }
  return out + escapeHtml(text.slice(at, to));
}

function openTag(span: HighlightSpan, withId: boolean): string {
  let tag = `<span class="${escapeHtml(span.className)}"`;
  if (span.title) tag += ` title="${escapeHtml(span.title)}"`;
  if (withId && span.id) tag += ` id="${escapeHtml(span.id)}"`;
  return `${tag}>`;
}

function isInsidePair(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
