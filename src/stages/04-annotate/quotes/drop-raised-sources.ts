import { hashString, type TokenLayer, type TokenSet } from '../../../core/tokens.js';
import type { RoleSpan } from './tag-attributions.js';

const TO = hashString('to');
const BE = hashString('be');
const HAVE = hashString('have');

/**
 * "He met the officials said to be close to the president": a reporting verb followed by "to be"
 * or "to have" is a passive report (the officials are what is said, not who says it), so the
 * words just before it are no source. Of the 27 "said / reported / believed … to be / have" in
 * PolNeAR train, 13 are cues and none has a source right before it. The tagger's source that ends
 * where such a cue starts is dropped (the cue and its content stay, a report with no source).
 */
export function dropRaisedSources(tokens: TokenLayer, spans: RoleSpan[], verbs: TokenSet): RoleSpan[] {
  const dropped = new Set<RoleSpan>();
  for (let k = 0; k < spans.length; k++) {
    const cue = spans[k] as RoleSpan;
    if (cue.role !== 'cue') continue;
    const v = cue.to - 1;
    const sentenceEnd = tokens.sentenceFirst[cue.sentence + 1] as number;
    if (v + 2 >= sentenceEnd || !verbs.hasToken(tokens, v) || tokens.hash(v + 1) !== TO) continue;
    const next = tokens.hash(v + 2);
    if (next !== BE && next !== HAVE) continue;
    const before = spans[k - 1];
    if (before?.role === 'source' && before.to === cue.from) dropped.add(before);
  }
  return dropped.size === 0 ? spans : spans.filter((s) => !dropped.has(s));
}
