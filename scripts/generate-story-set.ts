// Writes eval/clusters/articles.jsonl: a labelled set of short news reports for the `clusters` suite
// (issue 11 item 7), generated here from templates written here. Deterministic (a fixed seed):
//
//   npx tsx scripts/generate-story-set.ts [--out eval/clusters] [--seed 11]
//
// Each pair of actors (two leaders of two countries) has four stories: three of different kinds
// (talks, a deal, sanctions, an accusation, drills, expulsions, aid, a prisoner swap, a border clash, a
// protest, a threat) and a follow-up of the first kind weeks later, with other particulars. So every
// story has distractors with the same actors, some in the same week, and stories of the same kind
// between other actors on nearby days. A story is told by 5 to 9 outlets over up to three days, each
// report built from the kind's headlines, leads and detail sentences (a random few, in random order),
// with sentences about the pair's relations in general and boilerplate shared across stories mixed in.
// Pairs of actors alternate between the tuning half and the held-out half (`half`), so each half
// holds whole pairs with all their distractors.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom as seeded } from '../src/core/random.js';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: resolve(import.meta.dirname, '../eval/clusters') },
    seed: { type: 'string', default: '11' },
  },
});

const random = seeded(Number(args.seed));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
function sample<T>(list: readonly T[], n: number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

interface Actor {
  name: string;
  surname: string;
  title: string;
  country: string;
  adj: string;
  capital: string;
  cities: string[];
}

const A = (
  name: string,
  surname: string,
  title: string,
  country: string,
  adj: string,
  capital: string,
  cities: string[],
): Actor => ({ name, surname, title, country, adj, capital, cities });

const PUTIN = A('Vladimir Putin', 'Putin', 'President', 'Russia', 'Russian', 'Moscow', [
  'St Petersburg',
  'Sochi',
  'Kazan',
]);
const XI = A('Xi Jinping', 'Xi', 'President', 'China', 'Chinese', 'Beijing', [
  'Shanghai',
  'Tianjin',
  'Harbin',
]);
const BIDEN = A('Joe Biden', 'Biden', 'President', 'the United States', 'American', 'Washington', [
  'New York',
  'San Francisco',
]);
const MACRON = A('Emmanuel Macron', 'Macron', 'President', 'France', 'French', 'Paris', [
  'Marseille',
  'Lyon',
]);
const SCHOLZ = A('Olaf Scholz', 'Scholz', 'Chancellor', 'Germany', 'German', 'Berlin', ['Hamburg', 'Munich']);
const MODI = A('Narendra Modi', 'Modi', 'Prime Minister', 'India', 'Indian', 'New Delhi', [
  'Mumbai',
  'Kolkata',
]);
const SHARIF = A('Shehbaz Sharif', 'Sharif', 'Prime Minister', 'Pakistan', 'Pakistani', 'Islamabad', [
  'Lahore',
  'Karachi',
]);
const ERDOGAN = A('Recep Tayyip Erdogan', 'Erdogan', 'President', 'Turkey', 'Turkish', 'Ankara', [
  'Istanbul',
  'Izmir',
]);
const NETANYAHU = A('Benjamin Netanyahu', 'Netanyahu', 'Prime Minister', 'Israel', 'Israeli', 'Jerusalem', [
  'Tel Aviv',
  'Haifa',
]);
const KHAMENEI = A('Ali Khamenei', 'Khamenei', 'Supreme Leader', 'Iran', 'Iranian', 'Tehran', [
  'Isfahan',
  'Tabriz',
]);
const KIM = A('Kim Jong Un', 'Kim', 'leader', 'North Korea', 'North Korean', 'Pyongyang', [
  'Wonsan',
  'Kaesong',
]);
const YOON = A('Yoon Suk Yeol', 'Yoon', 'President', 'South Korea', 'South Korean', 'Seoul', [
  'Busan',
  'Incheon',
]);
const KISHIDA = A('Fumio Kishida', 'Kishida', 'Prime Minister', 'Japan', 'Japanese', 'Tokyo', [
  'Osaka',
  'Hiroshima',
]);
const LULA = A('Luiz Inacio Lula da Silva', 'Lula', 'President', 'Brazil', 'Brazilian', 'Brasilia', [
  'Sao Paulo',
  'Rio de Janeiro',
]);
const MILEI = A('Javier Milei', 'Milei', 'President', 'Argentina', 'Argentine', 'Buenos Aires', [
  'Cordoba',
  'Rosario',
]);
const RAMAPHOSA = A(
  'Cyril Ramaphosa',
  'Ramaphosa',
  'President',
  'South Africa',
  'South African',
  'Pretoria',
  ['Johannesburg', 'Cape Town'],
);
const TINUBU = A('Bola Tinubu', 'Tinubu', 'President', 'Nigeria', 'Nigerian', 'Abuja', ['Lagos', 'Kano']);
const ZELENSKY = A('Volodymyr Zelensky', 'Zelensky', 'President', 'Ukraine', 'Ukrainian', 'Kyiv', [
  'Lviv',
  'Odesa',
]);
const LUKASHENKO = A('Alexander Lukashenko', 'Lukashenko', 'President', 'Belarus', 'Belarusian', 'Minsk', [
  'Brest',
  'Gomel',
]);
const TUSK = A('Donald Tusk', 'Tusk', 'Prime Minister', 'Poland', 'Polish', 'Warsaw', ['Gdansk', 'Krakow']);

const PAIRS: [Actor, Actor][] = [
  [PUTIN, XI],
  [BIDEN, XI],
  [MACRON, SCHOLZ],
  [MODI, SHARIF],
  [ERDOGAN, PUTIN],
  [NETANYAHU, KHAMENEI],
  [KIM, YOON],
  [KISHIDA, YOON],
  [LULA, MILEI],
  [RAMAPHOSA, TINUBU],
  [ZELENSKY, LUKASHENKO],
  [TUSK, LUKASHENKO],
];

/** Sentences about a pair's relations in general: shared by all of its stories. */
const BACKGROUND = [
  'Relations between {Ac} and {Bc} have swung between rivalry and cooperation for decades.',
  '{Ac} is one of the largest trading partners of {Bc}.',
  'The two governments have clashed repeatedly over policy in recent years.',
  '{a} and {b} last spoke by telephone earlier this year.',
  'Analysts say ties between {Acap} and {Bcap} remain fragile.',
  'Both countries have stepped up diplomatic contacts since the start of the year.',
];

/** A sentence referring to another recent story of the same pair (its recap). */
const CONTEXT = [
  'The news comes days after {recap}.',
  'It follows {recap} earlier this month.',
  'Tensions had already risen over {recap}.',
  'Relations were also tested by {recap}.',
];

/** Boilerplate any report may carry. */
const GENERIC = [
  'Further details were not immediately available.',
  'The foreign ministry did not respond to a request for comment.',
  'This is a developing story and will be updated.',
  'Additional reporting by our correspondents.',
  'Markets showed little immediate reaction to the news.',
];

interface Kind {
  id: string;
  /** The story in a few words, for reports of another story of the pair that refer back to it. */
  recap: string;
  /** Particulars a story of this kind draws once, shared by all its reports. */
  topics: string[];
  headlines: string[];
  leads: string[];
  details: string[];
}

const KINDS: Kind[] = [
  {
    id: 'talks',
    recap: 'the talks in {city} on {topic}',
    topics: [
      'energy cooperation',
      'grain exports',
      'regional security',
      'a ceasefire plan',
      'visa rules',
      'nuclear power',
    ],
    headlines: [
      '{a} and {b} hold talks in {city}',
      '{Aadj} and {Badj} leaders meet in {city}',
      '{a} meets {b} as {topic} tops agenda',
      'Talks in {city}: {a} and {b} discuss {topic}',
    ],
    leads: [
      '{A} met {B} in {city} on {day} for talks focused on {topic}.',
      '{Aadj} {Atitle} {A} held talks with {Badj} {Btitle} {B} in {city} on {day}, officials said.',
      'The leaders of {Ac} and {Bc} sat down in {city} on {day} to discuss {topic}.',
      '{B} hosted {A} for a day of talks in {city}, with {topic} at the top of the agenda.',
    ],
    details: [
      'The two delegations spent more than {n} hours behind closed doors.',
      'A joint statement said the discussion of {topic} had been frank and useful.',
      'Aides said {a} pressed {b} on {topic} during a working dinner.',
      'Both sides agreed to meet again before the end of the year.',
      'Officials in {Acap} described the atmosphere of the meeting as constructive.',
      'The talks in {city} ran late into the evening, according to a diplomat present.',
      '"We understand each other better now," {b} told reporters after the meeting.',
    ],
  },
  {
    id: 'deal',
    recap: '{topic} signed in {city}',
    topics: [
      'a gas supply contract',
      'a free trade agreement',
      'a rare earth minerals deal',
      'a port construction deal',
      'a currency swap line',
      'a railway contract',
    ],
    headlines: [
      '{Ac} and {Bc} sign {topic}',
      '{a} and {b} seal {topic} worth {usd} billion',
      '{Ac}, {Bc} agree {topic} in {city}',
      '{usd} billion: {Aadj}-{Badj} {topic} signed',
    ],
    leads: [
      '{Ac} and {Bc} signed {topic} worth {n} billion dollars in {city} on {day}.',
      'Ministers from {Ac} and {Bc} put their names to {topic} on {day}, in a ceremony attended by {a}.',
      '{A} and {B} agreed {topic} valued at about {usd} billion, officials said on {day}.',
    ],
    details: [
      'The agreement, worth {usd} billion, runs for ten years.',
      'Under the terms, the first deliveries are due next spring.',
      'Business groups in {Bcap} welcomed the deal signed in {city}.',
      'Officials said the {usd} billion package had taken two years to negotiate.',
      'Critics in {Acap} said the terms of {topic} favoured the other side.',
      'The signing ceremony in {city} was broadcast live on state television.',
    ],
  },
  {
    id: 'sanctions',
    recap: 'sanctions over {topic}',
    topics: [
      'missile tests',
      'human rights abuses',
      'a cyberattack on banks',
      'election interference',
      'arms sales',
      'the seizure of a tanker',
    ],
    headlines: [
      '{Ac} imposes sanctions on {Bc} over {topic}',
      'New {Aadj} sanctions target {Badj} firms',
      '{Ac} blacklists {n} {Badj} companies over {topic}',
      'Sanctions: {Acap} hits {Bcap} over {topic}',
    ],
    leads: [
      '{Ac} imposed sanctions on {n} {Badj} companies and officials on {day} over {topic}.',
      'The government of {Ac} announced fresh sanctions against {Bc} on {day}, citing {topic}.',
      '{Aadj} authorities froze the assets of {n} {Badj} entities on {day} in response to {topic}.',
    ],
    details: [
      'The measures freeze assets and ban travel for {n} people and firms.',
      '{Bcap} called the sanctions illegal and promised a response.',
      'The sanctions over {topic} take effect immediately.',
      'Officials in {Acap} said more measures could follow.',
      'Exporters in {Bc} said the blacklisting would cost them dearly.',
      '"These penalties are a warning," a spokesman for {a} said.',
    ],
  },
  {
    id: 'accusation',
    recap: 'accusations of {topic}',
    topics: [
      'spying on its navy',
      'hacking government email servers',
      'smuggling weapons across the border',
      'dumping cheap steel',
      'meddling in its elections',
      'jamming airline navigation',
    ],
    headlines: [
      '{Ac} accuses {Bc} of {topic}',
      '{a} says {Bc} behind {topic}',
      '{Acap} blames {Bcap} for {topic}',
    ],
    leads: [
      '{Ac} accused {Bc} on {day} of {topic}, a charge {Bcap} denied.',
      '{A} said on {day} that {Bc} was responsible for {topic}.',
      'Officials in {Acap} blamed {Bc} on {day} for {topic}, saying they had clear evidence.',
    ],
    details: [
      '{Bcap} rejected the accusation as baseless.',
      'The foreign ministry in {Acap} summoned the {Badj} ambassador over the matter.',
      'Investigators said they had traced the activity to {Badj} state agencies.',
      '"We have the evidence and we will publish it," {a} said.',
      'Officials said it was one of {n} such cases this year.',
    ],
  },
  {
    id: 'drills',
    recap: 'military drills near {topic}',
    topics: [
      'the Black Sea',
      'the border region',
      'the northern coast',
      'disputed waters',
      'the mountain frontier',
    ],
    headlines: [
      '{Ac} launches military drills near {Bc}',
      '{n} thousand {Aadj} troops in exercises near {topic}',
      '{Aadj} war games alarm {Bcap}',
    ],
    leads: [
      '{Ac} began large military exercises near {topic} on {day}, involving about {n} thousand troops.',
      'Some {n} thousand {Aadj} soldiers took part in drills near {topic} on {day}, alarming {Bc}.',
      'The armed forces of {Ac} started war games in {topic} on {day}, the defence ministry said.',
    ],
    details: [
      'Warships and fighter jets joined the exercises.',
      '{Bcap} called the drills a provocation and put its forces on alert.',
      'The defence ministry in {Acap} said the drills were planned long ago.',
      'Satellite images showed tanks moving towards {topic}.',
      'The exercises are due to last {n} days.',
    ],
  },
  {
    id: 'expulsions',
    recap: 'the expulsion of {n} diplomats',
    topics: [
      'espionage',
      'interference in domestic affairs',
      'activities incompatible with their status',
      'a diplomatic row',
    ],
    headlines: [
      '{Ac} expels {n} {Badj} diplomats',
      '{Acap} orders {Badj} envoys out over {topic}',
      '{n} {Badj} diplomats told to leave {Ac}',
    ],
    leads: [
      '{Ac} expelled {n} {Badj} diplomats on {day}, accusing them of {topic}.',
      'The foreign ministry of {Ac} ordered {n} diplomats from {Bc} to leave the country within a week, citing {topic}.',
      '{Acap} declared {n} {Badj} embassy staff persona non grata on {day} over {topic}.',
    ],
    details: [
      'The diplomats have seven days to leave the country.',
      '{Bcap} said it would respond in kind.',
      'The expulsions are the largest since the end of the Cold War, officials said.',
      'The {Badj} embassy in {Acap} said the accusations of {topic} were invented.',
    ],
  },
  {
    id: 'aid',
    recap: 'aid pledged after {topic}',
    topics: ['an earthquake', 'floods', 'a cyclone', 'wildfires', 'a drought'],
    headlines: [
      '{Ac} pledges aid to {Bc} after {topic}',
      '{a} offers {usd} million to {Bc} hit by {topic}',
      'Relief from {Ac} heads to {Bc} after {topic}',
    ],
    leads: [
      '{Ac} pledged {n} million dollars in emergency aid to {Bc} on {day} after {topic} struck the country.',
      '{A} announced {usd} million in relief for {Bc} on {day}, days after {topic} left thousands homeless.',
      'Planes carrying tents, food and medicine left {Acap} for {Bc} on {day} following {topic}.',
    ],
    details: [
      'Rescue teams from {Ac} were also sent to the worst-hit areas.',
      'Officials in {Bcap} thanked {Ac} for the help.',
      'The {usd} million package includes water purification equipment.',
      'Aid agencies say hundreds of thousands need shelter after {topic}.',
      'The first cargo flight landed in {city} on {day}.',
    ],
  },
  {
    id: 'swap',
    recap: 'a prisoner exchange that freed {topic}',
    topics: ['journalists', 'soldiers', 'fishermen', 'students', 'aid workers'],
    headlines: [
      '{Ac} and {Bc} swap prisoners',
      '{n} prisoners freed in {Aadj}-{Badj} exchange',
      'Prisoner exchange between {Acap} and {Bcap} frees {topic}',
    ],
    leads: [
      '{Ac} and {Bc} exchanged {n} prisoners, among them {topic}, at {city} airport on {day}.',
      'A prisoner swap between {Ac} and {Bc} freed {n} people on {day}, including several {topic}.',
      '{n} detainees, most of them {topic}, were released on {day} in an exchange brokered by mediators.',
    ],
    details: [
      'Families waited for hours at the airport in {city}.',
      'The exchange followed months of secret negotiations.',
      '{a} thanked the mediators who arranged the swap.',
      'Among those freed were {topic} held for more than a year.',
    ],
  },
  {
    id: 'clash',
    recap: 'a deadly clash at {topic}',
    topics: ['a disputed river crossing', 'a mountain pass', 'a border village', 'a frontier post'],
    headlines: [
      'Soldiers killed in {Aadj}-{Badj} border clash',
      '{n} dead as {Ac} and {Bc} troops clash near {topic}',
      'Deadly fighting at {topic} on {Aadj} border',
    ],
    leads: [
      '{n} soldiers were killed on {day} when troops from {Ac} and {Bc} clashed near {topic}.',
      'Fighting broke out between {Aadj} and {Badj} forces at {topic} on {day}, leaving {n} dead.',
      'Border guards of {Ac} and {Bc} exchanged fire near {topic} on {day}, killing {n}.',
    ],
    details: [
      'Each side blamed the other for opening fire.',
      'Local officials said several villagers were wounded.',
      'Calm returned to {topic} by the evening, residents said.',
      '{a} called for restraint after the clash.',
    ],
  },
  {
    id: 'protest',
    recap: 'protests over {topic}',
    topics: [
      'fishing rights',
      'the treatment of migrants',
      'a disputed election',
      'a trade dispute',
      'a border wall',
    ],
    headlines: [
      'Protesters rally outside {Badj} embassy in {Acap}',
      'Thousands protest against {Bc} in {Acap} over {topic}',
      '{Aadj} crowds march on {Badj} embassy over {topic}',
    ],
    leads: [
      'About {n} thousand people protested outside the {Badj} embassy in {Acap} on {day} over {topic}.',
      'Crowds marched through {Acap} on {day} to protest against {Bc} over {topic}.',
      'Demonstrators gathered in front of the {Badj} embassy in {Acap} on {day}, angry about {topic}.',
    ],
    details: [
      'Police kept the crowd away from the embassy gates.',
      'Protesters burned flags and chanted slogans against {b}.',
      'Organisers said {n} thousand people took part.',
      'The embassy of {Bc} closed its consular section for the day.',
    ],
  },
  {
    id: 'threat',
    recap: 'warnings over {topic}',
    topics: ['troop movements', 'a new missile base', 'a blockade of ports', 'gas supplies'],
    headlines: [
      '{a} warns {Bc} of consequences over {topic}',
      '{Ac} threatens {Bc} over {topic}',
      '{a} issues warning to {Bcap} on {topic}',
    ],
    leads: [
      '{A} warned {Bc} on {day} that it would face consequences over {topic}.',
      '{Ac} threatened to retaliate against {Bc} on {day} over {topic}.',
      'In a televised speech on {day}, {A} told {Bc} to stop {topic} or face a response.',
    ],
    details: [
      '"Our patience has limits," {a} said.',
      '{Bcap} dismissed the warning as bluster.',
      'The remarks over {topic} raised tensions in the region.',
      'Diplomats said the threat was aimed at a domestic audience.',
    ],
  },
];

const OUTLETS = [
  'https://www.bbc.co.uk/news/',
  'https://www.reuters.com/world/',
  'https://apnews.com/article/',
  'https://www.aljazeera.com/news/',
  'https://www.france24.com/en/',
  'https://www.dw.com/en/',
  'https://www.theguardian.com/world/',
  'https://www.nytimes.com/',
  'https://www.scmp.com/news/',
  'https://www.hindustantimes.com/world-news/',
  'https://www.japantimes.co.jp/news/',
  'https://www.abc.net.au/news/',
  'https://www.cbc.ca/news/',
  'https://www.euronews.com/',
  'https://www.straitstimes.com/world/',
  'https://www.africanews.com/',
];

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

interface Story {
  id: string;
  kind: Kind;
  a: Actor;
  b: Actor;
  day: string;
  topic: string;
  city: string;
  n: number;
}

function fill(template: string, s: Story, day: string): string {
  const weekday = WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()] as string;
  const cap = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);
  const values: Record<string, string> = {
    A: s.a.name,
    B: s.b.name,
    // A leader is named by surname, or by office ("the Russian president"), as reports vary.
    a: random() < 0.7 ? s.a.surname : `the ${s.a.adj} ${s.a.title.toLowerCase()}`,
    b: random() < 0.7 ? s.b.surname : `the ${s.b.adj} ${s.b.title.toLowerCase()}`,
    Atitle: s.a.title,
    Btitle: s.b.title,
    Ac: s.a.country,
    Bc: s.b.country,
    Aadj: s.a.adj,
    Badj: s.b.adj,
    Acap: s.a.capital,
    Bcap: s.b.capital,
    city: s.city,
    topic: s.topic,
    n: String(s.n),
    usd: `$${s.n}`,
    day: weekday,
  };
  const text = template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);
  return cap(text);
}

