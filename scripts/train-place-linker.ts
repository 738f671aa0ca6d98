/**
 * Trains the learned place linker (`src/stages/05-events/place-linker.ts`) on Halterman's
 * event-location annotations and writes `models/event-place-<version>.model` (gzipped JSON) with
 * its manifest `models/event-place-<version>.json`:
 *
 *   npx tsx scripts/train-place-linker.ts [--data ../shared/data/eval/event-location/records.jsonl] [--version 1]
 *
 * Every sentence is analysed by the pipeline; each place candidate of its gold verb is an example
 * (a gold place or not); the threshold under which the best candidate is left unlinked is chosen on
 * out-of-fold scores (`fitPlaceLinker`). The `events-location` suite scores this set, so it reports
 * the linker 5-fold cross-validated, never this model.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createDoc } from '../src/core/doc.js';
import { modelsDir } from '../src/core/ml/model-files.js';
import { placeSentenceOf, readLocationRecords } from '../src/eval/suites/events-location.js';
import { analyzeDoc } from '../src/pipeline.js';
import { fitPlaceLinker } from '../src/stages/05-events/place-linker-fit.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const data = arg(
  '--data',
  join(
    import.meta.dirname,
    '..',
    '..',
    'shared',
    'data',
    'eval',
    'events',
    'event-location',
    'records.jsonl',
  ),
);
const version = `event-place-${arg('--version', '1')}`;

const records = readLocationRecords(readFileSync(data, 'utf8'));
// Read before the linker exists: the rules' reading is a feature, the shipped linker is not.
const sentences = records.map((record) =>
  placeSentenceOf(
    analyzeDoc(createDoc(record.text, { uri: 'train:event-location', mediaType: 'text/plain' })),
    record,
  ),
);
const model = fitPlaceLinker(sentences, { version });
writeFileSync(join(modelsDir, `${version}.model`), gzipSync(JSON.stringify(model), { level: 9 }));
const candidates = sentences.reduce((n, s) => n + s.candidates.length, 0);
const manifest = {
  model: `${version}.model`,
  version,
  task: 'which place a sentence names is where the event of a given verb happened, or none (events stage location)',
  trainedOn: {
    'event-location': `records.jsonl (Halterman 2019), ${records.length} sentences with one gold verb, ${candidates} place candidates`,
  },
  scoredBy: 'events-location, 5-fold cross-validated (this model is never scored there)',
  features: 'src/stages/05-events/place-linker.ts placeCandidates',
  training: { epochs: 20, l2: 1e-5, seed: 7, minCount: 2, thresholdBy: '3-fold out-of-fold accuracy' },
  threshold: model.threshold,
  featureCount: model.features.length,
  command: 'npx tsx scripts/train-place-linker.ts',
};
writeFileSync(join(modelsDir, `${version}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(
  `${version}: ${records.length} sentences, ${candidates} candidates, threshold ${model.threshold.toFixed(3)}`,
);
