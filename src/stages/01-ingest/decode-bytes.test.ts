import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import type { Source } from '../../core/doc.js';
import { decodeBytes, decodeWindows1252, firstInvalidUtf8 } from './decode-bytes.js';
import { isValidPublished } from './published.js';

const source: Source = { uri: 'memory:test', mediaType: 'text/plain' };
const utf8 = (s: string) => new TextEncoder().encode(s);

test('decodes UTF-8 as is: CRLF and surrounding whitespace kept', () => {
  const doc = decodeBytes(utf8('  Title\r\n\r\nBody 𝒳 text.\r\n'), source);
  assert.equal(doc.text, '  Title\r\n\r\nBody 𝒳 text.\r\n');
  assert.equal(doc.source.encoding, 'utf-8');
  assert.equal(doc.rejected, undefined);
  assert.deepEqual(doc.diagnostics, []);
});

test('strips a UTF-8 BOM and records it', () => {
  const doc = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Hello there.')]), source);
  assert.equal(doc.text, 'Hello there.');
  assert.equal(doc.diagnostics[0]?.ruleId, 'ingest:bom');
  assert.equal(doc.source.encoding, 'utf-8');
});

const utf16le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
const utf16be = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le').swap16());

test('UTF-16 with a byte order mark is decoded, little- or big-endian, not taken for binary', () => {
  const text = 'Putin met Xi in Beijing. Café 𝒳.\r\n';
  for (const [bytes, encoding] of [
    [new Uint8Array([0xff, 0xfe, ...utf16le(text)]), 'utf-16le'],
    [new Uint8Array([0xfe, 0xff, ...utf16be(text)]), 'utf-16be'],
  ] as const) {
    const doc = decodeBytes(bytes, source);
    assert.equal(doc.rejected, undefined, JSON.stringify(doc.diagnostics));
    assert.equal(doc.text, text);
    assert.equal(doc.source.encoding, encoding);
    assert.deepEqual(
      doc.diagnostics.map((d) => d.ruleId),
      ['ingest:bom'],
    );
  }
});

test('a declared charset decodes bytes without a byte order mark; a BOM overrides it', () => {
  const text = 'Kenya signed an agreement with Ethiopia.';
  const le = decodeBytes(utf16le(text), source, { charset: 'utf-16' });
  assert.equal(le.text, text);
  assert.equal(le.source.encoding, 'utf-16le');
  assert.equal(decodeBytes(utf16be(text), source, { charset: 'UTF-16BE' }).text, text);
  const latin = decodeBytes(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80]), source, {
    charset: 'iso-8859-1',
  });
  assert.equal(latin.text, 'Café €');
  assert.deepEqual(latin.diagnostics, [], 'declared, so no invalid-UTF-8 warning');
  const bomWins = decodeBytes(new Uint8Array([0xfe, 0xff, ...utf16be(text)]), source, { charset: 'utf-8' });
  assert.equal(bomWins.text, text);
  const unknown = decodeBytes(utf8(text), source, { charset: 'x-klingon' });
  assert.equal(unknown.rejected, true);
  assert.equal(unknown.diagnostics.at(-1)?.ruleId, 'ingest:unsupported-charset');
});

test('UTF-16 still goes through the text check: NUL characters, odd lengths, lone surrogates', () => {
  const nul = decodeBytes(new Uint8Array([0xff, 0xfe, ...utf16le('ab\u0000c')]), source);
  assert.equal(nul.rejected, true);
  assert.equal(nul.diagnostics.at(-1)?.ruleId, 'ingest:binary');
  const odd = decodeBytes(new Uint8Array([0xff, 0xfe, ...utf16le('Some text.'), 0x41]), source);
  assert.equal(odd.text, 'Some text.');
  assert.ok(odd.diagnostics.some((d) => d.ruleId === 'ingest:invalid-utf16'));
  const lone = decodeBytes(new Uint8Array([0xff, 0xfe, ...utf16le('Some \ud800 text.')]), source);
  assert.equal(lone.text, 'Some \ufffd text.');
  assert.equal(lone.diagnostics.at(-1)?.ruleId, 'ingest:lone-surrogate');
  assert.equal(lone.diagnostics.at(-1)?.start, 5);
});

test('a NUL after a UTF-8 byte order mark is reported at its offset in the input', () => {
  const doc = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0x00]), source);
  assert.equal(doc.diagnostics.at(-1)?.actual, '0x00@4');
});

