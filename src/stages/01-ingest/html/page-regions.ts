import regionData from '../../../rules/extract/page-regions.json' with { type: 'json' };
import type { HtmlElement } from './parse-html.js';

/**
 * What part of a page an element is by its tag, ARIA role, class and id (`rules/extract/page-regions.json`):
 * a boilerplate region's rule id (`extract:region.comments`), `content` when its names say it holds the
 * article, or undefined. Names are split into words at non-letters and camelCase humps; adjacent words
 * are also tried joined (`more-stories`, `moreStories`). Words of four letters or more match as prefixes
 * (`comments`, `commentList`), shorter ones only whole (`ad` never matches `address`).
 */

export interface Region {
  rule: string;
  strong: boolean;
  /** Page furniture by position (rails, headers…): not a region when it holds most of the page's prose. */
  layout: boolean;
}

interface RegionData {
  regions: { id: string; strength: 'strong' | 'weak'; layout: boolean; words: string[]; except?: string[] }[];
  content: { words: string[] };
  access: { words: string[] };
  captions: { words: string[] };
  tags: Record<string, string>;
}

const data = regionData as RegionData;

interface Matcher {
  exact: Map<string, Region>;
  /** Listed words of four letters or more, by their first four letters. */
  prefixes: Map<string, { word: string; region: Region }[]>;
  /** Name words that start like a listed word but are not it (`commentary`). */
  except: Set<string>;
}

function compile(): {
  boilerplate: Matcher;
  content: Matcher;
  access: Matcher;
  captions: Matcher;
  byTag: Map<string, Region>;
} {
  const boilerplate: Matcher = { exact: new Map(), prefixes: new Map(), except: new Set() };
  const content: Matcher = { exact: new Map(), prefixes: new Map(), except: new Set() };
  const byId = new Map<string, Region>();
  const add = (m: Matcher, word: string, region: Region) => {
    const key = word.replace(/-/g, '');
    if (key.length >= 4) {
      const stem = key.slice(0, 4);
      const list = m.prefixes.get(stem) ?? [];
      list.push({ word: key, region });
      m.prefixes.set(stem, list);
    } else m.exact.set(key, region);
  };
  for (const r of data.regions) {
    if (!/^extract:region\.[a-z-]+$/.test(r.id)) {
      throw new Error(
        `rules/extract/page-regions.json: region id "${r.id}" should look like extract:region.<name>`,
      );
    }
    const region = { rule: r.id, strong: r.strength === 'strong', layout: r.layout === true };
    byId.set(r.id, region);
    for (const w of r.words) add(boilerplate, w, region);
    for (const w of r.except ?? []) boilerplate.except.add(w);
  }
  const contentRegion = { rule: 'extract:region.content', strong: false, layout: false };
  for (const w of data.content.words) add(content, w, contentRegion);
  const access: Matcher = { exact: new Map(), prefixes: new Map(), except: new Set() };
  const accessRegion = { rule: 'extract:region.access', strong: false, layout: false };
  for (const w of data.access.words) add(access, w, accessRegion);
  const captions: Matcher = { exact: new Map(), prefixes: new Map(), except: new Set() };
  const captionRegion = { rule: 'extract:caption', strong: false, layout: false };
  for (const w of data.captions.words) add(captions, w, captionRegion);
  const byTag = new Map<string, Region>();
  for (const [key, id] of Object.entries(data.tags)) {
    if (key === 'description') continue;
    const region = byId.get(id);
    if (!region) throw new Error(`rules/extract/page-regions.json: tag ${key} names unknown region ${id}`);
    byTag.set(key, region);
  }
  return { boilerplate, content, access, captions, byTag };
}

const COMPILED = compile();

function match(m: Matcher, word: string): Region | undefined {
  const exact = m.exact.get(word);
  if (exact) return exact;
  if (m.except.has(word)) return undefined;
  if (word.length < 4) return undefined;
  const list = m.prefixes.get(word.slice(0, 4));
  if (list) for (const p of list) if (word.startsWith(p.word)) return p.region;
  return undefined;
}

