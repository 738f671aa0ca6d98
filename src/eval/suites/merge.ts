import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { analyze } from '../../pipeline.js';
import type { HappeningRow } from '../../store/repository.js';
import { openSqliteRepository } from '../../store/sqlite/sqlite-repository.js';
import type { EvalOptions, EvalResult, Suite } from '../suite.js';

/**
 * One event per happening across articles: short reports of the same happening from several outlets
 * (eval/merge, written here) go through the full pipeline into an in-memory store, whose link step
 * merges their events. A gold happening is found when one record of its type, actor and recipient
 * holds every report of its story and nothing from another; a merged record (two articles or more)
 * is right when it is such a record.
 */

interface Report {
  story: string;
  uri: string;
  published: string;
  text: string;
}

interface GoldHappening {
  story: string;
  type: string;
  actor: string;
  recipient: string;
}

export const mergeSuite: Suite = {
  name: 'merge',
  description: 'one record per happening from multi-outlet reports (eval/merge): eventRecall, eventPrecision',
  accepts: (path) => basename(path) === 'reports.jsonl',
  async run(files: string[], options: EvalOptions): Promise<EvalResult> {
    const reports: Report[] = [];
    const gold: GoldHappening[] = [];
    for (const file of files) {
      for (const line of readFileSync(file, 'utf8').split('\n'))
        if (line.trim()) reports.push(JSON.parse(line));
      const g = JSON.parse(readFileSync(join(dirname(file), 'gold.json'), 'utf8')) as {
        happenings: GoldHappening[];
      };
      gold.push(...g.happenings);
    }
    const used = options.limit ? reports.slice(0, options.limit) : reports;
    const store = openSqliteRepository(':memory:');
    const storyOf = new Map<string, string>();
    const perStory = new Map<string, number>();
    for (const r of used) {
      const analysis = analyze(r.text, { uri: r.uri, published: r.published });
      storyOf.set(analysis.id, r.story);
      perStory.set(r.story, (perStory.get(r.story) ?? 0) + 1);
      await store.putDocument(analysis);
    }
    const records: { h: HappeningRow; docs: Set<string>; stories: Set<string> }[] = [];
    for (const h of (await store.listHappenings({ limit: 500, offset: 0 })).items) {
      const detail = await store.getHappening(h.id);
      const docs = new Set(detail?.mentions.map((m) => m.docId) ?? []);
      const stories = new Set([...docs].map((d) => storyOf.get(d) ?? '?'));
      records.push({ h, docs, stories });
    }
    await store.close();
    const matches = (g: GoldHappening, r: (typeof records)[number]) =>
      r.h.type === g.type &&
      r.h.actor?.country === g.actor &&
      r.h.recipient?.country === g.recipient &&
      r.stories.size === 1 &&
      r.stories.has(g.story) &&
      r.docs.size === (perStory.get(g.story) ?? 0);
    const inScope = gold.filter((g) => perStory.has(g.story));
    const found = inScope.filter((g) => records.some((r) => matches(g, r)));
    const merged = records.filter((r) => r.docs.size >= 2);
    const right = merged.filter((r) => inScope.some((g) => matches(g, r)));
    return {
      suite: 'merge',
      items: used.length,
      unit: 'reports',
      metrics: {
        eventRecall: inScope.length === 0 ? 0 : found.length / inScope.length,
        eventPrecision: merged.length === 0 ? 0 : right.length / merged.length,
      },
      details: {
        gold: inScope.length,
        found: found.map((g) => g.story),
        missed: inScope.filter((g) => !found.includes(g)).map((g) => g.story),
        merged: merged.map((r) => ({
          type: r.h.type,
          actor: r.h.actor?.country ?? null,
          recipient: r.h.recipient?.country ?? null,
          stories: [...r.stories],
          articles: r.h.numArticles,
          sources: r.h.numSources,
          right: right.includes(r),
        })),
      },
    };
  },
};
