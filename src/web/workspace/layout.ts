import { ASSETS } from '../assets.js';
import { html, raw, type SafeHtml } from '../html.js';
import { NAV_LINKS } from '../nav.js';
import { WORKSPACE_ASSETS } from './client.js';

/** The shared navigation bar; `current` is the path of the page it sits on. */
export function navBar(current = ''): SafeHtml {
  return html`<header class="top"><a class="brand" href="/">Tidings</a><nav aria-label="Pages" class="main-nav">${NAV_LINKS.map(
    (l) => html`<a href="${l.href}"${l.href === current ? html` aria-current="page"` : ''}>${l.label}</a>`,
  )}</nav></header>`;
}

export interface PageOptions {
  /** The nav entry to mark as current. */
  nav?: string;
  /** More scripts and stylesheets (same-origin paths), loaded after the page's own. */
  scripts?: readonly string[];
  styles?: readonly string[];
}

/** A workspace page: the site's head, navigation, stylesheet and script, then `body`. */
export function workspaceLayout(title: string, body: SafeHtml, options: PageOptions = {}): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title} · Tidings</title><link rel="icon" href="data:,"><link rel="stylesheet" href="${ASSETS.css}">
<link rel="stylesheet" href="${WORKSPACE_ASSETS.css}">${(options.styles ?? []).map((href) => html`<link rel="stylesheet" href="${href}">`)}</head>
<body>${navBar(options.nav)}
<main>${body}</main><script src="${ASSETS.js}"></script>${(options.scripts ?? []).map((src) => html`<script src="${src}"></script>`)}<script src="${WORKSPACE_ASSETS.js}"></script></body></html>`.toString();
}

/** Links to a table's data as CSV and JSON: the same address with `format=`. */
export function exportLinks(
  path: string,
  params: Record<string, string | undefined>,
  what: string,
): SafeHtml {
  const link = (format: string) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    q.set('format', format);
    return `${path}?${q}`;
  };
  return html`<p class="export small">Export ${what}: <a href="${link('csv')}" download>CSV</a> · <a href="${link('json')}">JSON</a></p>`;
}

/**
 * A JSON data block for the page's script: not executed (CSP allows no inline script anyway), and
 * `<` escaped so no text in the data can close the element.
 */
export function jsonBlock(id: string, data: unknown): SafeHtml {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return html`<script type="application/json" id="${id}">${raw(json)}</script>`;
}
