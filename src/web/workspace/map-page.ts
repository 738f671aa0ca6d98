import { createRequire } from 'node:module';
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { EvidencedHappening } from '../../services/workspace-evidence.js';
import type { PlaceCount, Places } from '../../services/workspace-places.js';
import { html, raw, type SafeHtml } from '../html.js';
import { evidenceLegend } from './evidence.js';
import { exportLinks, workspaceLayout } from './layout.js';
import { eventColumns } from './relations-page.js';
import { type Column, renderTable } from './table.js';

/**
 * The Map page draws on the server: the world from the bundled world-atlas TopoJSON (Natural Earth
 * 1:110m) projected with d3-geo into an SVG, and the places as circles, nearby ones clustered. No
 * tiles, no script: it works offline and each cluster is a link the keyboard reaches.
 */

const WIDTH = 960;
const HEIGHT = 500;
/** Places closer than this many pixels share a circle. */
const CLUSTER_PX = 22;

interface World {
  land: string;
  borders: string;
  sphere: string;
  project: (lon: number, lat: number) => [number, number] | null;
}

let world: World | undefined;

/** The projected world, built once on first use (about 100 KB of path data). */
function getWorld(): World {
  if (world) return world;
  const topology = createRequire(import.meta.url)('world-atlas/countries-110m.json') as Topology<{
    countries: GeometryCollection;
  }>;
  const countries = feature(topology, topology.objects.countries);
  const projection = geoEqualEarth().fitExtent(
    [
      [6, 6],
      [WIDTH - 6, HEIGHT - 6],
    ],
    { type: 'Sphere' },
  );
  const path = geoPath(projection);
  const round = (d: string | null) => (d ?? '').replace(/\d+\.\d+/g, (n) => Number(n).toFixed(1));
  world = {
    land: round(path(countries)),
    borders: round(path(mesh(topology, topology.objects.countries, (a, b) => a !== b))),
    sphere: round(path({ type: 'Sphere' })),
    project: (lon, lat) => projection([lon, lat]),
  };
  return world;
}

export interface Cluster {
  x: number;
  y: number;
  events: number;
  places: PlaceCount[];
}

/** Greedy clustering in screen space: the busiest place seeds a cluster, places within reach join it. */
export function clusterPlaces(places: readonly PlaceCount[], project: World['project']): Cluster[] {
  const clusters: Cluster[] = [];
  for (const p of [...places].sort((a, b) => b.events - a.events)) {
    const xy = project(p.lon, p.lat);
    if (!xy) continue;
    const near = clusters.find((c) => Math.hypot(c.x - xy[0], c.y - xy[1]) < CLUSTER_PX);
    if (near) {
      near.places.push(p);
      near.events += p.events;
    } else {
      clusters.push({ x: xy[0], y: xy[1], events: p.events, places: [p] });
    }
  }
  return clusters;
}

export interface MapForm {
  type?: string;
  from?: string;
  to?: string;
  /** The places whose events are listed (a cluster's keys, comma-separated). */
  place?: string;
}

export function mapParams(f: MapForm): Record<string, string | undefined> {
  return { type: f.type, from: f.from, to: f.to };
}

export const placeColumns: Column<PlaceCount>[] = [
  { name: 'place', header: 'Place', value: (p) => p.name },
  { name: 'key', header: 'Key', value: (p) => p.place },
  { name: 'country', header: 'Country', value: (p) => p.country },
  { name: 'lat', header: 'Latitude', value: (p) => Math.round(p.lat * 1000) / 1000 },
  { name: 'lon', header: 'Longitude', value: (p) => Math.round(p.lon * 1000) / 1000 },
  { name: 'events', header: 'Events', value: (p) => p.events },
  {
    name: 'types',
    header: 'Types',
    value: (p) =>
      Object.entries(p.types)
        .sort((a, b) => b[1] - a[1])
        .map(([t, n]) => `${t} ${n}`)
        .join(', '),
  },
];