// Four stories a pair: three kinds, and a follow-up of the first kind weeks later.
const stories: Story[] = [];
PAIRS.forEach(([x, y], p) => {
  const base = addDays('2024-01-08', p * 27 + int(0, 6));
  const kinds = sample(KINDS, 3);
  const offsets = [0, int(1, 4), int(8, 20), int(28, 45)];
  offsets.forEach((offset, k) => {
    const kind = (k === 3 ? kinds[0] : kinds[k]) as Kind;
    // Either side may act: the pair's countries swap roles from story to story.
    const [a, b] = random() < 0.5 ? [x, y] : [y, x];
    const earlier = stories.find((s) => s.kind === kind && s.id.startsWith(`p${p}-`));
    const topics = kind.topics.filter((t) => t !== earlier?.topic);
    const city = pick([a.capital, b.capital, ...a.cities, ...b.cities].filter((c) => c !== earlier?.city));
    stories.push({
      id: `p${p}-${kind.id}-${k}`,
      kind,
      a,
      b,
      day: addDays(base, offset),
      topic: pick(topics),
      city,
      n: int(3, 60),
    });
  });
});

/** Another story of the same pair within three weeks before this one, when there is one. */
function siblings(s: Story): Story | null {
  const pair = s.id.slice(0, s.id.indexOf('-'));
  const before = stories.filter((o) => {
    if (o === s || !o.id.startsWith(`${pair}-`)) return false;
    const days = (Date.parse(s.day) - Date.parse(o.day)) / 86_400_000;
    return days >= 0 && days <= 21;
  });
  return before.length > 0 ? pick(before) : null;
}

