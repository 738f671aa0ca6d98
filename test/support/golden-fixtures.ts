import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Source } from '../../src/core/doc.js';
import { createPipeline, type Pipeline } from '../../src/core/runner.js';
import { documentStages } from '../../src/pipeline.js';
import { decodeBytes } from '../../src/stages/01-ingest/index.js';

/**
 * Golden fixtures, one folder per case: `test/fixtures/<stage>/<slug>/input.txt`, an optional
 * `source.json` (Source fields: `{"published": "2024-05-16"}`, `{"titleGiven": true}`) and
 * `expected.json`. A case runs the document stages up to and including its stage and keeps the
 * layers that stage is about; every span gets its surface `text` so a reviewer reads words, not
 * offsets. `test/golden-fixtures.test.ts` compares, `scripts/regenerate-fixtures.ts` rewrites
 * (`npm run fixtures`); how to review a change: test/fixtures/README.md.
 *
 * `expected.json` holds what is RIGHT. Where the code is known to be wrong, the right value stays in
 * the layer and a `known-failures` entry names the item (and field), says why, and records what the
 * code gives today (`actual`), so the gap is reported on every run instead of being blessed. An entry
 * fails the test once the code gets it right (the script then drops it) or gets it wrong differently.
 */

export interface FixtureStage {
  /** Folder under test/fixtures. */
  dir: string;
  /** The stage's name in `documentStages`. */
  stage: string;
  /** The layers written to expected.json, in order. */
  layers: readonly string[];
}

export const FIXTURE_STAGES: readonly FixtureStage[] = [
  { dir: 'clean', stage: 'clean', layers: ['diagnostics', 'removed'] },
  {
    dir: 'segment',
    stage: 'segment',
    layers: ['diagnostics', 'title', 'removed', 'paragraphs', 'sentences'],
  },
  { dir: 'entities', stage: 'annotate-entities', layers: ['diagnostics', 'entities'] },
  { dir: 'time', stage: 'annotate-time', layers: ['diagnostics', 'times'] },
  { dir: 'quantities', stage: 'annotate-quantities', layers: ['diagnostics', 'quantities'] },
  { dir: 'tone', stage: 'annotate-tone', layers: ['diagnostics', 'tone'] },
  { dir: 'quotes', stage: 'annotate-quotes', layers: ['diagnostics', 'quotes', 'attributions'] },
  { dir: 'events', stage: 'events', layers: ['diagnostics', 'events'] },
];

export interface GoldenCase {
  stage: FixtureStage;
  slug: string;
  dir: string;
}

/** `clean/boilerplate-scraped`. */
export const caseName = (c: GoldenCase) => `${c.stage.dir}/${c.slug}`;

/** Every case: a folder with an `input.txt` (other folders there, such as eval minis, are not cases). */
export function listGoldenCases(root: string): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const stage of FIXTURE_STAGES) {
    const base = join(root, 'test', 'fixtures', stage.dir);
    if (!existsSync(base)) continue;
    for (const slug of readdirSync(base).sort()) {
      const dir = join(base, slug);
      if (existsSync(join(dir, 'input.txt'))) cases.push({ stage, slug, dir });
    }
  }
  return cases;
}

const pipelines = new Map<string, Pipeline>();

/** The document stages up to and including `stage`. */
function pipelineUpTo(stage: string): Pipeline {
  let pipeline = pipelines.get(stage);
  if (!pipeline) {
    const index = documentStages.findIndex((s) => s.name === stage);
    if (index < 0) throw new Error(`golden fixtures: no document stage named "${stage}"`);
    pipeline = createPipeline(documentStages.slice(0, index + 1));
    pipelines.set(stage, pipeline);
  }
  return pipeline;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Item = { [key: string]: Json };
export type Layers = Record<string, Json>;

/** Adds the surface `text` to every object that is a span and has no `text` of its own. */
function withSurfaces(value: unknown, text: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withSurfaces(v, text));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = withSurfaces(v, text);
  if (typeof out.start === 'number' && typeof out.end === 'number' && !('text' in out)) {
    out.text = text.slice(out.start, out.end);
  }
  return out;
}

/** The case's layers as they would be written to expected.json (plain JSON: no undefined). */
export function goldenOutput(c: GoldenCase): Layers {
  const bytes = readFileSync(join(c.dir, 'input.txt'));
  const sourcePath = join(c.dir, 'source.json');
  const extra: Partial<Source> = existsSync(sourcePath) ? JSON.parse(readFileSync(sourcePath, 'utf8')) : {};
  const doc = pipelineUpTo(c.stage.stage).run(
    decodeBytes(bytes, { uri: `fixture:${caseName(c)}`, mediaType: 'text/plain', ...extra }),
  );
  const out: Record<string, unknown> = {};
  for (const layer of c.stage.layers) {
    out[layer] = withSurfaces((doc as unknown as Record<string, unknown>)[layer] ?? null, doc.text);
  }
  return JSON.parse(JSON.stringify(out));
}

