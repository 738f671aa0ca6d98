import type { DyadPeriod, DyadSeries, DyadSide } from '../../services/relations.js';
import type { EvidencedHappening } from '../../services/workspace-evidence.js';
import { type DyadEvent, periodRange } from '../../services/workspace-relations.js';
import { html, type SafeHtml } from '../html.js';
import { evidenceLegend, evidenceSentence } from './evidence.js';
import { exportLinks, jsonBlock, workspaceLayout } from './layout.js';
import { type Column, renderTable } from './table.js';
import { VENDOR } from './vendor.js';

export const QUAD_NAMES = {
  1: 'verbal cooperation',
  2: 'material cooperation',
  3: 'verbal conflict',
  4: 'material conflict',
} as const;

export interface RelationsForm {
  a: string;
  b: string;
  by: 'day' | 'week' | 'month';
  /** `all`, `q1`…`q4` (a quad class) or a PLOVER type. */
  count: string;
  from?: string;
  to?: string;
  /** The chart point whose events are listed. */
  period?: string;
}

/** The happenings of one side in one period that the chosen count keeps. */
export function sideCount(side: DyadSide, count: string): number {
  if (count === 'all') return side.events;
  const q = /^q([1-4])$/.exec(count);
  if (q) return side.quad[Number(q[1]) as 1 | 2 | 3 | 4];
  return side.types[count] ?? 0;
}

/** The form's fields as query parameters (empty ones left out by the link builders). */
export function relationsParams(f: RelationsForm): Record<string, string | undefined> {
  return { a: f.a, b: f.b, by: f.by, count: f.count === 'all' ? undefined : f.count, from: f.from, to: f.to };
}

function periodLabel(period: string): string {
  return period.slice(2);
}

/** The table of periods, shown under the chart and exported. */
export function periodColumns(f: RelationsForm, a: string, b: string): Column<DyadPeriod>[] {
  const side = (dir: 'ab' | 'ba', label: string): Column<DyadPeriod>[] => [
    { name: `${dir}_events`, header: `${label} events`, value: (p) => sideCount(p[dir], f.count) },
    {
      name: `${dir}_quads`,
      header: `${label} by quad (1/2/3/4)`,
      value: (p) => [1, 2, 3, 4].map((q) => p[dir].quad[q as 1 | 2 | 3 | 4]).join('/'),
    },
    { name: `${dir}_goldstein`, header: `${label} mean Goldstein`, value: (p) => p[dir].goldsteinMean },
    {
      name: `${dir}_types`,
      header: `${label} types`,
      value: (p) =>
        Object.entries(p[dir].types)
          .map(([t, n]) => `${t} ${n}`)
          .join(', '),
    },
  ];
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(relationsParams(f))) if (v) q.set(k, v);
  return [
    {
      name: 'period',
      header: 'Period',
      value: (p) => periodLabel(p.period),
      cell: (p) => {
        q.set('period', p.period);
        return html`<a href="/relations?${q.toString()}#events">${periodLabel(p.period)}</a>`;
      },
    },
    ...side('ab', `${a} → ${b}`),
    ...side('ba', `${b} → ${a}`),
  ];
}

export const eventColumns: Column<EvidencedHappening>[] = [
  { name: 'day', header: 'Day', value: (e) => e.happening.day },
  {
    name: 'actor',
    header: 'Actor',
    value: (e) => e.happening.actor?.text ?? e.happening.actor?.country ?? null,
  },
  {
    name: 'recipient',
    header: 'Recipient',
    value: (e) => e.happening.recipient?.text ?? e.happening.recipient?.country ?? null,
  },
  {
    name: 'type',
    header: 'Type',
    value: (e) => e.happening.type,
    cell: (e) => html`<a href="/happenings/${e.happening.id}">${e.happening.type}</a>`,
  },
  { name: 'quad', header: 'Quad', value: (e) => e.happening.quad },
  { name: 'goldstein', header: 'Goldstein', value: (e) => e.happening.goldstein },
  { name: 'mentions', header: 'Mentions', value: (e) => e.happening.numMentions },
  { name: 'sources', header: 'Sources', value: (e) => e.happening.numSources },
  {
    name: 'sentence',
    header: 'Sentence (first report)',
    value: (e) => e.evidence?.sentence.text ?? null,
    cell: (e) => (e.evidence ? evidenceSentence(e.evidence) : ''),
  },
  {
    name: 'article',
    header: 'Article',
    value: (e) => e.happening.firstDocId,
    cell: (e) =>
      html`<a href="/documents/${e.happening.firstDocId}?event=${e.happening.firstIdx}">${e.evidence?.title ?? e.happening.firstDocId.slice(0, 12)}</a>`,
  },
  { name: 'happening', header: 'Happening', value: (e) => e.happening.id },
];

/** The chart's data: one point per period, x the period's first day in seconds (uPlot's time scale). */
function chartData(series: DyadSeries, count: string) {
  return series.periods.map((p) => {
    const range = periodRange(p.period);
    return {
      period: p.period,
      x: range ? Date.parse(`${range.from}T00:00:00Z`) / 1000 : 0,
      ab: sideCount(p.ab, count),
      ba: sideCount(p.ba, count),
      gab: p.ab.goldsteinMean,
      gba: p.ba.goldsteinMean,
    };
  });
}

