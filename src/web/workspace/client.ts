/**
 * The workspace pages' stylesheet and script, served as files of their own (`/static/…`, so the
 * Content-Security-Policy forbids inline script and style) and kept here as strings so the build
 * needs no copy step. The script reads its data from `<script type="application/json">` blocks the
 * server wrote, and only ever sets text (never HTML) from it.
 */

export const WORKSPACE_ASSETS = {
  css: '/static/workspace-2.css',
  js: '/static/workspace-1.js',
} as const;

export const WORKSPACE_STYLE = `
:root{--ab:#2f5bd3;--ba:#c2410c;--trigger:#d0342c;--actor:#2f5bd3;--recipient:#0f7b5f;--location:#8a5a00}
@media (prefers-color-scheme:dark){:root{--ab:#8fb0ff;--ba:#ffa46b;--trigger:#ff8a80;--actor:#8fb0ff;--recipient:#5fd3ac;--location:#f0c060}}
header.top nav.main-nav{display:flex;flex-wrap:wrap;gap:1.1rem}
header.top nav.main-nav a[aria-current=page]{font-weight:650;text-decoration:underline;text-underline-offset:5px}
.chart{margin:1rem 0}.chart-box{min-height:340px;width:100%}
.key{font-weight:600}.key-ab{color:var(--ab)}.key-ba{color:var(--ba)}
.ev{border-radius:2px}.ev-trigger,.ev-merged{font-weight:650;outline:1.5px solid var(--trigger);outline-offset:1px}
.ev-actor{border-bottom:3px solid var(--actor)}.ev-recipient{border-bottom:3px double var(--recipient)}
.ev-location{border-bottom:2px dashed var(--location)}
q.evidence{quotes:none;display:inline;line-height:1.8}
.export{margin:.25rem 0 .5rem}
caption{text-align:left;caption-side:top;padding:.25rem 0}
.__________cytoscape_container{position:relative}
.cy{height:520px;border:1px solid var(--line);border-radius:6px;margin:1rem 0}
.map svg{width:100%;height:auto;border:1px solid var(--line);border-radius:6px;background:var(--panel)}
.map .land{fill:var(--bg);stroke:var(--line);stroke-width:.6}
.map .sphere{fill:none;stroke:var(--line)}
.map a .cluster{fill:var(--ab);fill-opacity:.55;stroke:var(--ab);stroke-width:1.5}
.map a:hover .cluster,.map a:focus .cluster,.map a.picked .cluster{fill:var(--ba);stroke:var(--ba);fill-opacity:.75}
.map a:focus{outline:none}.map a:focus .cluster{stroke-width:3}
.map .labels{pointer-events:none}.map text{font-size:11px;fill:var(--fg);paint-order:stroke;stroke:var(--bg);stroke-width:3px}
.mention{border:1px solid var(--line);border-radius:6px;padding:.6rem .9rem;margin:.75rem 0}
.mention h3{font-size:1rem;margin:0 0 .3rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.5rem 0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.facets{display:flex;flex-wrap:wrap;gap:1.5rem;margin:.5rem 0 1rem}.facets ul{list-style:none;padding:0;margin:.2rem 0}
.bars{display:flex;align-items:flex-end;gap:2px;height:80px;border-bottom:1px solid var(--line)}
.bars span{background:var(--ab);min-width:10px;flex:1;display:block}
.tabs{display:flex;gap:1rem;margin:.5rem 0}
.u-legend{font-size:.85rem}
${Array.from({ length: 21 }, (_, i) => `.bars .bar-${i}{height:${i * 5}%}`).join('')}
`;

