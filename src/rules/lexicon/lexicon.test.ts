import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { reportingVerbs } from './lexicon.js';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('reporting verbs: the groups do not overlap', () => {
  const all = [...reportingVerbs.neutral, ...reportingVerbs.evaluative, ...reportingVerbs.cognition];
  assert.equal(new Set(all).size, all.length);
  for (const w of ['said', 'reported', 'told']) assert.ok(reportingVerbs.neutral.includes(w), w);
  assert.ok(reportingVerbs.evaluative.includes('condemned'));
});

/** Every array of strings in a JSON value, with where it sits. */
function stringArrays(value: unknown, at: string, out: [string, string[]][]): [string, string[]][] {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeof v === 'string')) out.push([at, value]);
    else for (const [i, v] of value.entries()) stringArrays(v, `${at}[${i}]`, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) stringArrays(v, `${at}.${k}`, out);
  }
  return out;
}

function jsonFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) jsonFiles(p, out);
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out;
}

test('reporting verbs are listed once: no other data file keeps its own copy', () => {
  const verbs = new Set([
    ...reportingVerbs.neutral,
    ...reportingVerbs.evaluative,
    ...reportingVerbs.cognition,
  ]);
  const copies: string[] = [];
  for (const file of [...jsonFiles(join(src, 'rules')), ...jsonFiles(join(src, 'kb'))]) {
    if (file.endsWith(join('lexicon', 'reporting-verbs.json'))) continue;
    // The most frequent words of news English, "said" among them: another concept, not a copy.
    if (file.endsWith(join('clean', 'stopwords.json'))) continue;
    for (const [at, words] of stringArrays(JSON.parse(readFileSync(file, 'utf8')), '', [])) {
      const shared = words.filter((w) => verbs.has(w.toLowerCase()));
      if (shared.length > 2) copies.push(`${relative(src, file)}${at}: ${shared.join(', ')}`);
    }
  }
  assert.deepEqual(copies, []);
});