/**
 * Words of a class or id: `articleBody main-col` → article, body, main, col. Parts with a digit are
 * dropped (generated hashes such as `css-1kas69x` would otherwise yield letter runs like `ad`).
 */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let i = 0;
  const n = name.length;
  while (i < n && words.length < 24) {
    // One part: a run of ASCII letters and digits.
    while (i < n && !isAlnum(name.charCodeAt(i))) i++;
    const start = i;
    let digit = false;
    while (i < n && isAlnum(name.charCodeAt(i))) {
      if (name.charCodeAt(i) <= 0x39) digit = true;
      i++;
    }
    if (digit || i === start || i - start > 40) continue;
    // Split the part at camelCase humps.
    let from = start;
    for (let k = start + 1; k < i; k++) {
      const c = name.charCodeAt(k);
      const prev = name.charCodeAt(k - 1);
      if (c >= 0x41 && c <= 0x5a && prev >= 0x61 && prev <= 0x7a) {
        words.push(name.slice(from, k).toLowerCase());
        from = k;
      }
    }
    words.push(name.slice(from, i).toLowerCase());
  }
  return words;
}

function isAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

export interface RegionVerdict {
  /** The boilerplate region the names say, when they say one and content words do not overrule it. */
  boilerplate?: Region;
  /** The names say the element holds the article. */
  content: boolean;
  /** The names say the element holds a picture's caption or credit. */
  caption?: boolean;
}

const NONE: RegionVerdict = { content: false };

/** Classifies by names; `cache` is per page (class strings repeat across a page's elements). */
export function classifyElement(element: HtmlElement, cache: Map<string, RegionVerdict>): RegionVerdict {
  if (element.tag === 'body' || element.tag === 'html') return NONE;
  const byTag = COMPILED.byTag.get(element.tag);
  const role = element.attrs.role;
  const byRole = role ? COMPILED.byTag.get(`role=${role.trim().toLowerCase()}`) : undefined;
  const names = `${element.attrs.class ?? ''} ${element.attrs.id ?? ''}`.replace(/\s+/g, ' ');
  let verdict = NONE;
  if (names.length > 1) {
    const cached = cache.get(names);
    if (cached) verdict = cached;
    else {
      verdict = classifyNames(names);
      if (cache.size < 50_000) cache.set(names, verdict);
    }
  }
  const fixed = byTag ?? byRole;
  if (fixed && !verdict.content)
    return verdict.caption
      ? { boilerplate: fixed, content: false, caption: true }
      : { boilerplate: fixed, content: false };
  return verdict;
}

function classifyNames(names: string): RegionVerdict {
  let strong: Region | undefined;
  let weak: Region | undefined;
  let content = false;
  let caption = false;
  for (const name of names.split(' ')) {
    if (name === '') continue;
    const words = nameWords(name);
    if (!caption) for (const w of words) if (match(COMPILED.captions, w)) caption = true;
    const head = headOf(words);
    if (head === 'content') content = true;
    else if (head?.strong) strong ??= head;
    else if (head) weak ??= head;
  }
  const verdict: RegionVerdict = strong
    ? { boilerplate: strong, content: false }
    : weak && !content
      ? { boilerplate: weak, content: false }
      : content
        ? { content: true }
        : NONE;
  return caption ? { ...verdict, caption: true } : verdict;
}

/** What one class name says: its last word (or pair of words) that says something. */
function headOf(words: readonly string[]): Region | 'content' | undefined {
  let head: Region | 'content' | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    head = matchWord(word) ?? head;
    if (i + 1 < words.length) head = matchWord(word + (words[i + 1] as string)) ?? head;
  }
  return head;
}

function matchWord(word: string): Region | 'content' | undefined {
  const b = match(COMPILED.boilerplate, word);
  if (b) return b;
  return match(COMPILED.content, word) ? 'content' : undefined;
}

/** The element's names say it holds gated article text (read even when a style hides it). */
export function isGated(element: HtmlElement): boolean {
  const names = `${element.attrs.class ?? ''} ${element.attrs.id ?? ''}`;
  if (names.length < 4) return false;
  for (const word of nameWords(names)) if (match(COMPILED.access, word)) return true;
  return false;
}
