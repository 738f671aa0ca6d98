import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createDoc, type Doc, type Span } from '../../core/doc.js';
import { analyzeDoc } from '../../pipeline.js';
import { addCounts, type Counts, emptyCounts, matchSpans, prf } from '../metrics.js';
import { readBrat } from '../read-brat.js';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';

/**
 * PolNeAR (Newell, Margolin and Ruths, LREC 2018): attribution relations in US election news,
 * brat standoff, `text/<article>.txt` beside `attributions/<article>_<annotator>.ann`.
 *
 * Scored the way CofeNet (Wang et al., COLING 2022) reports it, on character spans:
 * - each role (source, cue, content) is a set of spans per annotation file; a discontinuous
 *   span counts as its pieces (`315 448;463 553` is two content spans), as a sentence-level BIO
 *   tagging sees it; the same span twice counts once;
 * - exact match: same `[start, end)`; overlap: one-to-one pairing of overlapping spans;
 * - every annotator's file is scored against the one analysis of its article.
 * PolNeAR's content spans include the quotation marks that open or close them; so do Tidings'
 * attribution contents, so nothing is adjusted here. Attributions that Tidings marks as nested
 * in another's content (`within`) are not scored: PolNeAR rarely annotates them.
 */

export type Analyze = (doc: Doc) => Doc;

export const roles = ['source', 'cue', 'content'] as const;
export type Role = (typeof roles)[number];

const goldLabel: Record<string, Role> = { Source: 'source', Cue: 'cue', Content: 'content' };

/** Published exact F1 (%) on PolNeAR's test set, BERT + CofeNet (Wang et al. 2022, table 6). */
const reference = { source: 83.2, cue: 75.3, content: 72.9 };

export type RoleSpans = Record<Role, Span[]>;

/** Gold spans of one `.ann` file, by role, pieces apart, each span once. */
export function goldSpans(ann: string, text?: string): { spans: RoleSpans; problems: string[] } {
  const brat = readBrat(ann, text);
  const spans = emptyRoleSpans();
  for (const s of brat.spans) {
    const role = goldLabel[s.label];
    if (role) for (const f of s.fragments) spans[role].push({ start: f.start, end: f.end });
  }
  for (const role of roles) spans[role] = unique(spans[role]);
  return { spans, problems: brat.problems };
}

/** Predicted spans of an analysed document: every top-level attribution's roles. */
export function predictedSpans(doc: Doc): RoleSpans {
  const spans = emptyRoleSpans();
  for (const a of doc.attributions ?? []) {
    if (a.within !== undefined) continue;
    if (a.sourceSpan) spans.source.push(a.sourceSpan);
    spans.cue.push(a.cue);
    if (a.contentPieces) spans.content.push(...a.contentPieces);
    else if (a.content) spans.content.push(a.content);
  }
  for (const role of roles) spans[role] = unique(spans[role]);
  return spans;
}

export interface RoleScore {
  exact: Counts;
  overlap: Counts;
}

export function scoreRoles(gold: RoleSpans, predicted: RoleSpans): Record<Role, RoleScore> {
  const out = {} as Record<Role, RoleScore>;
  for (const role of roles) {
    out[role] = {
      exact: matchSpans(gold[role], predicted[role], 'strict').counts,
      overlap: matchSpans(gold[role], predicted[role], 'relaxed').counts,
    };
  }
  return out;
}

function emptyRoleSpans(): RoleSpans {
  return { source: [], cue: [], content: [] };
}

function unique(spans: readonly Span[]): Span[] {
  const seen = new Set<string>();
  const out: Span[] = [];
  for (const s of spans) {
    const key = `${s.start}:${s.end}`;
    if (s.end <= s.start || seen.has(key)) continue;
    seen.add(key);
    out.push({ start: s.start, end: s.end });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** `attributions/nyt_2016-10-04_slug_4e07.ann` → `text/nyt_2016-10-04_slug.txt`. */
export function textPathFor(annPath: string): string {
  const name = basename(annPath, '.ann').replace(/_[0-9a-f]{4}$/i, '');
  return join(dirname(dirname(annPath)), 'text', `${name}.txt`);
}

/** The publication date in a PolNeAR file name (`publisher_2016-10-04_slug`), when there is one. */
function publishedOf(name: string): string | undefined {
  const m = /_(\d{4}-\d{2}-\d{2})_/.exec(name);
  return m ? m[1] : undefined;
}

export function createPolnearSuite(analyze: Analyze = analyzeDoc): Suite {
  return {
    name: 'quotes-polnear',
    description: 'PolNeAR attribution relations (brat): exact and overlap F1 for source, cue, content',
    accepts: (path) => path.endsWith('.ann'),
    run(files: string[], options: EvalOptions): EvalResult {
      const chosen = options.limit !== undefined ? files.slice(0, options.limit) : files;
      const skipped: { file: string; reason: string }[] = [];
      const total = {} as Record<Role, RoleScore>;
      for (const role of roles) total[role] = { exact: emptyCounts(), overlap: emptyCounts() };
      // Several annotators' files share one article: analyse it once.
      let cachedPath = '';
      let cached: RoleSpans | undefined;
      let items = 0;
      let problems = 0;
      for (const file of chosen) {
        const textPath = textPathFor(file);
        let text: string;
        let ann: string;
        try {
          text = readFileSync(textPath, 'utf8');
          ann = readFileSync(file, 'utf8');
        } catch (error) {
          skipped.push({ file, reason: error instanceof Error ? error.message : String(error) });
          continue;
        }
        if (textPath !== cachedPath || !cached) {
          const published = publishedOf(basename(textPath));
          const doc = createDoc(text, {
            uri: textPath,
            mediaType: 'text/plain',
            ...(published ? { published } : {}),
          });
          cached = predictedSpans(analyze(doc));
          cachedPath = textPath;
        }
        const gold = goldSpans(ann, text);
        problems += gold.problems.length;
        const score = scoreRoles(gold.spans, cached);
        for (const role of roles) {
          addCounts(total[role].exact, score[role].exact);
          addCounts(total[role].overlap, score[role].overlap);
        }
        items++;
      }
      const metrics: Record<string, number> = {};
      const counts: Record<string, Counts> = {};
      for (const role of roles) {
        for (const mode of ['exact', 'overlap'] as const) {
          const c = total[role][mode];
          const s = prf(c);
          const key = `${role}${mode === 'exact' ? 'Exact' : 'Overlap'}`;
          metrics[`${key}F1`] = s.f1;
          metrics[`${key}Precision`] = s.precision;
          metrics[`${key}Recall`] = s.recall;
          counts[key] = c;
        }
      }
      return {
        suite: 'quotes-polnear',
        items,
        unit: 'annotation files',
        metrics,
        details: { reference, counts, unreadableLines: problems },
        ...(skipped.length > 0 ? { skipped } : {}),
      };
    },
  };
}

export const quotesPolnear: Suite = createPolnearSuite();
