import type { EventStatus } from '../../core/doc.js';
import type { JoinedToken as Token } from '../../core/tokens.js';
import { type CompiledCues, compileCues } from './compile-lexicon.js';
import { clauseBreakers } from './sentence-words.js';

/** The status cues (`src/rules/events/status-cues.json`), compiled once. */
export const cues = compileCues();

/** The status the nearest cue before the trigger head in its clause sets; asserted without one. */
export function findStatus(
  tokens: readonly Token[],
  head: number,
  window: CompiledCues,
): { status: EventStatus; rule?: string } {
  const lows: string[] = [];
  for (let k = head - 1; k >= 0 && lows.length < window.window; k--) {
    const t = (tokens[k] as Token).lower;
    if (clauseBreakers.has(t) || t === '.') break;
    lows.unshift(t);
  }
  let best: { status: EventStatus; rule: string; priority: number } | undefined;
  const priority = { negated: 0, hypothetical: 1, future: 2 } as const;
  for (let end = 0; end < lows.length; end++) {
    const list = window.byLast.get(lows[end] as string);
    if (!list) continue;
    for (const cue of list) {
      const begin = end - cue.words.length + 1;
      if (begin < 0) continue;
      let ok = true;
      for (let w = 0; w < cue.words.length; w++) if (lows[begin + w] !== cue.words[w]) ok = false;
      if (ok && (!best || priority[cue.status] < best.priority)) {
        best = { status: cue.status, rule: cue.id, priority: priority[cue.status] };
      }
    }
  }
  return best ? { status: best.status, rule: best.rule } : { status: 'asserted' };
}