interface Article {
  story: string;
  half: 'tune' | 'test';
  uri: string;
  published: string;
  text: string;
}

const articles: Article[] = [];
let serial = 0;
for (const s of stories) {
  const count = int(5, 9);
  for (const outlet of sample(OUTLETS, count)) {
    const day = addDays(s.day, int(0, 2));
    // One report in five is a brief: a lead and one detail.
    const brief = random() < 0.2;
    const body = brief
      ? sample(s.kind.details, 1)
      : [...sample(s.kind.details, int(2, 4)), ...sample(BACKGROUND, int(0, 2))];
    const sentences = [
      fill(pick(s.kind.leads), s, s.day),
      ...sample(body, body.length).map((t) => fill(t, s, s.day)),
    ];
    const sibling = siblings(s);
    if (sibling && !brief && random() < 0.4) {
      const recap = fill(sibling.kind.recap, sibling, sibling.day);
      sentences.push(pick(CONTEXT).replace('{recap}', recap.charAt(0).toLowerCase() + recap.slice(1)));
    }
    if (random() < 0.5) sentences.push(pick(GENERIC));
    const title = fill(pick(s.kind.headlines), s, s.day);
    const paragraphs: string[] = [];
    for (let k = 0; k < sentences.length; k += 2) paragraphs.push(sentences.slice(k, k + 2).join(' '));
    articles.push({
      story: s.id,
      half: Number(s.id.slice(1, s.id.indexOf('-'))) % 2 === 0 ? 'tune' : 'test',
      uri: `${outlet}${2024}${String(++serial).padStart(5, '0')}`,
      published: day,
      text: `${title}\n\n${paragraphs.join('\n\n')}\n`,
    });
  }
}
// The order reports arrive in: by day, shuffled within a day.
const arrival = sample(articles, articles.length).sort((x, y) =>
  x.published < y.published ? -1 : x.published > y.published ? 1 : 0,
);

mkdirSync(args.out as string, { recursive: true });
writeFileSync(
  join(args.out as string, 'articles.jsonl'),
  `${arrival.map((a) => JSON.stringify(a)).join('\n')}\n`,
);
console.log(
  `${arrival.length} articles in ${stories.length} stories (the pairs alternate between the tuning and the held-out half) → ${join(args.out as string, 'articles.jsonl')}`,
);
