// Scaling checks: does doubling the input at most double the work? Only ratios are asserted, never
// times. The machine is shared, so each run is timed in CPU time of this process (time spent waiting
// for a core does not count), the sizes are run in turn (a burst of load falls on both), each timed
// window holds the same amount of text, and the best window of each size is kept.
import type { Doc, Entity } from '../../src/core/doc.js';
import { runStage } from '../../src/core/runner.js';
import type { Stage } from '../../src/core/stage.js';
import { checkText } from '../../src/stages/01-ingest/index.js';

/** CPU milliseconds per stage for one pass over `text`. */
export function timeStages(
  text: string,
  stages: readonly Stage<unknown>[],
  options: Record<string, unknown> = {},
): Map<string, number> {
  let doc = checkText(text, { uri: 'memory:scaling', mediaType: 'text/plain', published: '2024-05-16' });
  const times = new Map<string, number>();
  for (const stage of stages) {
    const before = process.cpuUsage();
    doc = runStage(stage, doc, options[stage.name]);
    const spent = process.cpuUsage(before);
    times.set(stage.name, (spent.user + spent.system) / 1000);
  }
  return times;
}

export interface Scaling {
  /** Times the input grew from the small size to the large one. */
  factor: number;
  /** Best CPU ms per stage for one pass at the small size, and at `factor` times that size. */
  small: Map<string, number>;
  large: Map<string, number>;
}

/** The document as each stage receives it: `inputs[i]` has every layer before stage `i`. */
function stageInputs(
  text: string,
  stages: readonly Stage<unknown>[],
  options: Record<string, unknown>,
): Doc[] {
  let doc = checkText(text, { uri: 'memory:scaling', mediaType: 'text/plain', published: '2024-05-16' });
  const inputs: Doc[] = [];
  for (const stage of stages) {
    inputs.push(doc);
    doc = runStage(stage, doc, options[stage.name]);
  }
  return inputs;
}

function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / 1000;
}

/**
 * Best of `runs` timings per stage at `size` and at `factor * size` code units (`make(n)` should
 * give about `n`). Each stage is timed on its own, on documents that already hold every earlier
 * layer (both sizes prepared up front, so every window runs over the same live heap), the two
 * sizes in turn. A window at the small size holds `factor` runs, so both windows do the same
 * amount of work and meet the collector and the scheduler alike. An untimed run of each settles
 * the JIT first.
 */
export function measureScaling(
  make: (n: number) => string,
  size: number,
  stages: readonly Stage<unknown>[],
  options: Record<string, unknown> = {},
  { runs = 2, factor = 4 }: { runs?: number; factor?: number } = {},
): Scaling {
  const smallInputs = stageInputs(make(size), stages, options);
  const largeInputs = stageInputs(make(factor * size), stages, options);
  const small = new Map<string, number>();
  const large = new Map<string, number>();
  stages.forEach((stage, i) => {
    const smallDoc = smallInputs[i] as Doc;
    const largeDoc = largeInputs[i] as Doc;
    const opts = options[stage.name];
    runStage(stage, smallDoc, opts);
    let bestSmall = Number.POSITIVE_INFINITY;
    let bestLarge = Number.POSITIVE_INFINITY;
    for (let r = 0; r < runs; r++) {
      bestSmall = Math.min(
        bestSmall,
        cpuMs(() => {
          for (let pass = 0; pass < factor; pass++) runStage(stage, smallDoc, opts);
        }) / factor,
      );
      bestLarge = Math.min(
        bestLarge,
        cpuMs(() => runStage(stage, largeDoc, opts)),
      );
    }
    small.set(stage.name, bestSmall);
    large.set(stage.name, bestLarge);
  });
  return { factor, small, large };
}

export interface DoublingCost {
  small: number;
  large: number;
  /** What one doubling of the input costs, as a factor of time: `(large / small) ^ (1 / log2 factor)`. */
  perDoubling: number;
}

/** Cost of a doubling per stage, and for "all stages" together. */
export function doublingCosts(scaling: Scaling): Map<string, DoublingCost> {
  const out = new Map<string, DoublingCost>();
  const doublings = Math.log2(scaling.factor);
  const add = (name: string, small: number, large: number) => {
    out.set(name, { small, large, perDoubling: (large / Math.max(small, 0.001)) ** (1 / doublings) });
  };
  let smallTotal = 0;
  let largeTotal = 0;
  for (const [name, large] of scaling.large) {
    const small = scaling.small.get(name) ?? 0;
    smallTotal += small;
    largeTotal += large;
    add(name, small, large);
  }
  add('all stages', smallTotal, largeTotal);
  return out;
}

