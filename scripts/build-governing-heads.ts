/**
 * Derives the governing heads of `src/rules/events/governing-heads.json` from TimeML: the words
 * that TimeBank 1.2 and AQUAINT (TempEval-3 TBAQ-cleaned) annotate as intensional events
 * (class I_STATE or I_ACTION) and as the source of a subordination link (SLINK) to an event they
 * govern through "to" or "of" ("plans to deport", "the prospect of agreeing"). A MODAL link makes
 * the governed event non-asserted (hypothetical or, for the intention words listed in the JSON,
 * future); a COUNTER_FACTIVE or NEG_EVIDENTIAL link makes it negated ("declined to comment").
 * Implicative verbs ("managed to", "helped to"; Karttunen 1971), which TimeBank also links as
 * MODAL, are set aside: their complement happened.
 *
 *   npx tsx scripts/build-governing-heads.ts --timeml ../shared/data/eval/timex/tempeval3 [--write]
 *
 * Without --write it prints the lists and the counts behind them.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    timeml: { type: 'string', default: '../shared/data/eval/timex/tempeval3' },
    write: { type: 'boolean', default: false },
    min: { type: 'string', default: '2' },
  },
});

const target = 'src/rules/events/governing-heads.json';
const data = JSON.parse(readFileSync(target, 'utf8'));
const implicatives = new Set<string>(data.implicatives.words);
// Reporting verbs are listed once (src/rules/lexicon/reporting-verbs.json); as triggers they absorb
// what they govern, so they need no entry here.
const reporting = JSON.parse(readFileSync('src/rules/lexicon/reporting-verbs.json', 'utf8'));
const reportingVerbs = new Set<string>(
  ['neutral', 'evaluative', 'cognition'].flatMap((k) =>
    Array.isArray(reporting[k]) ? reporting[k] : (reporting[k]?.words ?? []),
  ),
);
const min = Number(args.min);

interface Tally {
  modal: number;
  negative: number;
  factive: number;
  intensional: number;
  events: number;
}
const tally = new Map<string, Tally>();
const get = (w: string): Tally => {
  let t = tally.get(w);
  if (!t) {
    t = { modal: 0, negative: 0, factive: 0, intensional: 0, events: 0 };
    tally.set(w, t);
  }
  return t;
};

const attrs = (s: string): Record<string, string> =>
  Object.fromEntries([...s.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] as string, m[2] as string]));

for (const folder of ['TimeBank', 'AQUAINT']) {
  const dir = join(args.timeml as string, folder);
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.tml'))) {
    const xml = readFileSync(join(dir, name), 'utf8');
    const body = xml.slice(xml.indexOf('<TEXT>'), xml.indexOf('</TEXT>'));
    // Event positions in the text with the tags stripped, so the words between two events can be read.
    const events = new Map<string, { word: string; cls: string; start: number; end: number }>();
    let plain = '';
    let last = 0;
    for (const m of body.matchAll(/<EVENT ([^>]*)>([^<]*)<\/EVENT>|<[^>]+>/g)) {
      plain += body.slice(last, m.index);
      last = (m.index as number) + m[0].length;
      if (m[1] !== undefined) {
        const a = attrs(m[1]);
        const word = (m[2] as string).toLowerCase();
        events.set(a.eid as string, {
          word,
          cls: a.class as string,
          start: plain.length,
          end: plain.length + word.length,
        });
        plain += m[2];
        const t = get(word);
        t.events++;
        if (a.class === 'I_STATE' || a.class === 'I_ACTION') t.intensional++;
      }
    }
    const instances = new Map<string, string>();
    for (const m of xml.matchAll(/<MAKEINSTANCE ([^>]*)>/g)) {
      const a = attrs(m[1] as string);
      instances.set(a.eiid as string, a.eventID as string);
    }
    for (const m of xml.matchAll(/<SLINK ([^>]*)>/g)) {
      const a = attrs(m[1] as string);
      const source = events.get(instances.get(a.eventInstanceID as string) ?? '');
      const governed = events.get(instances.get(a.subordinatedEventInstance as string) ?? '');
      if (!source || !governed || governed.start <= source.end) continue;
      const between = plain.slice(source.end, governed.start).toLowerCase().split(/\s+/).filter(Boolean);
      if (between.length > 5 || !(between.includes('to') || between.includes('of'))) continue;
      const t = get(source.word);
      if (a.relType === 'MODAL') t.modal++;
      else if (a.relType === 'COUNTER_FACTIVE' || a.relType === 'NEG_EVIDENTIAL') t.negative++;
      else if (a.relType === 'FACTIVE' || a.relType === 'EVIDENTIAL') t.factive++;
    }
  }
}

const pick = (key: 'modal' | 'negative') =>
  [...tally]
    .filter(
      ([w, t]) =>
        /^[a-z]+$/.test(w) &&
        !implicatives.has(w) &&
        !reportingVerbs.has(w) &&
        t[key] >= min &&
        t.factive * 2 < t[key] &&
        t.intensional * 2 >= t[key],
    )
    .map(([w]) => w)
    .sort();
const modal = pick('modal');
const negative = pick('negative').filter((w) => !modal.includes(w));
for (const w of [...modal, ...negative]) console.log(w, JSON.stringify(tally.get(w)));
console.log(`modal ${modal.length}, negative ${negative.length}`);
if (args.write) {
  data.timeml.modal.words = modal;
  data.timeml.negative.words = negative;
  writeFileSync(target, `${JSON.stringify(data, null, 2)}\n`);
}