test('empty and whitespace-only input is rejected', () => {
  for (const bytes of [new Uint8Array(), utf8(' \r\n\t ')]) {
    const doc = decodeBytes(bytes, source);
    assert.equal(doc.rejected, true);
    assert.equal(doc.text, '');
    assert.equal(doc.diagnostics.at(-1)?.ruleId, 'ingest:empty');
    assert.equal(doc.diagnostics.at(-1)?.severity, 'error');
  }
});

test('NUL bytes or many control characters mean binary', () => {
  const nul = decodeBytes(new Uint8Array([0x48, 0x69, 0x00, 0x21]), source);
  assert.equal(nul.rejected, true);
  assert.equal(nul.diagnostics[0]?.ruleId, 'ingest:binary');
  assert.match(nul.diagnostics[0]?.reason ?? '', /byte 2/);
  const controls = decodeBytes(new Uint8Array([0x01, 0x02, 0x41, 0x03, 0x42, 0x1b]), source);
  assert.equal(controls.diagnostics[0]?.ruleId, 'ingest:binary');
  assert.equal(decodeBytes(utf8('Tabs\tand\fform feeds are text.'), source).rejected, undefined);
});

test('invalid UTF-8 is decoded as windows-1252 with a warning naming the first bad byte', () => {
  // "Café – naïve" in windows-1252: é = E9, – = 96, ï = EF
  const bytes = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65]);
  const doc = decodeBytes(bytes, source);
  assert.equal(doc.text, 'Café – naïve');
  assert.equal(doc.source.encoding, 'windows-1252');
  assert.equal(doc.rejected, undefined);
  assert.equal(doc.diagnostics[0]?.ruleId, 'ingest:invalid-utf8');
  assert.equal(doc.diagnostics[0]?.severity, 'warning');
  assert.equal(doc.diagnostics[0]?.actual, '0xE9@3');
});

test('firstInvalidUtf8 finds truncated, overlong and surrogate sequences', () => {
  assert.equal(firstInvalidUtf8(utf8('ok é 𝒳')), utf8('ok é 𝒳').length);
  assert.equal(firstInvalidUtf8(new Uint8Array([0x41, 0xc3])), 1);
  assert.equal(firstInvalidUtf8(new Uint8Array([0x41, 0xc0, 0x80])), 1);
  assert.equal(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80])), 0);
});

test('over the size limit is rejected before decoding, quickly even at 50 MB', () => {
  const small = decodeBytes(utf8('This text is too long.'), source, { maxBytes: 10 });
  assert.equal(small.rejected, true);
  assert.equal(small.diagnostics[0]?.ruleId, 'ingest:too-large');
  const huge = new Uint8Array(50 * 1024 * 1024).fill(0x61);
  const started = performance.now();
  const doc = decodeBytes(huge, source);
  assert.ok(performance.now() - started < 50, 'rejected without scanning the bytes');
  assert.equal(doc.rejected, true);
  assert.equal(doc.text, '');
  assert.equal(doc.diagnostics[0]?.actual, String(50 * 1024 * 1024));
});

test('an invalid published date is dropped with a warning; a valid one is kept', () => {
  const bad = decodeBytes(utf8('Some text.'), { ...source, published: '2024-02-30' });
  assert.equal(bad.source.published, undefined);
  assert.equal(bad.diagnostics[0]?.ruleId, 'ingest:bad-published');
  const good = decodeBytes(utf8('Some text.'), { ...source, published: '2024-05-16' });
  assert.equal(good.source.published, '2024-05-16');
  assert.ok(isValidPublished('2024-05-16T09:30:00Z'));
  assert.ok(isValidPublished('2024-05-16T09:30:00.123+08:00'));
  assert.ok(!isValidPublished('16/05/2024'));
  assert.ok(!isValidPublished('2024-13-01'));
});

test('impossible publication dates are refused, with the reason', () => {
  for (const ok of [
    '2024-02-29',
    '1000-01-01',
    '9998-12-31',
    '2024-05-16T09:30:00+14:00',
    '2024-05-16T09:30:00-12:00',
    '2024-05-16T09:30+0530',
    '2016-12-31T23:59:60Z',
  ]) {
    assert.ok(isValidPublished(ok), ok);
  }
  const refused: [string, RegExp][] = [
    ['2024-02-30', /no day 30 in 2024-02/],
    ['2023-02-29', /no day 29/],
    ['2100-02-29', /no day 29/],
    ['0000-01-01', /year 0000 is outside 1000–9998/],
    ['0001-01-01', /year 0001/],
    ['9999-12-31', /year 9999/],
    ['2024-05-16T09:30:00+99:99', /no UTC offset \+99:99/],
    ['2024-05-16T09:30:00+14:30', /no UTC offset/],
    ['2024-05-16T24:00:00Z', /no time of day 24:00:00/],
  ];
  for (const [value, why] of refused) {
    assert.equal(isValidPublished(value), false, value);
    const doc = decodeBytes(utf8('Some text.'), { ...source, published: value });
    assert.equal(doc.source.published, undefined, value);
    assert.match(doc.diagnostics[0]?.reason ?? '', why, value);
  }
});

