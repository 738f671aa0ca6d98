import type { Analysis } from '../../core/analysis.js';

/**
 * A step of the cross-article stage. Unlike the per-document stages it runs on a stored analysis and
 * produces what the store keeps across documents (fingerprints, mentions of happenings, relation
 * counts, story terms); the store holds the index that relates them to earlier documents. It is pure:
 * no I/O, no module-level mutable state. `needs` names the analysis fields it reads, `adds` what it
 * produces, so a reader sees the contract without opening the function.
 */
export interface LinkStep<T> {
  name: string;
  needs: readonly (keyof Analysis)[];
  adds: string;
  run(analysis: Analysis): T;
}

/** The text a reader of the article sees below the headline: removed spans and the title left out. */
export function bodyText(analysis: Pick<Analysis, 'text' | 'removed' | 'titleSpan'>): string {
  const cuts = analysis.removed.map((r) => ({ start: r.start, end: r.end }));
  if (analysis.titleSpan) cuts.push({ start: analysis.titleSpan.start, end: analysis.titleSpan.end });
  if (cuts.length === 0) return analysis.text;
  cuts.sort((a, b) => a.start - b.start);
  let body = '';
  let at = 0;
  for (const cut of cuts) {
    if (cut.start > at) body += `${analysis.text.slice(at, cut.start)} `;
    at = Math.max(at, cut.end);
  }
  return body + analysis.text.slice(at);
}