export interface KnownFailure {
  layer: string;
  /** The item's key (see `itemKey`): `person:vladimir-putin`, `57:66` (a span), an event's trigger span. */
  key: string;
  /** One field of the item; without it the whole item (missing, extra, or any field). */
  field?: string;
  reason: string;
  /** What the code gives today (null: nothing); filled in by the script. */
  actual?: Json;
}

export interface Difference {
  layer: string;
  key: string;
  /** The item's words, for the reader. */
  label: string;
  /** `missing`: expected, not produced; `new`: produced, not expected; `changed`: one field differs. */
  kind: 'missing' | 'new' | 'changed';
  field?: string;
  expected: Json;
  actual: Json;
}

function asItems(value: Json | undefined): Item[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as Item[];
}

function span(v: Json | undefined): string {
  const s = v as Item | undefined;
  return s && typeof s.start === 'number' ? `${s.start}:${s.end}` : '';
}

/**
 * How an item is matched between expected and actual: an entity by id, an event by its trigger, a
 * diagnostic by rule and place, anything else by its span. A repeated key gets `#2`, `#3`.
 */
function baseKey(layer: string, item: Item): string {
  if (layer === 'entities') return String(item.id);
  if (layer === 'events') return span(item.trigger);
  if (layer === 'diagnostics')
    return typeof item.start === 'number' ? `${item.ruleId}@${span(item)}` : String(item.ruleId);
  return span(item);
}

function keyed(layer: string, items: Item[]): Map<string, Item> {
  const map = new Map<string, Item>();
  const seen = new Map<string, number>();
  for (const item of items) {
    const base = baseKey(layer, item);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    map.set(n === 1 ? base : `${base}#${n}`, item);
  }
  return map;
}

function labelOf(layer: string, item: Item | undefined): string {
  if (!item) return '';
  if (layer === 'entities') return JSON.stringify(item.name);
  if (layer === 'events')
    return `${item.type} ${JSON.stringify((item.trigger as Item | undefined)?.text ?? '')}`;
  if (layer === 'diagnostics') return String(item.ruleId);
  return typeof item.text === 'string' ? JSON.stringify(item.text) : '';
}

/** Item-by-item differences between two sets of layers, in the order of `layers`. */
export function diffLayers(layers: readonly string[], expected: Layers, actual: Layers): Difference[] {
  const out: Difference[] = [];
  for (const layer of layers) {
    const want = keyed(layer, asItems(expected[layer]));
    const got = keyed(layer, asItems(actual[layer]));
    for (const [key, e] of want) {
      const a = got.get(key);
      const label = labelOf(layer, e);
      if (!a) {
        out.push({ layer, key, label, kind: 'missing', expected: e, actual: null });
        continue;
      }
      const fields = [...new Set([...Object.keys(e), ...Object.keys(a)])];
      for (const field of fields) {
        if (!isDeepStrictEqual(e[field], a[field])) {
          out.push({
            layer,
            key,
            label,
            kind: 'changed',
            field,
            expected: e[field] ?? null,
            actual: a[field] ?? null,
          });
        }
      }
    }
    for (const [key, a] of got) {
      if (!want.has(key))
        out.push({ layer, key, label: labelOf(layer, a), kind: 'new', expected: null, actual: a });
    }
  }
  return out;
}

const covers = (k: KnownFailure, d: Difference) =>
  k.layer === d.layer && k.key === d.key && (k.field === undefined || k.field === d.field);

/** What the code gives today for a known failure: the field, the whole item, or null. */
function observed(k: KnownFailure, actual: Layers): Json {
  const item = keyed(k.layer, asItems(actual[k.layer])).get(k.key);
  if (!item) return null;
  return k.field === undefined ? item : (item[k.field] ?? null);
}

/**
 * `actual` with the right (expected) value put back wherever a known failure applies: what
 * expected.json should hold. In a layer with known failures the items keep expected.json's order (a
 * missing or wrong item may have moved the others); an item expected.json lacks follows the item
 * before it in the output. Elsewhere the output's order is kept, so a change of order shows.
 */
