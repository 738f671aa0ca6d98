import { type Analysis, toAnalysis } from '../../src/core/analysis.js';
import type { EventParticipant, NewsEvent } from '../../src/core/doc.js';
import { contentHash } from '../../src/core/hash.js';

/** A participant of a hand-made event: a country, optionally a sector and an entity. */
export function party(country: string, extra: Partial<EventParticipant> = {}): EventParticipant {
  return { start: 0, end: 1, text: country, country, ...extra };
}

export interface ReportEvent {
  type: string;
  actor?: EventParticipant;
  recipient?: EventParticipant;
  date?: string;
  quad?: 1 | 2 | 3 | 4;
  goldstein?: number;
  status?: NewsEvent['status'];
}

/**
 * An analysis made by hand for the cross-article tests: the text as given (no stage runs), a headline
 * on the first line, and the events listed, each anchored in the first sentence.
 */
export function report(
  text: string,
  options: { url?: string; published?: string; events?: ReportEvent[]; siteName?: string } = {},
): Analysis {
  const firstLine = text.indexOf('\n');
  const title = firstLine > 0 ? { start: 0, end: firstLine } : undefined;
  const events: NewsEvent[] = (options.events ?? []).map((e) => ({
    start: 0,
    end: 1,
    type: e.type,
    status: e.status ?? 'asserted',
    trigger: { start: 0, end: 1 },
    sentence: 0,
    rule: `events:${e.type.toLowerCase()}.test`,
    ...(e.actor ? { actor: e.actor } : {}),
    ...(e.recipient ? { recipient: e.recipient } : {}),
    ...(e.date ? { date: e.date } : {}),
    quad: e.quad ?? 1,
    goldstein: e.goldstein ?? 1,
  }));
  return toAnalysis(
    {
      source: {
        uri: options.url ?? 'test:report',
        mediaType: 'text/plain',
        ...(options.published ? { published: options.published } : {}),
        ...(options.url ? { url: options.url } : {}),
        ...(options.siteName ? { meta: { siteName: options.siteName } } : {}),
      },
      text,
      diagnostics: [],
      removed: [],
      ...(title ? { title } : {}),
      paragraphs: [],
      sentences: [],
      entities: [],
      events,
    },
    contentHash(text),
  );
}

/** About 120 words of wire copy about a meeting, for near-duplicate tests. */
export const WIRE_STORY = [
  'Russian and Chinese foreign ministers met in Beijing on Thursday to discuss trade, energy supplies and',
  'regional security, officials from both governments said after the talks. The two sides agreed to expand',
  'cooperation on pipelines and to hold another round of consultations before the end of the year. Analysts',
  'said the meeting was closely watched in Washington and Brussels, where officials have raised concerns',
  'about the growing partnership. The ministers also discussed the situation on the Korean peninsula and',
  'the upcoming summit of regional leaders, according to a statement released by the foreign ministry in',
  'Beijing. Neither side gave details of any new agreements, but both described the talks as constructive',
  'and said they would meet again in Moscow in the spring to review progress on the joint projects.',
].join(' ');

/**
 * A report of a meeting between a person of Russia (named by the given pipeline id and name, twice)
 * and Xi Jinping of China on 2024-05-16, with both people among the document's entities: what the
 * canonical-entity tests merge and split.
 */
export function meetingOfPeople(text: string, url: string, actorId: string, actorName: string): Analysis {
  const doc = report(text, {
    url,
    published: '2024-05-16',
    events: [
      {
        type: 'CONSULT',
        actor: party('RUS', { entity: actorId, text: actorName }),
        recipient: party('CHN', { entity: 'person:xi-jinping', text: 'Xi' }),
        date: '2024-05-16',
        goldstein: 1,
      },
    ],
  });
  const mention = { start: 0, end: 1, rule: 'entities:test' };
  doc.entities = [
    { id: actorId, name: actorName, type: 'person', country: 'RUS', mentions: [mention, mention] },
    { id: 'person:xi-jinping', name: 'Xi Jinping', type: 'person', country: 'CHN', mentions: [mention] },
  ];
  return doc;
}
