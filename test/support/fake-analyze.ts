/**
 * A small stand-in for the real pipeline, for store/service/API/web tests. It annotates by
 * looking up a fixed lexicon, so tests control exactly what comes out. Marker words drive the
 * failure paths: `REJECT-ME` → a rejected doc with an error diagnostic of its own (`test:fake-rejected`:
 * the real pipeline rejects only at the door); `THROW-ME` → analyze throws.
 */
import { readFileSync } from 'node:fs';
import { type Analysis, toAnalysis } from '../../src/core/analysis.js';
import { createDoc, type Doc, type Entity, type NewsEvent, type Sentence } from '../../src/core/doc.js';
import { contentHash } from '../../src/core/hash.js';

export const GENEVA_TEXT = readFileSync(
  new URL('../fixtures/store/geneva-meeting/input.txt', import.meta.url),
  'utf8',
);

const LEXICON: {
  surface: string;
  id: string;
  name: string;
  type: Entity['type'];
  country?: string;
  sector?: string;
}[] = [
  { surface: 'French', id: 'country:FRA', name: 'France', type: 'country', country: 'FRA' },
  { surface: 'German', id: 'country:DEU', name: 'Germany', type: 'country', country: 'DEU' },
  {
    surface: 'Emmanuel Macron',
    id: 'person:emmanuel-macron',
    name: 'Emmanuel Macron',
    type: 'person',
    country: 'FRA',
    sector: 'GOV',
  },
  {
    surface: 'Macron',
    id: 'person:emmanuel-macron',
    name: 'Emmanuel Macron',
    type: 'person',
    country: 'FRA',
    sector: 'GOV',
  },
  {
    surface: 'Olaf Scholz',
    id: 'person:olaf-scholz',
    name: 'Olaf Scholz',
    type: 'person',
    country: 'DEU',
    sector: 'GOV',
  },
  { surface: 'Geneva', id: 'city:geneva', name: 'Geneva', type: 'city', country: 'CHE' },
];

export function fakeDoc(text: string, uri = 'test:geneva', published = '2024-05-16'): Doc {
  return createDoc(text, { uri, mediaType: 'text/plain', published });
}

export function fakeAnalyze(input: Doc): Doc {
  const { text } = input;
  if (text.includes('THROW-ME')) throw new Error('fake analyzer exploded');
  if (text.includes('REJECT-ME')) {
    return {
      ...input,
      rejected: true,
      diagnostics: [
        ...input.diagnostics,
        { ruleId: 'test:fake-rejected', severity: 'error', reason: 'rejected by the fake analyzer' },
      ],
    };
  }
  const doc: Doc = { ...input, removed: [], paragraphs: [], sentences: [], entities: [], events: [] };
  doc.times = [];
  doc.quantities = [];
  doc.quotes = [];
  let at = 0;
  const lines: { start: number; end: number }[] = [];
  for (const line of text.split('\n')) {
    if (line.length > 0) lines.push({ start: at, end: at + line.length });
    at += line.length + 1;
  }
  for (const line of lines) {
    if (text.slice(line.start, line.end) === 'Advertisement') {
      doc.removed?.push({ ...line, reason: 'boilerplate', rule: 'clean:boilerplate-line' });
      continue;
    }
    if (!doc.title) doc.title = { ...line };
    doc.paragraphs?.push({ ...line });
    doc.sentences?.push({ ...line, paragraph: (doc.paragraphs?.length ?? 1) - 1 });
  }
  const sentences = doc.sentences as Sentence[];
  const entities = new Map<string, Entity>();
  const taken: [number, number][] = [];
  for (const entry of LEXICON) {
    for (let i = text.indexOf(entry.surface); i >= 0; i = text.indexOf(entry.surface, i + 1)) {
      const end = i + entry.surface.length;
      if (taken.some(([s, e]) => s < end && e > i)) continue;
      if (!sentences.some((s) => s.start <= i && end <= s.end)) continue;
      taken.push([i, end]);
      let entity = entities.get(entry.id);
      if (!entity) {
        entity = { id: entry.id, name: entry.name, type: entry.type, mentions: [] };
        if (entry.country) entity.country = entry.country;
        if (entry.sector) entity.sector = entry.sector;
        entities.set(entry.id, entity);
      }
      entity.mentions.push({ start: i, end, rule: 'entities:fake-lexicon' });
    }
  }
  doc.entities = [...entities.values()];
  const find = (s: string) => {
    const i = text.indexOf(s);
    return i < 0 ? null : { start: i, end: i + s.length };
  };
  const monday = find('Monday');
  if (monday)
    doc.times.push({
      ...monday,
      text: 'Monday',
      value: '2024-05-13',
      granularity: 'day',
      type: 'DATE',
      rule: 'time:weekday',
    });
  const money = find('€2 billion');
  if (money)
    doc.quantities.push({
      ...money,
      text: '€2 billion',
      value: 2e9,
      unit: 'EUR',
      kind: 'money',
      rule: 'quantities:money',
    });
  const quote = find('“We are building a bridge,”');
  if (quote)
    doc.quotes.push({
      ...quote,
      speaker: 'person:emmanuel-macron',
      speakerText: 'Macron',
      rule: 'quotes:curly',
    });
  const met = find(' met ');
  const actor = find('French President Emmanuel Macron');
  const recipient = find('German Chancellor Olaf Scholz');
  if (met && actor && recipient) {
    const trigger = { start: met.start + 1, end: met.end - 1 };
    const sentence = sentences.findIndex((s) => s.start <= trigger.start && trigger.end <= s.end);
    const event: NewsEvent = {
      start: actor.start,
      end: recipient.end,
      type: 'CONSULT',
      mode: 'meet',
      status: 'asserted',
      cameo: '036',
      quad: 1,
      goldstein: 4,
      actor: {
        ...actor,
        text: 'French President Emmanuel Macron',
        entity: 'person:emmanuel-macron',
        country: 'FRA',
        sector: 'GOV',
      },
      recipient: {
        ...recipient,
        text: 'German Chancellor Olaf Scholz',
        entity: 'person:olaf-scholz',
        country: 'DEU',
        sector: 'GOV',
      },
      date: '2024-05-13',
      trigger,
      sentence,
      rule: 'events:consult.met',
    };
    doc.events?.push(event);
  }
  const agreed = find('agreed');
  if (agreed) {
    const sentence = sentences.findIndex((s) => s.start <= agreed.start && agreed.end <= s.end);
    const subject = find('The two leaders') ?? agreed;
    doc.events?.push({
      start: subject.start,
      end: agreed.end,
      type: 'AGREE',
      status: 'asserted',
      quad: 1,
      actor: { ...subject, text: 'The two leaders' },
      trigger: agreed,
      sentence,
      rule: 'events:agree.agreed',
    });
  }
  return doc;
}

/** The analysis the fake pipeline gives for `text`. */
export function fakeAnalysis(text = GENEVA_TEXT, uri = 'test:geneva', published = '2024-05-16'): Analysis {
  const doc = fakeAnalyze(fakeDoc(text, uri, published));
  return toAnalysis(doc, contentHash(doc.text));
}
