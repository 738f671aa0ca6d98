import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDoc, type Doc, type Entity, type EventParticipant, type Mention } from '../../core/doc.js';
import { codeEvents } from './events-stage.js';

/** One sentence; each entity is marked at its surface (`form` defaults to `name`). */
interface Mark {
  id: string;
  type: Entity['type'];
  country?: string;
  sector?: string;
  text: string;
  form?: Mention['form'];
}

function oneSentence(text: string, marks: Mark[]): Doc {
  const entities: Entity[] = marks.map((m) => {
    const start = text.indexOf(m.text);
    if (start < 0) throw new Error(`test doc: "${m.text}" not in the text`);
    return {
      id: m.id,
      name: m.id,
      type: m.type,
      ...(m.country ? { country: m.country } : {}),
      ...(m.sector ? { sector: m.sector } : {}),
      mentions: [{ start, end: start + m.text.length, rule: 'test:hand', form: m.form ?? 'name' }],
    };
  });
  return {
    ...createDoc(text, { uri: 'test://participants', mediaType: 'text/plain', published: '2024-05-16' }),
    removed: [],
    paragraphs: [{ start: 0, end: text.length }],
    sentences: [{ start: 0, end: text.length, paragraph: 0 }],
    entities,
    times: [],
  };
}

function first(doc: Doc) {
  const events = codeEvents(doc).events ?? [];
  assert.ok(events.length > 0, `no event coded in: ${doc.text}`);
  return events[0] as NonNullable<typeof events>[number];
}

function side(p: EventParticipant | undefined): [string?, string?, string?] {
  return [p?.text, p?.country, p?.sector];
}

const iraqi: Mark = { id: 'country:IRQ', type: 'country', country: 'IRQ', text: 'Iraqi', form: 'demonym' };

test('a demonym before an agent noun takes the noun into the span and its sector', () => {
  const e = first(oneSentence('Iraqi police arrested dozens of students.', [iraqi]));
  assert.deepEqual(side(e.actor), ['Iraqi police', 'IRQ', 'COP']);
  const soldiers = first(oneSentence('Iraqi soldiers routinely beat the prisoners.', [iraqi]));
  // The phrase stops before the adverb and the verb.
  assert.deepEqual(side(soldiers.actor), ['Iraqi soldiers', 'IRQ', 'MIL']);
});

test('modifiers between the demonym and the agent noun stay in the phrase', () => {
  const e = first(
    oneSentence('A Nigerian junior foreign minister condemned the raid.', [
      { id: 'country:NGA', type: 'country', country: 'NGA', text: 'Nigerian', form: 'demonym' },
    ]),
  );
  assert.deepEqual(side(e.actor), ['Nigerian junior foreign minister', 'NGA', 'GOV']);
});

test('the first agent word of the phrase sets the sector ("rebel leaders" are rebels)', () => {
  const e = first(
    oneSentence('Afghan rebel leaders rejected the offer.', [
      { id: 'country:AFG', type: 'country', country: 'AFG', text: 'Afghan', form: 'demonym' },
    ]),
  );
  assert.deepEqual(side(e.actor), ['Afghan rebel leaders', 'AFG', 'REB']);
});

test('a possessive country takes the agent noun after it ("Russia\'s military")', () => {
  const e = first(
    oneSentence("Russia's military shelled the village.", [
      { id: 'country:RUS', type: 'country', country: 'RUS', text: 'Russia' },
    ]),
  );
  assert.deepEqual(side(e.actor), ["Russia's military", 'RUS', 'MIL']);
  // No agent noun after the possessive: the country alone, no sector.
  const plain = first(
    oneSentence("Egypt condemned Russia's invasion.", [
      { id: 'country:EGY', type: 'country', country: 'EGY', text: 'Egypt' },
      { id: 'country:RUS', type: 'country', country: 'RUS', text: 'Russia' },
    ]),
  );
  assert.deepEqual(side(plain.recipient), ['Russia', 'RUS', undefined]);
});

