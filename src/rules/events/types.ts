/**
 * Shapes of the event lexicon. One file per PLOVER type exports an `EventTypeSpec`; the events
 * stage compiles all of them once into a Map from lowercase token to candidate rules.
 */

export type Quad = 1 | 2 | 3 | 4;

export interface EventRuleSpec {
  /** `events:<type>.<name>`, unique across the lexicon; travels into `NewsEvent.rule`. */
  id: string;
  /** PLOVER mode, when the rule implies one. */
  mode?: string;
  /** PLOVER contexts the rule implies. */
  context?: string[];
  /**
   * CAMEO code (as a string, leading zero kept). Its quad class and Goldstein score come from
   * the CAMEO table, `cameo.json`, which must list it.
   */
  cameo: string;
  /**
   * The trigger words. The first is the head: inflected by `pos` (or replaced by `forms`);
   * the others must follow in order, lowercase, each after at most `gap` other tokens.
   * A word written `a|b` matches either alternative.
   */
  words: string[];
  /** How the head is inflected: verb (accuses, accused, accusing), noun (plural) or fixed. */
  pos?: 'verb' | 'noun' | 'fixed';
  /** Explicit surface forms of the head, replacing the generated ones. */
  forms?: string[];
  /** Most tokens allowed between consecutive trigger words (default 2). */
  gap?: number;
  /** The recipient is the entity after one of these prepositions ("arrived in China"). */
  recipientPreps?: string[];
  /** When true the rule fires only if a recipient follows one of `recipientPreps`. */
  requirePrep?: boolean;
  /** When false the event is emitted even with neither actor nor recipient (default true). */
  needsParticipant?: boolean;
  /**
   * The trigger governs a complement ("threatened to ban", "agreed that … should cooperate"):
   * other triggers in the next few tokens belong to it and are not coded on their own.
   */
  absorbs?: boolean;
  /** The rule does not fire when one of these words follows within three tokens ("released a statement"). */
  exclude?: string[];
  /**
   * The rule does not fire when the word right before the head is one of these: the head is then
   * part of a compound noun ("house arrest") or an adjective ("too free to").
   */
  notAfter?: string[];
}

/** How an event of this type is re-coded when stated as future or hypothetical intent. */
export interface IntentSpec {
  type: string;
  mode?: string;
  /** CAMEO code; quad class and Goldstein score from `cameo.json`. */
  cameo: string;
}

export interface EventTypeSpec {
  /** PLOVER event type, e.g. `CONSULT`. */
  type: string;
  /**
   * PLOVER codes promises of cooperation as AGREE and announced conflict as THREATEN: a future
   * or hypothetical event of this type becomes that intent type (the rule id stays).
   */
  intent?: IntentSpec;
  rules: EventRuleSpec[];
}

/** A status cue: words that, shortly before a trigger, change the event's status. */
export interface StatusCueSpec {
  /** `events:status.<status>-<name>`. */
  id: string;
  /** Consecutive lowercase tokens. */
  words: string[];
}

export interface StatusCueFile {
  /** How many tokens before the trigger a cue may end (the cue must sit in the same clause). */
  window: number;
  negated: StatusCueSpec[];
  hypothetical: StatusCueSpec[];
  future: StatusCueSpec[];
}
