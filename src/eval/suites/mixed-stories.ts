import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Doc } from '../../core/doc.js';
import { seededRandom } from '../../core/random.js';
import { analyzeDoc } from '../../pipeline.js';
import { decodeBytes } from '../../stages/01-ingest/index.js';
import { FOREIGN_LEAD_RULE } from '../../stages/02-clean/index.js';
import { type Counts, emptyCounts, prf, wilsonInterval } from '../metrics.js';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';

/**
 * How well the clean stage flags a headline and lead glued from another story
 * (`clean:foreign-lead`). From plain-text articles whose first line is the headline and whose
 * paragraphs are separated by blank lines (the BBC corpus layout), it builds, deterministically,
 * for each article the intact text (a negative) and a glued one (a positive): the headline and
 * first paragraph of another article on top of this article's body without its own headline and
 * lead. The donor comes from the same category (folder) for every other article, from a different
 * one otherwise, so both the easy and the hard case are measured.
 */

export type Analyze = (doc: Doc) => Doc;

export interface Article {
  file: string;
  category: string;
  headline: string;
  /** Paragraphs after the headline, trimmed, in order. */
  paragraphs: string[];
}

/** Headline (first non-blank line) and blank-line separated paragraphs; undefined when too short to glue. */
export function readArticle(file: string, text: string): Article | undefined {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length && (lines[i] as string).trim() === '') i++;
  const headline = (lines[i] ?? '').trim();
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (i++; i <= lines.length; i++) {
    const line = i < lines.length ? (lines[i] as string).trim() : '';
    if (line !== '') current.push(line);
    else if (current.length > 0) {
      paragraphs.push(current.join('\n'));
      current = [];
    }
  }
  if (headline === '' || paragraphs.length < 3) return undefined;
  return { file, category: basename(dirname(file)), headline, paragraphs };
}

/** The intact text, as the corpus would give it (normalised to `\n\n` between paragraphs). */
export function intactText(a: Article): string {
  return [a.headline, ...a.paragraphs].join('\n\n');
}

/** `donor`'s headline and lead on top of `host`'s body; `gluedEnd` is where the donor's lead ends. */
export function gluedText(host: Article, donor: Article): { text: string; gluedEnd: number } {
  const top = `${donor.headline}\n\n${donor.paragraphs[0] as string}`;
  return { text: [top, ...host.paragraphs.slice(1)].join('\n\n'), gluedEnd: top.length };
}

export interface GluePlan {
  host: number;
  donor: number;
  sameCategory: boolean;
}

/**
 * One donor for every article: from the same category for even indexes, from another for odd ones
 * (when the corpus has no such article, the other kind is taken).
 */
export function planGlues(articles: readonly Article[], seed = 20240516): GluePlan[] {
  const random = seededRandom(seed);
  const byCategory = new Map<string, number[]>();
  articles.forEach((a, i) => {
    const list = byCategory.get(a.category);
    if (list) list.push(i);
    else byCategory.set(a.category, [i]);
  });
  const plans: GluePlan[] = [];
  for (let i = 0; i < articles.length; i++) {
    const category = (articles[i] as Article).category;
    const same = (byCategory.get(category) ?? []).filter((j) => j !== i);
    const other = articles.map((_, j) => j).filter((j) => (articles[j] as Article).category !== category);
    let pool = i % 2 === 0 ? same : other;
    if (pool.length === 0) pool = i % 2 === 0 ? other : same;
    if (pool.length === 0) continue;
    const donor = pool[Math.floor(random() * pool.length)] as number;
    plans.push({ host: i, donor, sameCategory: (articles[donor] as Article).category === category });
  }
  return plans;
}

/**
 * The rate of glued stories the precision is also reported at: 1 glued article per 100 intact ones.
 * The suite builds one glued copy per article (1:1), where precision flatters any detector; a feed
 * glues a lead far less often. The figure is reweighted, not resampled: the recall measured on every
 * glued article and the false-flag rate measured on every intact one give the precision a 1:100 mix
 * would have — each false flag weighs 100 × glued / intact — so no measured article is thrown away.
 */
export const GLUED_PER_INTACT = 1 / 100;

/** Precision of a detector with this recall and false-flag rate when glued:intact is `gluedPerIntact`. */
export function precisionAtRate(recall: number, falsePositiveRate: number, gluedPerIntact: number): number {
  const tp = recall * gluedPerIntact;
  return tp + falsePositiveRate === 0 ? 0 : tp / (tp + falsePositiveRate);
}

/**
 * The 1:100 precision with a 95% range: the lowest from the low end of the recall interval and the
 * high end of the false-flag interval (Wilson), the highest the other way round.
 */