test('coordinated countries share the agent noun after the second ("US and British forces")', () => {
  const e = first(
    oneSentence('Hungarian and Romanian officials condemned the raid.', [
      { id: 'country:HUN', type: 'country', country: 'HUN', text: 'Hungarian', form: 'demonym' },
      { id: 'country:ROU', type: 'country', country: 'ROU', text: 'Romanian', form: 'demonym' },
    ]),
  );
  assert.deepEqual(side(e.actor), ['Hungarian and Romanian officials', 'HUN', 'GOV']);
  // A coordinated name with no agent noun after it gives no sector.
  const plain = first(
    oneSentence('Hungary and Romania condemned the raid.', [
      { id: 'country:HUN', type: 'country', country: 'HUN', text: 'Hungary' },
      { id: 'country:ROU', type: 'country', country: 'ROU', text: 'Romania' },
    ]),
  );
  assert.deepEqual(side(plain.actor), ['Hungary', 'HUN', undefined]);
});

test('capitalised title words after a possessive country are its agent phrase', () => {
  const e = first(
    oneSentence("Taiwan's Vice Foreign Minister condemned the raid.", [
      { id: 'country:TWN', type: 'country', country: 'TWN', text: 'Taiwan' },
    ]),
  );
  assert.deepEqual(side(e.actor), ["Taiwan's Vice Foreign Minister", 'TWN', 'GOV']);
});

test('an agent noun before "in/of <place>" is the participant, with the place\'s country', () => {
  const e = first(
    oneSentence('Security forces in Guinea tortured the prisoners.', [
      { id: 'country:GIN', type: 'country', country: 'GIN', text: 'Guinea' },
    ]),
  );
  assert.deepEqual(side(e.actor), ['Security forces in Guinea', 'GIN', 'COP']);
  const r = first(
    oneSentence('Egypt condemned the opposition leaders in Ruritania.', [
      { id: 'country:EGY', type: 'country', country: 'EGY', text: 'Egypt' },
      { id: 'country:RUR', type: 'country', country: 'RUR', text: 'Ruritania' },
    ]),
  );
  assert.deepEqual(side(r.recipient), ['opposition leaders in Ruritania', 'RUR', 'OPP']);
});

test('an agent noun with no entity gets its sector from the sectors data', () => {
  assert.deepEqual(side(first(oneSentence('The opposition rejected the budget.', [])).actor), [
    'The opposition',
    undefined,
    'OPP',
  ]);
  assert.deepEqual(side(first(oneSentence('Lawmakers rejected the budget.', [])).actor), [
    'Lawmakers',
    undefined,
    'LEG',
  ]);
  // A phrase with no agent word has no sector.
  assert.equal(first(oneSentence('The committee rejected the budget.', [])).actor?.sector, undefined);
});

test('"thousands of <agent>" reads the sector from the phrase after "of"', () => {
  const e = first(oneSentence('Thousands of protesters blockaded the port.', []));
  assert.deepEqual(side(e.actor), ['Thousands of protesters', undefined, 'CVL']);
});

test("a titled person with no country takes the sentence's one country", () => {
  const president: Mark = { id: 'person:juma', type: 'person', sector: 'GOV', text: 'President Juma' };
  const one = first(
    oneSentence('President Juma arrested Kenyan opposition leaders.', [
      president,
      { id: 'country:KEN', type: 'country', country: 'KEN', text: 'Kenyan', form: 'demonym' },
    ]),
  );
  assert.equal(one.actor?.country, 'KEN');
  // Two countries: nothing to go by.
  const two = first(
    oneSentence('President Juma condemned Kenyan and Ugandan leaders.', [
      president,
      { id: 'country:KEN', type: 'country', country: 'KEN', text: 'Kenyan', form: 'demonym' },
      { id: 'country:UGA', type: 'country', country: 'UGA', text: 'Ugandan', form: 'demonym' },
    ]),
  );
  assert.equal(two.actor?.country, undefined);
});

