import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codedEvents as coded } from '../../../test/support/coded-events.js';

// The wrong-event families the eleventh and twelfth judgements left open (issue 7): contest and
// market senses of fighting and beating, dates of a sentence-opening adverbial or of the clause a
// temporal clause is attached to, and denials whose content opens without "that". Sentences
// written here, not taken from any scored or judged text; each test has a control that still codes.

test('"beat" of a rival in a contest is no assault; police or soldiers who beat people assault them', () => {
  for (const sentence of [
    'The Greens hope to beat the Social Democrats in thirty seats.',
    'Kenya beat Uganda in Nairobi on Sunday.',
    'The heart of the nation beats as strong as ever.',
  ]) {
    const events = coded(`Title\n\n${sentence}\n`);
    assert.equal(events.filter((e) => e.type === 'ASSAULT' || e.type === 'THREATEN').length, 0, sentence);
  }
  const police = coded('Title\n\nRiot police beat the students outside the parliament in Nairobi.\n');
  assert.equal(police.find((e) => e.trigger === 'beat')?.type, 'ASSAULT');
});

test('fighting a problem or an election, fighting off a bid: no assault and no accusation', () => {
  for (const [sentence, trigger] of [
    ['The Greens want to win back respect by fighting child poverty and air pollution.', 'fighting'],
    ['The two leaders will be fighting the next election on the economy.', 'fighting'],
    [
      'The mayor said the group had campaigned hard, fighting against hospital closures in Leeds.',
      'fighting',
    ],
    ['The brewer said it had fought off a hostile bid from its rival.', 'fought'],
    ['The cautious central bank has beaten a retreat on interest rates.', 'beaten'],
    ['Shares fell sharply after speculators attacked the currency.', 'attacked'],
    ['Exports were halted last year when prices shot up in Kenya.', 'shot'],
  ] as const) {
    const e = coded(`Title\n\n${sentence}\n`).find((x) => x.trigger === trigger);
    assert.equal(e, undefined, sentence);
  }
  // Controls: armed groups fight each other; an attack on a policy is criticism.
  const rebels = coded('Title\n\nRebels fought government troops near the border with Chad.\n');
  assert.equal(rebels.find((e) => e.trigger === 'fought')?.type, 'ASSAULT');
  const policy = coded("Title\n\nThe opposition leader attacked the government's budget.\n");
  assert.equal(policy.find((e) => e.trigger === 'attacked')?.type, 'ACCUSE');
});

test('an act in a temporal clause takes the date of the clause it is attached to', () => {
  const e = coded(
    'Title\n\nThe coalition collapsed in 1996 after the Greens demanded that the premier resign.\n',
  ).find((x) => x.trigger === 'demanded');
  assert.equal(e?.status, 'historical');
  assert.equal(e?.statusRule, 'events:status.historical-attached-clause');
  // Control: the attached clause names this week; the demand is news.
  const recent = coded(
    'Title\n\nThe coalition collapsed on Tuesday after the Greens demanded that the premier resign.\n',
  ).find((x) => x.trigger === 'demanded');
  assert.equal(recent?.status, 'asserted'); // A clause joined by ", but" in the simple past shares the date of the one before it.
  const vetoed = coded(
    'Title\n\nParliament passed a tariff bill three years ago, but it was vetoed by President Ruto.\n',
  ).find((x) => x.trigger === 'vetoed');
  assert.equal(vetoed?.status, 'historical');
  const lost = coded(
    'Title\n\nThe Kenyan premier lost the election in 1997 to his rival, and resigned as party leader.\n',
  ).find((x) => x.trigger === 'resigned');
  assert.equal(lost?.status, 'historical');
  // Control: a verb joined by ", and" after a relative clause is not dated by it.
  const relative = coded(
    'Title\n\nThe report named Joseph Otieno, who died in a cell in 2002, and urged the minister to hold an inquiry.\n',
  ).find((x) => x.trigger === 'urged');
  assert.notEqual(relative?.status, 'historical');
  // Control: a present perfect after ", but" is news.
  const now = coded(
    'Title\n\nKenya agreed to cut tariffs in 2015, but it has refused to sign the treaty.\n',
  ).find((x) => x.trigger === 'refused');
  assert.notEqual(now?.status, 'historical');
});

test('a date opening the sentence dates a past act whose own clause names none', () => {
  const old = coded(
    'Title\n\nIn 2019 the union, which organised the strike, urged members to reject the offer.\n',
  ).find((x) => x.trigger === 'urged');
  assert.equal(old?.status, 'historical');
  assert.equal(old?.statusRule, 'events:status.opening-date');
  assert.equal(old?.date, '2019');
  // Control: a possessive date modifies a noun; the act is news.
  const news = coded(
    "Title\n\nLast year's budget was criticised on Tuesday by the opposition in Nairobi.\n",
  ).find((x) => x.trigger === 'criticised');
  assert.notEqual(news?.statusRule, 'events:status.opening-date'); // Control: "Since 2015" bounds a state that runs to now; it dates no act.
  const since = coded('Title\n\nSince 2015, thousands of refugees have arrived in Kenya.\n').find(
    (x) => x.trigger === 'arrived',
  );
  assert.notEqual(since?.status, 'historical');
});

test('a season of an earlier year is background ("in the autumn of 1998")', () => {
  const e = coded(
    'Title\n\nIn the autumn of 1998, the Kenyan president refused to hold an early election.\n',
  ).find((x) => x.trigger === 'refused');
  assert.equal(e?.status, 'historical');
});

test('a denial whose content opens with a participle of saying or a bare pronoun negates it', () => {
  const report = coded('Title\n\nThe embassy denied reports suggesting Iran had threatened Iraq.\n').find(
    (x) => x.trigger === 'threatened',
  );
  assert.equal(report?.status, 'negated');
  const bare = coded('Title\n\nThe Kenyan minister denied he had threatened Uganda.\n').find(
    (x) => x.trigger === 'threatened',
  );
  assert.equal(bare?.status, 'negated');
  // Control: after a comma, "saying" opens the denier's own statement, which is asserted.
  const own = coded('Title\n\nThe US government denied the claims, saying it condemned torture.\n').find(
    (x) => x.trigger === 'condemned',
  );
  assert.equal(own?.status, 'asserted');
});

test('"meet" of an amount is no meeting ("did not meet a planned increase", "meet 40 pct of demand")', () => {
  for (const sentence of [
    'Kenya did not meet a planned increase in the area planted with maize.',
    'Kenyan and Ugandan growers, who together meet 30 pct of the region’s needs, raised prices.',
  ]) {
    const e = coded(`Title\n\n${sentence}\n`).find((x) => /^meet|^met/.test(x.trigger));
    assert.equal(e, undefined, sentence);
  }
  const met = coded('Title\n\nThe Kenyan minister met the Ugandan ambassador in Nairobi.\n');
  assert.equal(met.find((e) => e.trigger === 'met')?.type, 'CONSULT');
});

test('an act dated to the calendar year before publication is background ("a year ago", "last year")', () => {
  for (const sentence of [
    'The Kenyan police arrested the opposition leader a year ago.',
    'Last year the Kenyan government expelled two Ugandan diplomats.',
  ]) {
    const e = coded(`Title\n\n${sentence}\n`, '2024-02-20').find((x) => /arrested|expelled/.test(x.trigger));
    assert.equal(e?.status, 'historical', sentence);
  }
  // Control: last month is news.
  const recent = coded(
    'Title\n\nLast month the Kenyan government expelled two Ugandan diplomats.\n',
    '2024-02-20',
  ).find((x) => x.trigger === 'expelled');
  assert.equal(recent?.status, 'asserted');
});
