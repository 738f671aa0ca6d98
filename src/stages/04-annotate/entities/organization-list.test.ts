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
    assert.match(o.sector, /^(IGO|NGO|MED|POL|REB)$/, o.id);
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
  assert.equal(m.actor?.rule, 'entities:organization:head');
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
