import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docFromLines, type EntityAt } from '../../../test/support/event-doc.js';
import { economicSenseRule, participialModifierRule } from './check-sense.js';
import { codeEvents, explainEvents } from './events-stage.js';

// Sentences written here, none from an article; each market sense has a political control that must
// still code its event.
const country = (id: string, text: string): EntityAt => ({
  id: `country:${id}`,
  type: 'country',
  country: id,
  at: [{ text }],
});

const events = (line: string, entities: EntityAt[] = []) =>
  codeEvents(docFromLines([line], entities)).events ?? [];

const reasons = (line: string, entities: EntityAt[] = []) =>
  explainEvents(docFromLines([line], entities)).sentences.flatMap((s) => s.rejected.map((r) => r.reason));

test('"supported the bond market" is a market operation; "supported Germany\'s bid" a SUPPORT', () => {
  const market = 'The French central bank supported the bond market on Monday.';
  assert.equal(events(market).filter((e) => e.type === 'SUPPORT').length, 0);
  assert.ok(reasons(market).includes(economicSenseRule));
  const bid = events("France supported Germany's bid for the presidency.", [
    country('FRA', 'France'),
    country('DEU', 'Germany'),
  ]);
  assert.equal(bid[0]?.type, 'SUPPORT');
});

test('a central bank supporting its currency is no event; states agreeing to support it is AGREE', () => {
  const bank = 'The central bank supported the dollar in Tokyo trading.';
  assert.equal(events(bank).length, 0);
  assert.ok(reasons(bank).includes(economicSenseRule));
  const accord = events('France and Germany agreed to support the dollar.', [
    country('FRA', 'France'),
    country('DEU', 'Germany'),
  ]);
  assert.equal(accord[0]?.type, 'AGREE');
});

test('investors withdrawing funds from shares is no retreat; troops withdrawn from a country are', () => {
  const funds = 'Investors withdrew large funds from Japanese shares.';
  assert.equal(events(funds).length, 0);
  assert.ok(reasons(funds).includes(economicSenseRule));
  const troops = events('Britain withdrew its troops from Iraq.', [
    country('GBR', 'Britain'),
    country('IRQ', 'Iraq'),
  ]);
  assert.equal(troops[0]?.type, 'RETREAT');
});

test('"charging 50 pct income tax" is a price charged; "charged three men with murder" an accusation', () => {
  const tax = 'The government is charging a 50 pct income tax.';
  assert.equal(events(tax).filter((e) => e.type === 'ACCUSE').length, 0);
  assert.ok(reasons(tax).includes(economicSenseRule));
  const police = events('Police in France charged three men with murder.', [country('FRA', 'France')]);
  assert.equal(police[0]?.type, 'ACCUSE');
  // A market word inside a name is no market: the regulator still charges.
  const regulator = events('The Securities and Exchange Commission charged the company with fraud.');
  assert.equal(regulator[0]?.type, 'ACCUSE');
});

test('"meet its debts" is no meeting; "met France" is', () => {
  const debts = 'Brazil will struggle to meet its debts this year.';
  assert.equal(events(debts, [country('BRA', 'Brazil')]).length, 0);
  assert.ok(reasons(debts, [country('BRA', 'Brazil')]).includes(economicSenseRule));
  const met = events('Brazil met France on Monday.', [country('BRA', 'Brazil'), country('FRA', 'France')]);
  assert.equal(met[0]?.type, 'CONSULT');
});

test('"domestic demand" and "demand for oil" are quantities bought; a state\'s demand is a REQUEST', () => {
  const japan = [country('JPN', 'Japan')];
  const domestic = 'Japan is taking measures to stimulate domestic demand.';
  assert.equal(events(domestic, japan).filter((e) => e.type === 'REQUEST').length, 0);
  assert.ok(reasons(domestic, japan).includes(economicSenseRule));
  const oil = "Japan's demand for crude oil rose sharply.";
  assert.equal(events(oil, japan).filter((e) => e.type === 'REQUEST').length, 0);
  const political = events('Japan rejected the American demand that it open its rice market to imports.', [
    ...japan,
    country('USA', 'American'),
  ]);
  assert.ok(political.some((e) => e.type === 'REJECT'));
  assert.ok(political.some((e) => e.type === 'REQUEST'));
});

test('a tender offer for shares is a purchase; a state offering aid is AGREE', () => {
  const tender = 'The company made a tender offer for all shares of the bank.';
  assert.equal(events(tender).length, 0);
  assert.ok(reasons(tender).includes(economicSenseRule));
  const aid = events('The United States offered Egypt 200 mln dlrs in aid.', [
    country('USA', 'United States'),
    country('EGY', 'Egypt'),
  ]);
  assert.equal(aid[0]?.type, 'AGREE');
});

test('sanctions and tariffs imposed by a state stay events', () => {
  const tariffs = events('France imposed tariffs on Japanese goods.', [
    country('FRA', 'France'),
    country('JPN', 'Japanese'),
  ]);
  assert.equal(tariffs[0]?.type, 'SANCTION');
  const sanctions = events('Brazil imposed sanctions on Chile.', [
    country('BRA', 'Brazil'),
    country('CHL', 'Chile'),
  ]);
  assert.equal(sanctions[0]?.type, 'SANCTION');
});

test('"other than donated food": a participle before a noun is no act of its own; "donated food to" is AID', () => {
  const usa = [country('USA', 'Washington')];
  const modifier = 'Washington would prefer a package other than donated food.';
  assert.equal(events(modifier, usa).filter((e) => e.type === 'AID').length, 0);
  assert.ok(reasons(modifier, usa).includes(participialModifierRule));
  const given = events('Washington donated food to Ethiopia.', [...usa, country('ETH', 'Ethiopia')]);
  assert.equal(given[0]?.type, 'AID');
});