export const WORKSPACE_SCRIPT = `
(function () {
  'use strict';
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }
  function query(params, extra) {
    var q = new URLSearchParams();
    Object.keys(params).forEach(function (k) { if (params[k]) q.set(k, params[k]); });
    Object.keys(extra || {}).forEach(function (k) { q.set(k, extra[k]); });
    return q.toString();
  }

  // Relations: events per period both ways (bars) and mean Goldstein (lines); a click lists the events.
  var dyad = data('dyad-data');
  var box = document.getElementById('dyad-chart');
  if (dyad && box && window.uPlot) {
    var pts = dyad.points;
    var step = { day: 86400, week: 7 * 86400, month: 30 * 86400 }[dyad.by] || 86400;
    var fg = cssVar('--fg'), line = cssVar('--line'), ab = cssVar('--ab'), ba = cssVar('--ba');
    var bars = function (align) { return window.uPlot.paths.bars({ size: [0.35, 48], align: align }); };
    var opts = {
      width: Math.max(320, box.clientWidth || 800),
      height: 320,
      scales: {
        x: { time: true, range: function (u, min, max) { return [min - step, max + step]; } },
        n: { range: function (u, min, max) { return [0, Math.max(2, max + 1)]; } },
        g: { range: [-10, 10] },
      },
      axes: [
        { stroke: fg, grid: { stroke: line } },
        { scale: 'n', label: 'events', stroke: fg, grid: { stroke: line } },
        { scale: 'g', side: 1, label: 'mean Goldstein', stroke: fg, grid: { show: false } },
      ],
      series: [
        {},
        { label: dyad.a + ' → ' + dyad.b, scale: 'n', stroke: ab, fill: ab + '99', paths: bars(-1), points: { show: false } },
        { label: dyad.b + ' → ' + dyad.a, scale: 'n', stroke: ba, fill: ba + '99', paths: bars(1), points: { show: false } },
        { label: 'Goldstein ' + dyad.a + ' → ' + dyad.b, scale: 'g', stroke: ab, dash: [5, 4], spanGaps: true, points: { show: true, size: 7, fill: ab } },
        { label: 'Goldstein ' + dyad.b + ' → ' + dyad.a, scale: 'g', stroke: ba, dash: [5, 4], spanGaps: true, points: { show: true, size: 7, fill: ba } },
      ],
      cursor: { points: { size: 9 } },
      hooks: {
        // Where each point is drawn (CSS pixels inside the plot area), for tools and tests that click one.
        draw: [function (u) {
          box.dataset.points = JSON.stringify(pts.map(function (p) {
            return { period: p.period, left: u.valToPos(p.x, 'x'), top: u.valToPos(Math.max(p.ab, p.ba), 'n') };
          }));
        }],
      },
    };
    var u = new window.uPlot(opts, [
      pts.map(function (p) { return p.x; }),
      pts.map(function (p) { return p.ab; }),
      pts.map(function (p) { return p.ba; }),
      pts.map(function (p) { return p.gab; }),
      pts.map(function (p) { return p.gba; }),
    ], box);
    var open = function (i) {
      var p = pts[i];
      if (p) location.href = '/relations?' + query(dyad.params, { period: p.period }) + '#events';
    };
    u.over.addEventListener('click', function () { if (u.cursor.idx != null) open(u.cursor.idx); });
    window.addEventListener('resize', function () {
      u.setSize({ width: Math.max(320, box.clientWidth), height: 320 });
    });
  }

  // Network: actors as nodes, event counts (width) and mean Goldstein (colour) as edges.
  var net = data('network-data');
  var cyBox = document.getElementById('network');
  if (net && cyBox && window.cytoscape) {
    var tone = function (g) {
      if (g === null) return cssVar('--muted');
      return g < -1 ? cssVar('--ba') : g > 1 ? cssVar('--recipient') : cssVar('--muted');
    };
    // Cytoscape adds a <style> for its container unless an element with this id exists; the CSP forbids
    // inline style, so the rule lives in the workspace stylesheet and this marker stands in for it.
    var marker = document.createElement('meta');
    marker.id = '__________cytoscape_stylesheet';
    document.head.appendChild(marker);
    var maxE = Math.max.apply(null, [1].concat(net.edges.map(function (e) { return e.events; })));
    var maxN = Math.max.apply(null, [1].concat(net.nodes.map(function (n) { return n.events; })));
    var cy = window.cytoscape({
      container: cyBox,
      elements: net.nodes.map(function (n) {
        return { data: { id: n.id, label: n.id, size: 18 + 30 * Math.sqrt(n.events / maxN) } };
      }).concat(net.edges.map(function (e, i) {
        return { data: { id: 'e' + i, source: e.source, target: e.target, events: e.events,
          width: 1.5 + 8 * (e.events / maxE), color: tone(e.goldsteinMean), href: e.href } };
      })),
      style: [
        { selector: 'node', style: { label: 'data(label)', width: 'data(size)', height: 'data(size)',
          'background-color': cssVar('--ab'), color: cssVar('--fg'), 'font-size': 12,
          'text-outline-color': cssVar('--bg'), 'text-outline-width': 2 } },
        { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(color)', 'target-arrow-color': 'data(color)',
          'target-arrow-shape': 'triangle', 'curve-style': 'bezier', opacity: 0.85 } },
      ],
      layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: function () { return 9000; } },
      wheelSensitivity: 0.3,
    });
    cy.on('tap', 'edge', function (evt) { location.href = evt.target.data('href'); });
    cy.on('tap', 'node', function (evt) { location.href = '/actors/' + encodeURIComponent(evt.target.id()); });
    window.addEventListener('resize', function () { cy.resize(); });
  }

  // A link to #events (a chart click) moves focus there, so keyboard and screen-reader users land on the list.
  if (location.hash === '#events') {
    var h = document.getElementById('events');
    if (h) h.focus();
  }
})();
`;
