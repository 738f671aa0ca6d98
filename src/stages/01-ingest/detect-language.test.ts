import assert from 'node:assert/strict';
import { test } from 'node:test';
import { francAll } from 'franc-min';
import { analyze } from '../../pipeline.js';
import { checkText } from './check-text.js';
import { detectLanguage, fastScores, MIN_LANGUAGE_SAMPLE } from './detect-language.js';

const german =
  'Der Stadtrat hat am Montag nach einer langen Debatte den neuen Haushalt beschlossen. Die Ausgaben für ' +
  'Schulen steigen um vier Prozent, während das Straßenbauprogramm im zweiten Jahr in Folge gekürzt wird. ' +
  'Die Opposition kritisierte die Entscheidung und kündigte an, im Herbst erneut abstimmen zu lassen.';
const chinese =
  '国务院周一宣布了新的预算方案，学校支出将增加百分之四，道路计划连续第二年削减。反对派批评了这一决定，' +
  '并表示将在秋季再次要求投票。财政部长说，新的预算将帮助经济在明年恢复增长，但许多经济学家对此表示怀疑。' +
  '地方政府也表示，他们需要更多的资金来支付教师的工资和维修学校的建筑。';
const english =
  'The council approved the new budget on Monday after a long debate. Spending on schools rises by four ' +
  'percent, while the road programme is cut back for a second year. The opposition criticised the decision ' +
  'and said it would call for another vote in the autumn.';

test('the language of a text, as ISO 639-3; undefined when too short to tell', () => {
  assert.equal(detectLanguage(german), 'deu');
  assert.equal(detectLanguage(chinese), 'cmn');
  assert.equal(detectLanguage(english), 'eng');
  assert.equal(detectLanguage('Der Rat tagt.'), undefined);
});

test('the ingest door flags a text that is not English; English gets no field and no note', () => {
  const source = { uri: 'memory:', mediaType: 'text/plain' };
  const de = checkText(german, source);
  assert.equal(de.source.language, 'deu');
  assert.equal(de.rejected, undefined);
  assert.deepEqual(
    de.diagnostics.map((d) => [d.ruleId, d.severity, d.actual]),
    [['ingest:not-english', 'warning', 'deu']],
  );
  const en = checkText(english, source);
  assert.equal(en.source.language, undefined);
  assert.deepEqual(en.diagnostics, []);
});

test('a document in another language is segmented and stored, and the English-only stages are skipped', () => {
  const a = analyze(`Haushalt beschlossen\n\n${german}`, { published: '2024-05-16' });
  assert.equal(a.source.language, 'deu');
  assert.ok(a.sentences.length >= 3);
  const skipped = a.diagnostics.filter((d) => d.ruleId === 'runner:language-skipped').map((d) => d.reason);
  assert.equal(skipped.length, 6);
  for (const stage of [
    'annotate-entities',
    'annotate-time',
    'annotate-quantities',
    'annotate-tone',
    'annotate-quotes',
    'events',
  ]) {
    assert.ok(
      skipped.some((r) => r.includes(`"${stage}"`)),
      stage,
    );
  }
  assert.deepEqual(a.events, []);
  assert.deepEqual(a.entities, []);
  // The same story in English runs every stage.
  const b = analyze(`Budget passed\n\n${english}`, { published: '2024-05-16' });
  assert.ok(!b.diagnostics.some((d) => d.ruleId === 'runner:language-skipped'));
  assert.ok(b.times.length > 0);
});

test('English the detector cannot tell from its best guess stays English', () => {
  // A short line repeated: franc's best guess is some other language by a hair.
  assert.equal(detectLanguage('Putin met Xi. '.repeat(200)), 'eng');
});

test("the Latin-script scores are franc's own, to the last bit, on every sample they answer", () => {
  const french =
    'Le conseil municipal a adopté lundi le nouveau budget après un long débat. Les dépenses pour les ' +
    'écoles augmentent de quatre pour cent, tandis que le programme routier est réduit pour la deuxième année.';
  const spanish =
    'El ayuntamiento aprobó el lunes el nuevo presupuesto tras un largo debate. El gasto en escuelas sube un ' +
    'cuatro por ciento, mientras que el programa de carreteras se recorta por segundo año consecutivo.';
  const mixed = `${english} ${german} ${french} ${spanish} ${chinese} 1,234.5 -- "quoted" (x) ${'Putin met Xi. '.repeat(12)}`;
  let answered = 0;
  let declined = 0;
  // Every window of the mixed text, sliding by 7 characters, at three widths; and the texts whole.
  const samples = [english, german, french, spanish, chinese, mixed, 'Putin met Xi. '.repeat(200)];
  for (const width of [MIN_LANGUAGE_SAMPLE - 1, 200, 1000])
    for (let at = 0; at + width <= mixed.length; at += 7) samples.push(mixed.slice(at, at + width));
  for (const sample of samples) {
    const fast = fastScores(sample);
    if (fast === undefined) {
      declined++;
      continue;
    }
    answered++;
    assert.deepEqual(fast, francAll(sample, { minLength: MIN_LANGUAGE_SAMPLE }), sample);
  }
  // Both ways are exercised: a sample in Latin script, and Chinese or too short (franc asked).
  assert.ok(answered > 50, `${answered} answered`);
  assert.ok(declined > 5, `${declined} declined`);
});