function mergeKnown(
  layers: readonly string[],
  expected: Layers,
  actual: Layers,
  known: KnownFailure[],
): Layers {
  const out: Layers = {};
  for (const layer of layers) {
    const mine = known.filter((k) => k.layer === layer);
    const want = keyed(layer, asItems(expected[layer]));
    let result: [string, Item][] = [];
    for (const [key, item] of keyed(layer, asItems(actual[layer]))) {
      const here = mine.filter((k) => k.key === key);
      if (here.some((k) => k.field === undefined)) {
        const right = want.get(key);
        if (right) result.push([key, right]);
        continue;
      }
      const fixed: Item = { ...item };
      for (const k of here) {
        const right = want.get(key)?.[k.field as string];
        if (right === undefined) delete fixed[k.field as string];
        else fixed[k.field as string] = right;
      }
      result.push([key, fixed]);
    }
    if (mine.length > 0) {
      for (const [key, item] of want) {
        const missing = !result.some(([k]) => k === key);
        if (missing && mine.some((k) => k.key === key && k.field === undefined)) result.push([key, item]);
      }
      const order = new Map([...want.keys()].map((k, i) => [k, i]));
      let last = -1;
      const ranked = result.map(([key, item], i) => {
        const at = order.get(key);
        last = at ?? last;
        return { key, item, rank: at ?? last + 0.5, i };
      });
      ranked.sort((a, b) => a.rank - b.rank || a.i - b.i);
      result = ranked.map((r) => [r.key, r.item]);
    }
    const items = result.map(([, item]) => item);
    out[layer] = Array.isArray(actual[layer]) || actual[layer] === undefined ? items : (items[0] ?? null);
  }
  return out;
}

export interface Review {
  case: GoldenCase;
  /** What expected.json should now hold (known failures first, when there are any). */
  next: Record<string, unknown>;
  /** Whether expected.json exists. */
  existed: boolean;
  /** Differences between expected.json and the output that no known failure covers. */
  unexpected: Difference[];
  /** Known failures still failing, with the differences each covers. */
  known: { failure: KnownFailure; differences: Difference[] }[];
  /** Known failures the code now gets right. */
  fixed: KnownFailure[];
  /** Known failures whose wrong output changed (or was never recorded). */
  drifted: { failure: KnownFailure; now: Json }[];
  /** The layers of expected.json, and the output with known failures put right: equal when all is well. */
  expected: Layers;
  merged: Layers;
  /** The output as the code gives it. */
  actual: Layers;
}

/** Compares a case's output with its expected.json, known failures accounted for. */
export function reviewCase(c: GoldenCase): Review {
  const path = join(c.dir, 'expected.json');
  const existed = existsSync(path);
  const file = existed ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, Json>) : {};
  const { 'known-failures': listed, ...expected } = file;
  const failures = (listed ?? []) as unknown as KnownFailure[];
  const actual = goldenOutput(c);
  const layers = c.stage.layers;
  const differences = diffLayers(layers, expected, actual);
  const known: Review['known'] = [];
  const fixed: KnownFailure[] = [];
  const drifted: Review['drifted'] = [];
  for (const failure of failures) {
    const covered = differences.filter((d) => covers(failure, d));
    if (covered.length === 0) {
      fixed.push(failure);
      continue;
    }
    const now = observed(failure, actual);
    if (!('actual' in failure) || !isDeepStrictEqual(failure.actual, now)) drifted.push({ failure, now });
    known.push({ failure: { ...failure, actual: now }, differences: covered });
  }
  const stillFailing = known.map((k) => k.failure);
  const unexpected = differences.filter((d) => !stillFailing.some((k) => covers(k, d)));
  const merged = mergeKnown(layers, expected, actual, stillFailing);
  const next = stillFailing.length > 0 ? { 'known-failures': stillFailing, ...merged } : merged;
  return { case: c, next, existed, unexpected, known, fixed, drifted, expected, merged, actual };
}

/** expected.json's text for a review. */
export const serialise = (r: Review) => `${JSON.stringify(r.next, null, 2)}\n`;

function short(value: Json, max = 240): string {
  const s = JSON.stringify(value);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** One line per difference: `events 120:129 CONSULT "met": status "asserted" → "negated"`. */
export function formatDifference(d: Difference): string {
  const where = `${d.layer} ${d.key}${d.label ? ` ${d.label}` : ''}`;
  if (d.kind === 'missing') return `- ${where}: gone (was ${short(d.expected)})`;
  if (d.kind === 'new') return `+ ${where}: new ${short(d.actual)}`;
  return `~ ${where}: ${d.field} ${short(d.expected)} → ${short(d.actual)}`;
}

/**
 * One line per known failure: `times 71:73 "12": gives null — reason`. `sources` are layers to take
 * the item's words from (expected.json's, then the output's).
 */
export function formatKnown(k: KnownFailure, ...sources: Layers[]): string {
  const item = sources.map((l) => keyed(k.layer, asItems(l[k.layer])).get(k.key)).find((x) => x);
  const label = labelOf(k.layer, item);
  return `${k.layer} ${k.key}${label ? ` ${label}` : ''}${k.field ? ` ${k.field}` : ''}: gives ${short(k.actual ?? null)} — ${k.reason}`;
}