function placeHref(form: MapForm, keys: string): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(mapParams(form))) if (v) q.set(k, v);
  q.set('place', keys);
  return `/map?${q}#events`;
}

function svgMap(form: MapForm, places: readonly PlaceCount[]): SafeHtml {
  const w = getWorld();
  const picked = new Set((form.place ?? '').split(','));
  // The busiest first, so a smaller circle is drawn over a larger one it touches and stays clickable.
  const clusters = clusterPlaces(places, w.project).sort((a, b) => b.events - a.events);
  const radius = (c: Cluster) => 5 + 4 * Math.sqrt(c.events);
  const circles = clusters.map((c) => {
    const keys = c.places.map((p) => p.place).join(',');
    const names = c.places.map((p) => p.name).join(', ');
    const label = `${names}: ${c.events} event${c.events === 1 ? '' : 's'}`;
    return html`<a href="${placeHref(form, keys)}" aria-label="${label}"${c.places.some((p) => picked.has(p.place)) ? html` class="picked"` : ''}>
      <title>${label}</title><circle class="cluster" cx="${c.x.toFixed(1)}" cy="${c.y.toFixed(1)}" r="${radius(c).toFixed(1)}"></circle></a>`;
  });
  // Labels sit above every circle and take no clicks: a neighbour's label never covers a circle's link.
  const labels = clusters.map((c) => {
    const r = radius(c);
    const names = c.places.map((p) => p.name).join(', ');
    return html`<text x="${(c.x + r + 2).toFixed(1)}" y="${(c.y + 4).toFixed(1)}">${c.places.length > 1 ? `${c.places[0]?.name} +${c.places.length - 1}` : names} (${c.events})</text>`;
  });
  return html`<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="group" aria-label="World map of events by place">
    <path class="sphere" d="${raw(w.sphere)}"></path><path class="land" d="${raw(w.land)}"></path>
    <path class="land" fill="none" d="${raw(w.borders)}"></path>${circles}<g class="labels" aria-hidden="true">${labels}</g></svg>`;
}

/** `/map`: events by place on a bundled world map, clustered, filtered by type and period. */
export function mapPage(
  form: MapForm,
  data: Places,
  types: readonly string[],
  events: EvidencedHappening[] | null,
  problem?: string,
): string {
  const params = mapParams(form);
  const input = (name: 'from' | 'to', label: string) =>
    html`<label>${label}<input name="${name}" value="${form[name] ?? ''}" placeholder="YYYY-MM-DD" size="11"></label>`;
  const pickedNames = data.places
    .filter((p) => (form.place ?? '').split(',').includes(p.place))
    .map((p) => p.name)
    .join(', ');
  const body = html`<h1>Map</h1>
  <p class="muted small">Where events happened: each circle a place (or nearby places together), as large as its events. Select a circle to list them.</p>
  <form class="filters" method="get" action="/map">
    <label>Type<select name="type"><option value="">any</option>${types.map(
      (t) => html`<option value="${t}"${t === form.type ? html` selected` : ''}>${t}</option>`,
    )}</select></label>
    ${input('from', 'From')}${input('to', 'To')}<button>Show</button>
  </form>
  ${problem && html`<p class="sev-error" role="alert">${problem}</p>`}
  <div class="map">${svgMap(form, data.places)}</div>
  <p class="small muted">${data.places.length} place${data.places.length === 1 ? '' : 's'} from the ${data.read} newest of ${data.total} matching happenings; ${data.unplaced} name no place.</p>
  ${
    events
      ? html`<h2 id="events" tabindex="-1">Events in ${pickedNames || form.place} (${events.length})</h2>
      ${exportLinks('/map', { ...params, place: form.place }, 'these events')}
      ${evidenceLegend()}
      ${renderTable(
        eventColumns.filter((c) => c.name !== 'happening'),
        events,
      )}`
      : ''
  }
  <h2 id="places">Places (${data.places.length})</h2>
  ${exportLinks('/map', params, 'this table')}
  ${renderTable(placeColumns, data.places)}`;
  return workspaceLayout('Map', body, { nav: '/map' });
}
