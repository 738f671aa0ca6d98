import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Column, renderTable, tableCsv, tableJson } from './table.js';

interface Row {
  name: string;
  n: number | null;
}

const columns: Column<Row>[] = [
  { name: 'name', header: 'Name', value: (r) => r.name },
  { name: 'n', header: 'Count', value: (r) => r.n },
];

const rows: Row[] = [
  { name: 'plain', n: 1 },
  { name: 'a, "quoted"\nline', n: -2.5 },
  { name: '=HYPERLINK("http://x")', n: null },
  { name: '<script>alert(1)</script>', n: 0 },
];

test('CSV quotes separators and defuses spreadsheet formulas; numbers stay numbers', () => {
  assert.equal(
    tableCsv(columns, rows),
    'name,n\r\nplain,1\r\n"a, ""quoted""\nline",-2.5\r\n"\'=HYPERLINK(""http://x"")",\r\n<script>alert(1)</script>,0\r\n',
  );
});

test('JSON keeps the values; HTML escapes them', () => {
  assert.deepEqual(tableJson(columns, rows)[2], { name: '=HYPERLINK("http://x")', n: null });
  const html = renderTable(columns, rows).toString();
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!html.includes('<script>'));
  assert.equal((html.match(/<tr>/g) ?? []).length, rows.length + 1);
});