export function precisionAt1in100(flagged: number, positives: number, falseFlags: number, negatives: number) {
  const recall = positives === 0 ? 0 : flagged / positives;
  const rate = negatives === 0 ? 0 : falseFlags / negatives;
  const r = wilsonInterval(flagged, positives);
  const f = wilsonInterval(falseFlags, negatives);
  return {
    precision: precisionAtRate(recall, rate, GLUED_PER_INTACT),
    low: precisionAtRate(r.low, f.high, GLUED_PER_INTACT),
    high: precisionAtRate(r.high, f.low, GLUED_PER_INTACT),
  };
}

interface Tally {
  positives: number;
  flagged: number;
  spanExact: number;
}

function flagOf(doc: Doc) {
  return doc.diagnostics.find((d) => d.ruleId === FOREIGN_LEAD_RULE);
}

export function createMixedStoriesSuite(analyze: Analyze = analyzeDoc): Suite {
  return {
    name: 'mixed-stories',
    description:
      'Headline + lead glued from another story (clean:foreign-lead): precision, recall, F1, false positives on intact articles, span exact',
    accepts: (path) => path.endsWith('.txt') && !/^(readme|provenance)\b/i.test(basename(path)),
    run(files: string[], options: EvalOptions): EvalResult {
      const skipped: { file: string; reason: string }[] = [];
      const articles: Article[] = [];
      const chosen = options.limit !== undefined ? files.slice(0, options.limit) : files;
      for (const file of chosen) {
        const doc = decodeBytes(readFileSync(file), { uri: file, mediaType: 'text/plain' });
        const article = doc.rejected ? undefined : readArticle(file, doc.text);
        if (article) articles.push(article);
        else skipped.push({ file, reason: 'unreadable, or fewer than three paragraphs after the headline' });
      }
      const run = (text: string, uri: string) =>
        analyze(decodeBytes(Buffer.from(text), { uri, mediaType: 'text/plain' }));

      let falsePositives = 0;
      const falseFlags: string[] = [];
      for (const a of articles) {
        if (flagOf(run(intactText(a), a.file))) {
          falsePositives++;
          if (falseFlags.length < 20) falseFlags.push(a.file);
        }
      }
      const same: Tally = { positives: 0, flagged: 0, spanExact: 0 };
      const cross: Tally = { positives: 0, flagged: 0, spanExact: 0 };
      for (const plan of planGlues(articles)) {
        const host = articles[plan.host] as Article;
        const { text, gluedEnd } = gluedText(host, articles[plan.donor] as Article);
        const tally = plan.sameCategory ? same : cross;
        tally.positives++;
        const flag = flagOf(run(text, `${host.file}#glued`));
        if (!flag) continue;
        tally.flagged++;
        if (flag.start === 0 && flag.end === gluedEnd) tally.spanExact++;
      }
      const score = (t: Tally, negatives: number, fp: number) => {
        const counts: Counts = { ...emptyCounts(), tp: t.flagged, fp, fn: t.positives - t.flagged };
        const s = prf(counts);
        return {
          positives: t.positives,
          precision: s.precision,
          recall: s.recall,
          f1: s.f1,
          spanExact: t.flagged === 0 ? 0 : t.spanExact / t.flagged,
          // Precision per kind charges each kind with the false flags in proportion to its share.
          negatives,
        };
      };
      const all: Tally = {
        positives: same.positives + cross.positives,
        flagged: same.flagged + cross.flagged,
        spanExact: same.spanExact + cross.spanExact,
      };
      const total = score(all, articles.length, falsePositives);
      const realistic = precisionAt1in100(all.flagged, all.positives, falsePositives, articles.length);
      const round = (x: number) => Math.round(x * 1000) / 1000;
      const share = (t: Tally) => (all.positives === 0 ? 0 : t.positives / all.positives);
      return {
        suite: 'mixed-stories',
        items: articles.length,
        unit: 'articles',
        metrics: {
          precision: total.precision,
          recall: total.recall,
          f1: total.f1,
          falsePositiveRate: articles.length === 0 ? 0 : falsePositives / articles.length,
          precisionAt1in100: realistic.precision,
          spanExact: total.spanExact,
        },
        details: {
          falsePositives,
          at1in100: {
            method:
              'reweighted: recall on every glued article, false flags on every intact one, 100 intact per glued',
            precision: round(realistic.precision),
            range95: [round(realistic.low), round(realistic.high)],
            // As if every glued story were of one kind, against the same intact articles.
            sameCategory: round(
              precisionAt1in100(same.flagged, same.positives, falsePositives, articles.length).precision,
            ),
            crossCategory: round(
              precisionAt1in100(cross.flagged, cross.positives, falsePositives, articles.length).precision,
            ),
          },
          sameCategory: score(same, Math.round(articles.length * share(same)), falsePositives * share(same)),
          crossCategory: score(
            cross,
            Math.round(articles.length * share(cross)),
            falsePositives * share(cross),
          ),
          falseFlags,
        },
        ...(skipped.length > 0 ? { skipped } : {}),
      };
    },
  };
}

export const mixedStoriesSuite: Suite = createMixedStoriesSuite();
