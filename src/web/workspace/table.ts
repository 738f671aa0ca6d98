import { html, type SafeHtml } from '../html.js';

/**
 * A table defined once and rendered three ways: HTML on the page, CSV and JSON for export
 * (`?format=csv|json` on the page's address), so the exported columns are the ones shown.
 */
export interface Column<T> {
  /** The CSV header and JSON key. */
  name: string;
  /** The HTML header. */
  header: string;
  value: (row: T) => string | number | boolean | null;
  /** The HTML cell, when it is more than the value (a link, a pill). */
  cell?: (row: T) => SafeHtml | string;
}

export function renderTable<T>(
  columns: readonly Column<T>[],
  rows: readonly T[],
  caption?: string,
): SafeHtml {
  return html`<table>${caption && html`<caption class="small muted">${caption}</caption>`}<thead><tr>${columns.map(
    (c) => html`<th scope="col">${c.header}</th>`,
  )}</tr></thead>
  <tbody>${rows.map(
    (row) =>
      html`<tr>${columns.map((c) => {
        const v = c.cell ? c.cell(row) : c.value(row);
        return html`<td>${v === null || v === '' ? '—' : typeof v === 'boolean' ? String(v) : v}</td>`;
      })}</tr>`,
  )}</tbody></table>`;
}

/** A CSV field: quoted when it holds a separator, and a text a spreadsheet would run as a formula is quoted with '. */
function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+@\t\r]|^-[^\d.]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function tableCsv<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => csvField(c.name)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function tableJson<T>(columns: readonly Column<T>[], rows: readonly T[]): Record<string, unknown>[] {
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c.name, c.value(row)])));
}