test("an organisation with no country takes the sentence's one country, unless it belongs to none", () => {
  const kenyan: Mark = {
    id: 'country:KEN',
    type: 'country',
    country: 'KEN',
    text: 'Kenyan',
    form: 'demonym',
  };
  const union = first(
    oneSentence('The Dockers Union condemned Kenyan police.', [
      { id: 'org:dockers', type: 'organization', text: 'Dockers Union' },
      kenyan,
    ]),
  );
  assert.equal(union.actor?.country, 'KEN');
  const ngo = first(
    oneSentence('Relief Watch condemned Kenyan police.', [
      { id: 'org:watch', type: 'organization', sector: 'NGO', text: 'Relief Watch' },
      kenyan,
    ]),
  );
  assert.equal(ngo.actor?.country, undefined);
});

test('a capital attacked stands for its people; a capital acting stands for its government', () => {
  const capital = (text: string): Mark => ({
    id: 'country:SDN',
    type: 'country',
    country: 'SDN',
    text,
    form: 'capital',
  });
  const hit = first(oneSentence('Rebels shelled Khartoum on Sunday.', [capital('Khartoum')]));
  assert.equal(hit.type, 'ASSAULT');
  assert.deepEqual(side(hit.recipient), ['Khartoum', 'SDN', 'CVL']);
  const acting = first(
    oneSentence('Khartoum rejected the offer from Cairo.', [
      capital('Khartoum'),
      { id: 'country:EGY', type: 'country', country: 'EGY', text: 'Cairo', form: 'capital' },
    ]),
  );
  assert.equal(acting.actor?.sector, 'GOV');
  assert.equal(acting.recipient?.sector, 'GOV');
});

test('the by-agent of a passive report verb acts even when the report layer took it for a source', () => {
  const text = 'The plan was condemned by Egypt on Monday.';
  const doc = oneSentence(text, [{ id: 'country:EGY', type: 'country', country: 'EGY', text: 'Egypt' }]);
  const cue = text.indexOf('was condemned');
  // As the attribution tagger reads it: cue "was condemned by Egypt on Monday", content "The plan".
  doc.attributions = [
    {
      start: 0,
      end: text.length - 1,
      source: '',
      cue: { start: cue, end: text.length - 1 },
      content: { start: 0, end: cue - 1 },
      rule: 'test:hand',
    },
  ];
  assert.deepEqual(side(first(doc).actor), ['Egypt', 'EGY', undefined]);
});

test('the clause’s agent phrase acts over a name outside it: a reported speaker, a passive patient', () => {
  const israel: Mark = { id: 'country:ISR', type: 'country', country: 'ISR', text: 'Israel' };
  const said = first(oneSentence('Israel said troops shelled the camp.', [israel]));
  assert.deepEqual(side(said.actor), ['troops', 'ISR', 'MIL']);
  const passive = first(oneSentence('Israel was shelled by rebels on Monday.', [israel]));
  assert.deepEqual(side(passive.actor), ['rebels', undefined, 'REB']);
  assert.equal(passive.recipient?.text, 'Israel');
});

test('a passive with no by-agent takes the actor of the event it happened in; a demonym there is no place', () => {
  const text = 'Five civilians were wounded in an Israeli air strike on Gaza.';
  const doc = oneSentence(text, [
    { id: 'country:ISR', type: 'country', country: 'ISR', text: 'Israeli', form: 'demonym' },
    { id: 'place:gaza', type: 'place', country: 'PSE', text: 'Gaza' },
  ]);
  const events = codeEvents(doc).events ?? [];
  assert.deepEqual(side(events[0]?.actor), ['Israeli', 'ISR', undefined]);
  assert.equal(events[0]?.recipient?.text, 'Five civilians');
  // The strike itself: its modifier acts.
  assert.equal(events[1]?.actor?.text, 'Israeli');
});

test('an agent phrase that is no entity, followed by "in" and a country, is of that country', () => {
  const e = first(
    oneSentence('Two aid workers were kidnapped by gunmen in Somalia.', [
      { id: 'country:SOM', type: 'country', country: 'SOM', text: 'Somalia' },
    ]),
  );
  assert.deepEqual(side(e.actor), ['gunmen', 'SOM', 'UAF']);
});
