import { accuse } from './accuse.js';
import { agree } from './agree.js';
import { aid } from './aid.js';
import { assault } from './assault.js';
import codebookRules from './codebook-rules.json' with { type: 'json' };
import { coerce } from './coerce.js';
import { concede } from './concede.js';
import { consult } from './consult.js';
import { cooperate } from './cooperate.js';
import { mobilize } from './mobilize.js';
import { protest } from './protest.js';
import { reject } from './reject.js';
import { request } from './request.js';
import { retreat } from './retreat.js';
import { sanction } from './sanction.js';
import { support } from './support.js';
import { threaten } from './threaten.js';
import type { EventRuleSpec, EventTypeSpec } from './types.js';

export type {
  EventRuleSpec,
  EventTypeSpec,
  IntentSpec,
  Quad,
  StatusCueFile,
  StatusCueSpec,
} from './types.js';

/** The rules of codebook-rules.json (CAMEO codebook, PETRARCH2's dictionary), by PLOVER type. */
const fromCodebook = (spec: EventTypeSpec): EventTypeSpec => {
  const extra = codebookRules.rules
    .filter((r) => r.type === spec.type)
    .map(({ type: _type, description: _description, source: _source, ...rule }) => rule as EventRuleSpec);
  return extra.length > 0 ? { ...spec, rules: [...spec.rules, ...extra] } : spec;
};

/**
 * Every PLOVER type's lexicon. When two rules match the same words with the same length, the
 * one listed first wins, so the more specific verbal types come before the broad material ones.
 */
export const eventLexicon: readonly EventTypeSpec[] = (
  [
    agree,
    consult,
    support,
    cooperate,
    aid,
    concede,
    retreat,
    request,
    accuse,
    reject,
    threaten,
    protest,
    sanction,
    mobilize,
    coerce,
    assault,
  ] as const
).map(fromCodebook);