test('a programmer error (not bytes) throws with what was found', () => {
  assert.throws(
    () => decodeBytes('text' as unknown as Uint8Array, source),
    /expected a Uint8Array .* instead found string/,
  );
});

test('decodeWindows1252 maps the 0x80–0x9F range to its punctuation', () => {
  assert.equal(decodeWindows1252(new Uint8Array([0x80, 0x93, 0x41, 0x94, 0x85, 0x99, 0xa3])), '€“A”…™£');
});

test('undeclared legacy encodings are detected: Shift_JIS, GB18030, Big5, EUC-KR, windows-1251', () => {
  const texts: [string, string][] = [
    ['shift_jis', '東京都は月曜日、新しい予算案を発表した。学校への支出は四パーセント増加する。'],
    ['gb18030', '国务院周一宣布了新的预算方案。学校支出将增加百分之四，道路计划连续第二年削减。'],
    ['big5', '國務院週一宣布了新的預算方案。學校支出將增加百分之四，道路計劃連續第二年削減。'],
    ['euc-kr', '정부는 월요일 새로운 예산안을 발표했다. 학교 지출은 4퍼센트 증가하고 도로 예산은 줄어든다.'],
    [
      'windows-1251',
      'Правительство объявило в понедельник о новом бюджете. Расходы на школы вырастут на четыре процента.',
    ],
  ];
  for (const [encoding, text] of texts) {
    const doc = decodeBytes(iconv.encode(text, encoding), source);
    assert.equal(doc.text, text, encoding);
    assert.equal(doc.source.encoding, encoding);
    assert.ok(doc.diagnostics.some((d) => d.ruleId === 'ingest:charset-detected' && d.actual === encoding));
    assert.equal(doc.diagnostics[0]?.ruleId, 'ingest:invalid-utf8');
  }
});

test('a declared charset wins over detection; latin-1 Western text stays windows-1252', () => {
  const text = 'Le café du coin a fermé ses portes – les habitués sont « déçus », dit-on.';
  const western = decodeBytes(iconv.encode(text, 'windows-1252'), source);
  assert.equal(western.text, text);
  assert.equal(western.source.encoding, 'windows-1252');
  assert.ok(!western.diagnostics.some((d) => d.ruleId === 'ingest:charset-detected'));
  const sjis = iconv.encode('東京都は月曜日、新しい予算案を発表した。', 'shift_jis');
  const declared = decodeBytes(sjis, source, { charset: 'shift_jis' });
  assert.equal(declared.text, '東京都は月曜日、新しい予算案を発表した。');
  assert.equal(declared.diagnostics.length, 0);
  const gb = decodeBytes(iconv.encode('国务院周一宣布了新的预算方案。', 'gb18030'), source, {
    charset: 'gbk',
  });
  assert.equal(gb.source.encoding, 'gbk');
  assert.equal(gb.text, '国务院周一宣布了新的预算方案。');
});

test('UTF-16 without a byte order mark is told by its zero bytes, either way round', () => {
  const text = 'The council approved the new budget on Monday – “at last”.';
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    const doc = decodeBytes(iconv.encode(text, encoding), source);
    assert.equal(doc.text, text, encoding);
    assert.equal(doc.source.encoding, encoding);
    assert.equal(doc.diagnostics[0]?.ruleId, 'ingest:charset-detected');
  }
  // Zero bytes everywhere are still binary.
  assert.equal(decodeBytes(new Uint8Array(64), source).rejected, true);
});

test('bytes a legacy encoding cannot map become U+FFFD with a warning', () => {
  // 0x81 0x20 is no Shift_JIS character.
  const bytes = Buffer.concat([
    iconv.encode('予算案', 'shift_jis'),
    Buffer.from([0x81, 0x20]),
    iconv.encode('発表', 'shift_jis'),
  ]);
  const doc = decodeBytes(bytes, source, { charset: 'shift_jis' });
  assert.ok(doc.text.startsWith('予算案\ufffd'));
  assert.ok(doc.text.endsWith('発表'));
  assert.equal(doc.diagnostics.at(-1)?.ruleId, 'ingest:invalid-bytes');
});
