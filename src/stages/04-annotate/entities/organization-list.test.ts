import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docFromText } from '../../../../test/support/test-doc.js';
import type { Doc, Entity, Mention } from '../../../core/doc.js';
import worldData from '../../../rules/entities/organizations-world.json' with { type: 'json' };
import { annotateEntities } from './annotate-entities.js';
import { listedOrganizationNamed, listedOrganizations } from './organization-list.js';

function analyse(text: string): { doc: Doc; list: Entity[] } {
  const doc = docFromText(text);
  doc.source.published = '2010-06-01';
  return { doc, list: annotateEntities(doc).entities ?? [] };
}

function mentionOf(doc: Doc, list: Entity[], surface: string): { e: Entity; m: Mention } {
  for (const e of list) {
    for (const m of e.mentions) if (doc.text.slice(m.start, m.end) === surface) return { e, m };
  }
  throw new Error(`no mention "${surface}" among ${list.map((e) => e.name).join(', ')}`);
}

test('the general list joins the hand-kept one, ids unique, every sector a CAMEO code', () => {
  const ids = new Set(listedOrganizations.map((o) => o.id));
  assert.equal(ids.size, listedOrganizations.length);
  assert.ok(worldData.organizations.length > 200);
  for (const o of worldData.organizations) {
    assert.match(o.sector, /^(IGO|NGO|MED|POL|REB|LEG|GOV)$/, o.id);
    if ('country' in o) assert.match(String(o.country), /^[A-Z]{3}$/, o.id);
  }
});

test('a listed surface is found by name: acronyms only in capitals, names in any case', () => {
  assert.equal(listedOrganizationNamed('OSCE')?.sector, 'IGO');
  assert.equal(listedOrganizationNamed('kyodo news')?.country, 'JPN');
  assert.equal(listedOrganizationNamed('Who'), undefined);
  assert.equal(listedOrganizationNamed('Osce'), undefined);
});

test('intergovernmental bodies, agencies and parties from the general list resolve in text', () => {
  const { doc, list } = analyse(
    'The OSCE sent 40 observers to Tbilisi, Kyodo reported. Officials of the Awami League met the Arab League envoy.',
  );
  const osce = mentionOf(doc, list, 'OSCE').m.actor;
  assert.equal(osce?.sector, 'IGO');
  assert.equal(osce?.rule, 'entities:organization');
  assert.equal(mentionOf(doc, list, 'Kyodo').m.actor?.country, 'JPN');
  assert.equal(mentionOf(doc, list, 'Kyodo').m.actor?.sector, 'MED');
  assert.equal(mentionOf(doc, list, 'Awami League').e.country, 'BGD');
  assert.equal(mentionOf(doc, list, 'Arab League').e.sector, 'IGO');
});

test('a listed name with a head word after it takes the listed country ("Likud Party" → Likud)', () => {
  const { doc, list } = analyse('The Likud Party rejected the proposal on Monday.');
  const { e, m } = mentionOf(doc, list, 'Likud Party');
  assert.equal(e.country, 'ISR');
  assert.equal(m.actor?.country, 'ISR');
});

test('a listed country or organisation name of three or more words wins over a shorter tagged span inside it', () => {
  const { doc, list } = analyse(
    "Envoys from the Democratic People's Republic of Korea walked out of the talks in Geneva.",
  );
  const { e, m } = mentionOf(doc, list, "Democratic People's Republic of Korea");
  assert.equal(e.country, 'PRK');
  assert.equal(m.rule, 'entities:country-name');
  assert.ok(!list.some((x) => x.country === 'KOR'), 'no South Korea from the tail of the name');
});

test('the acronym in brackets after a listed name is that body from then on', () => {
  const { doc, list } = analyse(
    'The Bangladesh Nationalist Party (BNP) boycotted the vote. On Friday the BNP said it would return to parliament.',
  );
  const later = list.find((e) =>
    e.mentions.some((m) => m.start > doc.text.indexOf('Friday') && doc.text.slice(m.start, m.end) === 'BNP'),
  );
  assert.equal(later?.country, 'BGD');
  assert.equal(later?.id, 'org:bangladesh-nationalist-party');
});

test('a listed one-country party opening a longer tagged name gives it its country', () => {
  const { doc, list } = analyse(
    'Scottish National Party Holyrood leader Alex Salmond criticised the budget.',
  );
  const org = list.find((e) => e.type === 'organization' && e.name.startsWith('Scottish National Party'));
  assert.ok(org, `an organisation among ${list.map((e) => e.name).join(', ')} in ${doc.text}`);
  assert.equal(org.country, 'GBR');
});

test('a legislature whose name one country uses is that country’s legislature', () => {
  const { doc, list } = analyse(
    'The Knesset voted on Monday to dissolve itself, and the Bundestag debated the budget.',
  );
  assert.equal(mentionOf(doc, list, 'Knesset').e.country, 'ISR');
  assert.equal(mentionOf(doc, list, 'Knesset').e.sector, 'LEG');
  assert.equal(mentionOf(doc, list, 'Bundestag').e.country, 'DEU');
});

test('a listed name written with a straight apostrophe also matches the curly one news typesets', () => {
  const { doc, list } = analyse(
    'Envoys from the Democratic People’s Republic of Korea walked out of the talks.',
  );
  assert.equal(mentionOf(doc, list, 'Democratic People’s Republic of Korea').e.country, 'PRK');
});
