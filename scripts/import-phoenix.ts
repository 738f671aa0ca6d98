// Compiles the Phoenix/PETRARCH actor and agent dictionaries into the knowledge base's format:
//
//   models/phoenix-1/actors.json   people, groups and organisations with their dated CAMEO codes
//   models/phoenix-1/agents.json   agent nouns ("naval units", "police chief") → CAMEO agent code
//   models/phoenix-1/places.json   places the country entries list as the country (Kabul → AFG)
//
//   npx tsx scripts/import-phoenix.ts [--dir ../shared/data/kb/petrarch2-dictionaries]
//   (npm run import:phoenix)
//
// The dictionaries are TABARI-format text: an entry opens with a name (words joined by `_`), `+`
// lines add synonyms, and `[CODE]` or `[CODE from-to]` lines (also `>from`, `<to`) give its codes,
// dated ones as dated. Dates are yymmdd or yyyymmdd; a two-digit year below 30 is 20yy. The
// importer keeps every name and every dated code as written; what a code means (country and
// sector) is decided when a document is analysed, by its date (src/kb/phoenix.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type Actor,
  isoDate,
  parseRole,
  phrase,
  plural,
  readActors,
  readAgents,
} from '../src/kb/read-phoenix-dictionaries.js';

const { values: args } = parseArgs({
  options: {
    dir: {
      type: 'string',
      default: resolve(import.meta.dirname, '../../shared/data/kb/petrarch2-dictionaries'),
    },
    out: { type: 'string', default: resolve(import.meta.dirname, '../models/phoenix-1') },
  },
});

// The readers moved to src/kb; the test and older callers import them from here.
export { isoDate, parseRole, phrase, plural, readActors, readAgents };

function main(): void {
  const files = [
    'Phoenix.Countries.actors.txt',
    'Phoenix.International.actors.txt',
    'Phoenix.MilNonState.actors.txt',
  ];
  const actors: Actor[] = [];
  const places = new Map<string, string>();
  for (const f of files) {
    const { actors: a, countryForms } = readActors(readFileSync(join(args.dir, f), 'utf8'));
    actors.push(...a);
    for (const [k, v] of countryForms) if (!places.has(k)) places.set(k, v);
    console.log(`${f}: ${a.length} actors, ${countryForms.size} country forms`);
  }
  const agents = readAgents(readFileSync(join(args.dir, 'Phoenix.agents.txt'), 'utf8'));
  console.log(`Phoenix.agents.txt: ${agents.size} agent phrases`);
  const source =
    'PETRARCH2 Phoenix dictionaries (Open Event Data Alliance, MIT), ../shared/data/kb/petrarch2-dictionaries; compiled by scripts/import-phoenix.ts (npm run import:phoenix) — do not edit by hand.';
  const write = (name: string, body: object) => {
    // One entry a line: diffs stay readable and the file stays compact.
    const entries = Object.entries(body)
      .map(([k, v]) => {
        if (Array.isArray(v))
          return `  ${JSON.stringify(k)}: [\n${v.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]`;
        return `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`;
      })
      .join(',\n');
    writeFileSync(join(args.out, name), `{\n${entries}\n}\n`);
  };
  write('actors.json', {
    description:
      'People, groups and organisations with their CAMEO codes (country + agent codes), dated roles kept as dated ([code, from, to]; from/to yyyy-mm-dd, "" or absent for open); names lowercase. Resolved by the document date in src/kb/phoenix.ts.',
    source,
    actors,
  });
  write('agents.json', {
    description:
      'Agent nouns and phrases (lowercase, regular plurals generated) → CAMEO agent code ("naval" → MIL, "state media" → GOVMED); the first three letters are the primary sector.',
    source,
    agents: [...agents].map(([p, c]) => [p, c]),
  });
  write('places.json', {
    description:
      'Names the country entries list as standing for the country: other names of the country, its cities and provinces (lowercase) → ISO3-style CAMEO country code.',
    source,
    places: [...places].map(([p, c]) => [p, c]),
  });
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