export interface ScalingLimits {
  /** Largest accepted cost of one doubling of the input (2 is linear). */
  maxPerDoubling: number;
  /** A stage under this many CPU ms at the large size is below what can be timed and is not judged. */
  floorMs: number;
  /** Measurements a stage may take to stay within the limit once. */
  attempts: number;
  /** Options per stage name, as `createPipeline` takes them. */
  stageOptions?: Record<string, unknown>;
}

/**
 * The stages (and "all stages") for which one doubling of the input costs more than
 * `maxPerDoubling` times the time, as readable lines; empty when every one stays within it. The
 * input grows fourfold, so a doubling is judged over two of them: a linear stage shows ×2 per
 * doubling, a quadratic one ×4, and one measurement's noise on a shared machine (a third either
 * way on the fourfold ratio) moves the per-doubling figure by a sixth. A stage that stays within
 * the limit in one of `attempts` measurements (or takes under `floorMs` at the large size, too little
 * to time) passes; a quadratic one fails every time.
 */
export function superlinearStages(
  make: (n: number) => string,
  size: number,
  stages: readonly Stage<unknown>[],
  limits: ScalingLimits,
): string[] {
  const failing = new Map<string, string>();
  const passed = new Set<string>();
  for (let attempt = 0; attempt < limits.attempts; attempt++) {
    for (const [name, cost] of doublingCosts(measureScaling(make, size, stages, limits.stageOptions))) {
      if (passed.has(name)) continue;
      if (cost.large < limits.floorMs || cost.perDoubling <= limits.maxPerDoubling) {
        passed.add(name);
        failing.delete(name);
      } else {
        failing.set(
          name,
          `${name}: ${cost.small.toFixed(1)} ms → ${cost.large.toFixed(1)} ms CPU for 4× the text, ×${cost.perDoubling.toFixed(2)} per doubling`,
        );
      }
    }
    if (failing.size === 0) break;
  }
  return [...failing.values()];
}

/** `unit` repeated to about `n` code units, as one flat string. */
export function repeatTo(unit: string, n: number): string {
  return new Array(Math.max(1, Math.floor(n / unit.length))).fill(unit).join('');
}

/** Document layers that are lists over the whole text; stages must not scan them once per item. */
const LIST_LAYERS = [
  'removed',
  'paragraphs',
  'sentences',
  'entities',
  'quotes',
  'attributions',
  'times',
  'quantities',
  'events',
] as const;

function isIndex(key: string | symbol): boolean {
  if (typeof key !== 'string' || key.length === 0) return false;
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/**
 * How many elements of the document's list layers (and of each entity's mentions) each stage reads
 * in one pass over `text`: a deterministic measure of work, free of timing noise, that grows
 * quadratically when a stage scans a whole layer once per item (a removed-span check from the
 * start of `removed` per mention, say). Each stage sees the layers through counting proxies.
 */
export function countLayerReads(
  text: string,
  stages: readonly Stage<unknown>[],
  options: Record<string, unknown> = {},
): Map<string, number> {
  let doc: Doc = checkText(text, { uri: 'memory:scaling', mediaType: 'text/plain', published: '2024-05-16' });
  const reads = new Map<string, number>();
  for (const stage of stages) {
    const counter = { n: 0 };
    const entities = new WeakMap<Entity, Entity>();
    const countingEntity = (e: Entity): Entity => {
      let view = entities.get(e);
      if (!view) {
        const mentions = counting(e.mentions, counter);
        view = new Proxy(e, {
          get: (target, key, receiver) =>
            key === 'mentions' ? mentions : Reflect.get(target, key, receiver),
        });
        entities.set(e, view);
      }
      return view;
    };
    const view: Doc = { ...doc };
    for (const layer of LIST_LAYERS) {
      const list = doc[layer] as unknown[] | undefined;
      if (!list) continue;
      const wrap = layer === 'entities' ? (item: unknown) => countingEntity(item as Entity) : undefined;
      (view as unknown as Record<string, unknown>)[layer] = counting(list, counter, wrap);
    }
    const next = runStage(stage, view, options[stage.name]);
    const raw: Doc = { ...next };
    for (const layer of LIST_LAYERS) {
      if (!stage.assigns.includes(layer)) (raw as unknown as Record<string, unknown>)[layer] = doc[layer];
    }
    doc = raw;
    reads.set(stage.name, counter.n);
  }
  return reads;
}

function counting<T>(list: readonly T[], counter: { n: number }, wrap?: (item: T) => T): readonly T[] {
  return new Proxy(list, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (!isIndex(key)) return value;
      counter.n++;
      return wrap && value !== undefined ? wrap(value as T) : value;
    },
  });
}