export interface RelationsView {
  form: RelationsForm;
  series: DyadSeries | null;
  /** The events of the picked point, when one is. */
  events: { from: string | null; to: string | null; items: DyadEvent[] } | null;
  /** Actor keys to suggest. */
  suggestions: string[];
  /** Types seen in the series, for the count menu. */
  problem?: string;
}

function select(name: string, label: string, value: string, options: readonly [string, string][]): SafeHtml {
  return html`<label>${label}<select name="${name}">${options.map(
    ([v, text]) => html`<option value="${v}"${v === value ? html` selected` : ''}>${text}</option>`,
  )}</select></label>`;
}

/** `/relations`: two actors over time, both ways, and the events behind a picked point. */
export function relationsPage(view: RelationsView): string {
  const { form, series } = view;
  const types = series
    ? [
        ...new Set(series.periods.flatMap((p) => [...Object.keys(p.ab.types), ...Object.keys(p.ba.types)])),
      ].sort()
    : [];
  const countOptions: [string, string][] = [
    ['all', 'all events'],
    ...([1, 2, 3, 4] as const).map((q): [string, string] => [`q${q}`, `quad ${q}: ${QUAD_NAMES[q]}`]),
    ...types.map((t): [string, string] => [t, t]),
  ];
  if (form.count !== 'all' && !countOptions.some(([v]) => v === form.count)) {
    countOptions.push([form.count, form.count]);
  }
  const a = series?.a ?? form.a;
  const b = series?.b ?? form.b;
  const params = relationsParams(form);
  const formHtml = html`<form class="filters" method="get" action="/relations">
    <label>Actor A<input name="a" value="${form.a}" list="actor-keys" required size="18" placeholder="GRC, RUS.GOV, person:…"></label>
    <label>Actor B<input name="b" value="${form.b}" list="actor-keys" required size="18" placeholder="TUR"></label>
    <datalist id="actor-keys">${view.suggestions.map((s) => html`<option value="${s}"></option>`)}</datalist>
    ${select('by', 'Per', form.by, [
      ['day', 'day'],
      ['week', 'week'],
      ['month', 'month'],
    ])}
    ${select('count', 'Count', form.count, countOptions)}
    <label>From<input name="from" value="${form.from ?? ''}" placeholder="YYYY-MM-DD" size="11"></label>
    <label>To<input name="to" value="${form.to ?? ''}" placeholder="YYYY-MM-DD" size="11"></label>
    <button>Show</button>
  </form>`;
  let chart: SafeHtml = html``;
  if (series && series.periods.length > 0) {
    const what =
      form.count === 'all' ? 'events' : (countOptions.find(([v]) => v === form.count)?.[1] ?? form.count);
    chart = html`<figure class="chart">
      <div id="dyad-chart" class="chart-box" role="img" aria-label="${what} per ${form.by}, ${a} → ${b} and ${b} → ${a}, with mean Goldstein score"></div>
      <figcaption class="small muted">Bars: ${what} per ${form.by} (happenings, merged across articles) — <span class="key key-ab">${a} → ${b}</span>
      <span class="key key-ba">${b} → ${a}</span>; lines: mean Goldstein score (right axis, −10 conflict … +10 cooperation).
      Click a point, or a period in the table, to list its events.</figcaption>
      ${jsonBlock('dyad-data', { a, b, by: form.by, params, points: chartData(series, form.count) })}
    </figure>`;
  }
  const table =
    series && series.periods.length > 0
      ? html`<h2 id="periods">Per ${form.by}</h2>${exportLinks('/relations', params, 'this table')}
    ${renderTable(periodColumns(form, a, b), series.periods)}`
      : html``;
  const events = view.events
    ? html`<h2 id="events" tabindex="-1">Events in ${periodLabel(form.period ?? '')} <span class="small muted">(${view.events.from} – ${view.events.to}, ${view.events.items.length})</span></h2>
    ${exportLinks('/relations', { ...params, period: form.period }, 'these events')}
    ${evidenceLegend()}
    ${
      view.events.items.length === 0
        ? html`<p class="muted">No events between ${a} and ${b} in this period.</p>`
        : renderTable(
            eventColumns.filter((c) => c.name !== 'happening'),
            view.events.items,
          )
    }`
    : html``;
  const body = html`<h1>Relations</h1>
  <p class="muted small">How two actors treat each other over time, both ways: a country (<code>GRC</code>), a country and sector (<code>RUS.GOV</code>) or an entity (<code>person:…</code>).</p>
  ${formHtml}
  ${view.problem && html`<p class="sev-error" role="alert">${view.problem}</p>`}
  ${
    series && series.periods.length === 0
      ? html`<p class="muted">No events between ${a} and ${b}${form.from || form.to ? ' in this range' : ''}.</p>`
      : ''
  }
  ${chart}${events}${table}`;
  return workspaceLayout(series ? `Relations: ${a} and ${b}` : 'Relations', body, {
    nav: '/relations',
    scripts: [VENDOR.uplotJs.path],
    styles: [VENDOR.uplotCss.path],
  });
}
