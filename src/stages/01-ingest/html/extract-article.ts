import type { BlockType } from '../../../core/doc.js';
import boilerplateBlocks from '../../../rules/extract/boilerplate-blocks.json' with { type: 'json' };
import elements from '../../../rules/extract/html-elements.json' with { type: 'json' };
import { classifyElement, isGated, type Region, type RegionVerdict } from './page-regions.js';
import type { HtmlElement, HtmlNode } from './parse-html.js';

/**
 * The article in a parsed page, as blocks of text, by one pass over the tree and one over its elements:
 *
 * 1. Walk the page in document order and cut its text into blocks at block-level elements and double
 *    line breaks. Each block knows the element that holds it, its kind (heading, list item, quote,
 *    caption…), how much of it is link text, and the innermost boilerplate region it sits in (by
 *    class, id, tag and role: `page-regions.ts`).
 * 2. Score blocks: prose outside links counts for the article; link lists, short fragments without
 *    sentence punctuation and whatever sits in a boilerplate region count against it.
 * 3. Sum the scores up the tree (children before parents, so linear) and take the element with the
 *    best balance, `good − penalty × bad`: the smallest container that holds the article text while
 *    leaving out the navigation, rails and comments around it.
 * 4. Keep that element's blocks, less those in a boilerplate region inside it, link lists, and
 *    headings with nothing kept after them.
 *
 * When the result looks wrong (little text, or far less than the page's prose), a second attempt
 * scores without region names and the longer sound result is kept (`extract:fallback-*`).
 */

export interface TextBlock {
  type: BlockType;
  text: string;
  /** 1–6 for headings. */
  level?: number;
}

export interface ExtractOptions {
  /** Weight of text that would be kept but is not prose (labels, dates, fragments) against prose (default 0.75). */
  penalty?: number;
  /** Weight of text the result leaves out anyway (link lists, boilerplate regions) against prose (default 0.2). */
  prunedPenalty?: number;
  /** Ignore region names (the fallback attempt). */
  ignoreRegions?: boolean;
}

export interface Extraction {
  blocks: TextBlock[];
  /** Rule ids that shaped the result, with the characters they left out. */
  pruned: Record<string, number>;
  /** Which attempt produced the blocks. */
  attempt: 'regions' | 'no-regions';
  /** Characters of prose on the page outside boilerplate regions, and in the result. */
  pageProse: number;
  keptChars: number;
}

interface RawBlock {
  owner: HtmlElement;
  type: BlockType;
  level: number;
  text: string;
  chars: number;
  linkChars: number;
  good: number;
  bad: number;
  /** Mostly link text: a menu or a list of links, left out of the result. */
  links: boolean;
}

const BLOCK: ReadonlySet<string> = new Set(elements.block);
const BLOCK_TYPES = elements.blockTypes as Record<string, BlockType>;
interface Frame {
  el: HtmlElement;
  /** Next child to visit. */
  i: number;
  /** What entering the element set (F_*), to undo on leaving. */
  flags: number;
  /** The heading level before entering. */
  heading: number;
}

const F_BLOCK = 1;
const F_REGION = 2;
const F_LINK = 4;
const F_PRE = 8;
const F_QUOTE = 16;
const F_CAPTION = 32;
const F_LIST = 64;
const F_HEADING = 128;
const F_NAMED_CAPTION = 256;
/** A block in an element named as a caption is one only when short: a long one is text the name was wrong about. */
const NAMED_CAPTION_MAX = 500;
/** Stands for a `<br>` in a block's raw text (NUL never survives ingest's binary check). */
const BR = '\u0000';
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
/** Furniture by what it says (`rules/extract/boilerplate-blocks.json`), compiled once. */
const BOILERPLATE_BLOCKS: readonly { id: string; pattern: RegExp; maxChars: number }[] =
  boilerplateBlocks.rules.flatMap((rule: { id: string; patterns: string[]; maxChars?: number }) => {
    if (!/^extract:boilerplate\.[a-z-]+$/.test(rule.id)) {
      throw new Error(
        `rules/extract/boilerplate-blocks.json: rule id "${rule.id}" should look like extract:boilerplate.<name>`,
      );
    }
    const maxChars = rule.maxChars ?? boilerplateBlocks.maxChars;
    return rule.patterns.map((p) => ({ id: rule.id, pattern: new RegExp(p, 'i'), maxChars }));
  });
const LONGEST_NOTICE = Math.max(...BOILERPLATE_BLOCKS.map((r) => r.maxChars));
const CAPTION_ENDINGS: readonly RegExp[] = boilerplateBlocks.captions.patterns.map((p) => new RegExp(p, 'i'));

/** The boilerplate rule a short block matches, if any. */
export function boilerplateBlockRule(text: string): string | undefined {
  if (text.length > LONGEST_NOTICE) return undefined;
  for (const { id, pattern, maxChars } of BOILERPLATE_BLOCKS)
    if (text.length <= maxChars && pattern.test(text)) return id;
  return undefined;
}

/** A short paragraph that ends like a picture's caption or credit ("… (Credit: NASA)", "… hide caption"). */
export function looksLikeCaption(text: string): boolean {
  if (text.length > boilerplateBlocks.captions.maxChars) return false;
  for (const pattern of CAPTION_ENDINGS) if (pattern.test(text)) return true;
  return false;
}

/** What a heading right before it is the title of, and goes with: links, comments, related stories, prompts. */
const HEADS_A_BOX: ReadonlySet<string> = new Set([
  ...boilerplateBlocks.headsABox.ids,
  ...boilerplateBlocks.rules
    .map((r) => r.id)
    .filter((id) => !boilerplateBlocks.headsABox.except.includes(id)),
]);
/** A layout region holding this share of the page's prose is the article's wrapper, not furniture. */
const MASS_OVERRULE = 0.6;
const SENTENCE_END = /[.!?…:;"'”’»)]$/;

/** Blocks of the page in document order, with the region and subtree bounds the scorer needs. */
interface Walk {
  blocks: RawBlock[];
  /** Last descendant index of each element, by `index`. */
  end: Int32Array;
  /** Each element's region verdict, by `index` (undefined: not a region). */
  regions: (Region | undefined)[];
  content: Uint8Array;
  /** Elements in document order. */
  order: HtmlElement[];
}

export function extractArticle(
  root: HtmlElement,
  elementCount: number,
  options: ExtractOptions = {},
): Extraction {
  const weights = { penalty: options.penalty ?? 0.75, prunedPenalty: options.prunedPenalty ?? 0.2 };
  const walk = walkBlocks(root, elementCount, options.ignoreRegions === true);
  const first = chooseAndKeep(walk, weights, options.ignoreRegions === true);
  if (options.ignoreRegions || !looksWrong(first)) return first;
  const loose = walkBlocks(root, elementCount, true);
  const second = chooseAndKeep(loose, weights, true);
  return second.keptChars > first.keptChars * 1.5 ? { ...second, attempt: 'no-regions' } : first;
}

/** Little text, or far less than the page's prose: the container was probably a teaser or a rail. */
function looksWrong(x: Extraction): boolean {
  return x.keptChars < 250 || x.keptChars < x.pageProse * 0.3;
}

function walkBlocks(root: HtmlElement, elementCount: number, ignoreRegions: boolean): Walk {
  const size = elementCount + 1;
  const end = new Int32Array(size);
  const regions: (Region | undefined)[] = new Array(size);
  const content = new Uint8Array(size);
  const order: HtmlElement[] = [];
  const blocks: RawBlock[] = [];
  const cache = new Map<string, RegionVerdict>();

  // Context of the current text: counts of open elements that give a block its kind.
  let inLink = 0;
  let inPre = 0;
  let inQuote = 0;
  let inCaption = 0;
  let inList = 0;
  let inNamedCaption = 0;
  let heading = 0;
  const ownerStack: HtmlElement[] = [root];

  let pieces: string[] = [];
  let chars = 0;
  let linkChars = 0;
  let lastWasBreak = false;

  const flush = () => {
    if (pieces.length === 0) return;
    const raw = pieces.join('');
    pieces = [];
    const text = inPre > 0 ? trimLines(raw) : collapse(raw);
    const blockChars = chars;
    const blockLinks = linkChars;
    chars = 0;
    linkChars = 0;
    if (text === '' || blockChars === 0) return;
    const owner = ownerStack[ownerStack.length - 1] as HtmlElement;
    const type: BlockType =
      heading > 0
        ? 'heading'
        : inCaption > 0 || (inNamedCaption > 0 && blockChars <= NAMED_CAPTION_MAX)
          ? 'caption'
          : inPre > 0
            ? 'preformatted'
            : inQuote > 0
              ? 'quote'
              : inList > 0
                ? 'list-item'
                : 'paragraph';
    blocks.push({
      owner,
      type,
      level: heading,
      text,
      chars: blockChars,
      linkChars: Math.min(blockLinks, blockChars),
      good: 0,
      bad: 0,
      links: false,
    });
  };

  // Iterative depth-first walk: the tree may be deep, the call stack must not be.
  const stack: Frame[] = [{ el: root, i: 0, flags: 0, heading: 0 }];
  order.push(root);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.i >= frame.el.children.length) {
      stack.pop();
      end[frame.el.index] = (order[order.length - 1] as HtmlElement).index;
      const f = frame.flags;
      // Flush while the element's context still holds, so the block gets its kind and owner.
      if (f & F_BLOCK) flush();
      if (f & F_LINK) inLink--;
      if (f & F_PRE) inPre--;
      if (f & F_QUOTE) inQuote--;
      if (f & F_CAPTION) inCaption--;
      if (f & F_LIST) inList--;
      if (f & F_NAMED_CAPTION) inNamedCaption--;
      if (f & F_HEADING) heading = frame.heading;
      if (f & F_BLOCK) ownerStack.pop();
      continue;
    }
    const child = frame.el.children[frame.i++] as HtmlNode;
    if (typeof child === 'string') {
      pieces.push(child);
      const n = countVisible(child);
      chars += n;
      if (inLink > 0) linkChars += n;
      if (n > 0) lastWasBreak = false;
      continue;
    }
    const tag = child.tag;
    if (tag === 'br') {
      if (lastWasBreak) flush();
      else pieces.push(BR);
      lastWasBreak = true;
      continue;
    }
    if (tag === 'hr' || tag === 'img') {
      if (tag === 'hr') flush();
      continue;
    }
    order.push(child);
    if (isHidden(child)) {
      skipSubtree(child, order, end);
      continue;
    }
    let flags = 0;
    const named = classifyElement(child, cache);
    // Captions are a block type, not a region: the fallback that ignores regions still types them.
    if (named.caption === true) {
      inNamedCaption++;
      flags |= F_NAMED_CAPTION;
    }
    const verdict = ignoreRegions ? undefined : named;
    if (verdict?.content) content[child.index] = 1;
    if (BLOCK.has(tag)) {
      flush();
      lastWasBreak = false;
      ownerStack.push(child);
      flags |= F_BLOCK;
    }
    if (verdict?.boilerplate) {
      regions[child.index] = verdict.boilerplate;
      flags |= F_REGION;
    }
    const kind = BLOCK_TYPES[tag];
    const before = heading;
    if (tag === 'a') {
      inLink++;
      flags |= F_LINK;
    } else if (kind === 'heading') {
      heading = tag.charCodeAt(1) - 48;
      flags |= F_HEADING;
    } else if (kind === 'preformatted') {
      inPre++;
      flags |= F_PRE;
    } else if (kind === 'quote') {
      inQuote++;
      flags |= F_QUOTE;
    } else if (kind === 'caption') {
      inCaption++;
      flags |= F_CAPTION;
    } else if (kind === 'list-item') {
      inList++;
      flags |= F_LIST;
    }
    stack.push({ el: child, i: 0, flags, heading: before });
  }
  flush();
  return { blocks, end, regions, content, order };
}

/** Hidden content gives no text; its elements are still listed (in document order) so sums and bounds hold. */
function skipSubtree(element: HtmlElement, order: HtmlElement[], end: Int32Array): void {
  const stack: { el: HtmlElement; i: number }[] = [{ el: element, i: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as { el: HtmlElement; i: number };
    if (frame.i >= frame.el.children.length) {
      stack.pop();
      end[frame.el.index] = (order[order.length - 1] as HtmlElement).index;
      continue;
    }
    const c = frame.el.children[frame.i++] as HtmlNode;
    if (typeof c === 'string' || c.tag === 'br' || c.tag === 'hr' || c.tag === 'img') continue;
    order.push(c);
    stack.push({ el: c, i: 0 });
  }
}

function isHidden(el: HtmlElement): boolean {
  const a = el.attrs;
  if (a.hidden !== undefined) return true;
  if (a['aria-hidden'] === 'true') return true;
  return a.style !== undefined && HIDDEN_STYLE.test(a.style) && !isGated(el);
}

/** Marks each block as prose (`good`), a fragment that would be kept (`bad`), or a link list. */
function scoreBlocks(blocks: RawBlock[]): void {
  for (const b of blocks) {
    b.good = 0;
    b.bad = 0;
    b.links = false;
    // A heading that is a link is a teaser's title, not a section of the article.
    if (b.linkChars / b.chars > 0.5) {
      b.links = true;
      continue;
    }
    if (b.type === 'heading' || b.type === 'title') continue;
    const proseLike = b.chars >= 80 || (b.chars >= 20 && SENTENCE_END.test(b.text));
    if (proseLike) b.good = b.chars - b.linkChars;
    else b.bad = b.chars;
  }
}

function chooseAndKeep(
  walk: Walk,
  options: Required<Pick<ExtractOptions, 'penalty' | 'prunedPenalty'>>,
  ignoreRegions: boolean,
): Extraction {
  const { blocks, end, regions, order } = walk;
  scoreBlocks(blocks);
  const size = end.length;

  // Prose per element before regions are applied, to overrule a layout name on the article's own wrapper.
  const raw = new Float64Array(size);
  for (const b of blocks) raw[b.owner.index] = (raw[b.owner.index] as number) + b.good;
  for (let k = order.length - 1; k > 0; k--) {
    const el = order[k] as HtmlElement;
    if (el.parent) raw[el.parent.index] = (raw[el.parent.index] as number) + (raw[el.index] as number);
  }
  const total = raw[0] as number;
  const active = new Uint8Array(size);
  for (const el of order) {
    const region = regions[el.index];
    if (region && !(region.layout && (raw[el.index] as number) >= total * MASS_OVERRULE))
      active[el.index] = 1;
  }
  // Nearest active region at or above each element (-1: none), top-down in document order.
  const nearest = new Int32Array(size).fill(-1);
  for (const el of order) {
    const i = el.index;
    nearest[i] = active[i] ? i : el.parent ? (nearest[el.parent.index] as number) : -1;
  }

  const good = new Float64Array(size);
  const kept = new Float64Array(size);
  const pruned = new Float64Array(size);
  let pageProse = 0;
  for (const b of blocks) {
    const i = b.owner.index;
    good[i] = (good[i] as number) + b.good;
    kept[i] = (kept[i] as number) + b.bad;
    if (b.links) pruned[i] = (pruned[i] as number) + b.chars;
    if (nearest[i] === -1) pageProse += b.good;
  }
  // Children before parents: reverse document order. A region hands everything up as pruned text.
  let best: HtmlElement | null = null;
  let bestScore = 0;
  for (let k = order.length - 1; k >= 0; k--) {
    const el = order[k] as HtmlElement;
    const i = el.index;
    if (nearest[i] === -1) {
      const score =
        (good[i] as number) -
        options.penalty * (kept[i] as number) -
        options.prunedPenalty * (pruned[i] as number);
      if (score > bestScore) {
        bestScore = score;
        best = el;
      }
    }
    const parent = el.parent;
    if (!parent) continue;
    const p = parent.index;
    if (active[i])
      pruned[p] = (pruned[p] as number) + (good[i] as number) + (kept[i] as number) + (pruned[i] as number);
    else {
      good[p] = (good[p] as number) + (good[i] as number);
      kept[p] = (kept[p] as number) + (kept[i] as number);
      pruned[p] = (pruned[p] as number) + (pruned[i] as number);
    }
  }
  const prunedChars: Record<string, number> = {};
  const attempt = ignoreRegions ? 'no-regions' : 'regions';
  if (!best) return { blocks: [], pruned: prunedChars, attempt, pageProse, keptChars: 0 };
  best = firstOfStackedArticles(best, order, end, good);
  const from = best.index;
  const to = end[from] as number;
  const out: RawBlock[] = [];
  const prune = (b: RawBlock, rule: string) => {
    prunedChars[rule] = (prunedChars[rule] ?? 0) + b.chars;
  };
  // A heading waits for the block after it: one that heads a pruned box ("Related", "3 comments") goes with it.
  let heading: RawBlock | undefined;
  // After a heading that names a box of links ("Don't miss", "More from…"), its list goes with it.
  let inLinkBox = false;
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k] as RawBlock;
    const at = b.owner.index;
    if (at < from || at > to) continue;
    const r = nearest[at] as number;
    let rule: string | undefined;
    if (r !== -1) rule = regions[r]?.rule ?? 'extract:region';
    else if (b.links) rule = 'extract:link-list';
    // A short line that is not a sentence (a dateline, a credit, "Advertisement", a table cell).
    else if (b.bad > 0 && b.type === 'paragraph') rule = 'extract:fragment';
    else rule = boilerplateBlockRule(b.text);
    if (rule === undefined && isTeaserDeck(blocks, k, end)) rule = 'extract:teaser';
    if (b.type === 'list-item' && inLinkBox && rule === undefined) rule = 'extract:boilerplate.read-more';
    else if (b.type !== 'list-item')
      inLinkBox = b.type === 'heading' && rule === 'extract:boilerplate.read-more';
    if (rule === undefined && b.type === 'paragraph' && looksLikeCaption(b.text)) b.type = 'caption';
    if (heading) {
      if (rule !== undefined && HEADS_A_BOX.has(rule)) prune(heading, 'extract:heading-of-pruned');
      else out.push(heading);
      heading = undefined;
    }
    if (rule !== undefined) prune(b, rule);
    else if (b.type === 'heading') heading = b;
    else out.push(b);
  }
  if (heading) out.push(heading);
  // Headings with no kept text after them (a "Related" heading at the end) go.
  while (out.length > 0 && (out[out.length - 1] as RawBlock).type === 'heading') {
    const h = out.pop() as RawBlock;
    prunedChars['extract:trailing-heading'] = (prunedChars['extract:trailing-heading'] ?? 0) + h.chars;
  }
  let keptChars = 0;
  const textBlocks: TextBlock[] = [];
  for (const b of out) {
    keptChars += b.good;
    textBlocks.push(
      b.type === 'heading' ? { type: b.type, text: b.text, level: b.level } : { type: b.type, text: b.text },
    );
  }
  return { blocks: textBlocks, pruned: prunedChars, attempt, pageProse, keptChars };
}

/** A teaser's description is short; its card holds little besides the linked title. */
const TEASER_DECK_MAX = 260;
const TEASER_CARD_MAX = 600;
/** How far up from the description the card element may be, and how many blocks it may hold. */
const TEASER_LEVELS = 4;
const TEASER_BLOCKS = 4;

/**
 * A short block right after a linked title (a link list of one: "<a><h3>Title</h3></a>") in a
 * small element holding little else is the description of a teaser card for another story, not a
 * paragraph of the article: the article's own paragraphs sit in a container with many blocks.
 */
function isTeaserDeck(blocks: readonly RawBlock[], k: number, end: Int32Array): boolean {
  const b = blocks[k] as RawBlock;
  const prev = blocks[k - 1];
  if (!prev?.links || prev.chars < 15 || b.chars > TEASER_DECK_MAX) return false;
  if (b.type !== 'paragraph' && b.type !== 'list-item') return false;
  // The lowest element holding both, within a few levels of the description.
  let card: HtmlElement | null = b.owner;
  for (let level = 0; card && level <= TEASER_LEVELS; level++, card = card.parent) {
    const from = card.index;
    const to = end[from] as number;
    if (prev.owner.index >= from && prev.owner.index <= to) break;
  }
  if (!card || card.parent === null) return false;
  const from = card.index;
  const to = end[from] as number;
  let count = 0;
  let chars = 0;
  for (let j = k - 1; j >= 0 && j >= k - TEASER_BLOCKS - 1; j--) {
    const o = (blocks[j] as RawBlock).owner.index;
    if (o < from || o > to) break;
    count++;
    chars += (blocks[j] as RawBlock).chars;
  }
  for (let j = k; j < blocks.length && j <= k + TEASER_BLOCKS; j++) {
    const o = (blocks[j] as RawBlock).owner.index;
    if (o < from || o > to) break;
    count++;
    chars += (blocks[j] as RawBlock).chars;
  }
  return count <= TEASER_BLOCKS && chars <= TEASER_CARD_MAX;
}

/**
 * A page that appends the next stories below the first (infinite scroll) holds several article
 * elements (`<article>`, or schema.org Article microdata) side by side in the container, together
 * holding nearly all its prose: the page's own article is the first of them with prose.
 */
function firstOfStackedArticles(
  container: HtmlElement,
  order: readonly HtmlElement[],
  end: Int32Array,
  good: Float64Array,
): HtmlElement {
  const from = container.index;
  const to = end[from] as number;
  const total = good[from] as number;
  const units: HtmlElement[] = [];
  let covered = 0;
  let skipTo = -1;
  for (const el of order) {
    if (el.index <= from || el.index > to || el.index <= skipTo) continue;
    if (!isArticleUnit(el)) continue;
    skipTo = end[el.index] as number;
    const prose = good[el.index] as number;
    covered += prose;
    if (prose >= total * 0.05) units.push(el);
  }
  if (units.length < 2 || covered < total * 0.8) return container;
  return units[0] as HtmlElement;
}

function isArticleUnit(el: HtmlElement): boolean {
  if (el.tag === 'article') return true;
  const type = el.attrs.itemtype;
  return type !== undefined && /Article|Posting|Report/.test(type);
}

/** Characters that are not whitespace. */
function countVisible(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c !== 0xa0) n++;
  }
  return n;
}

const SPACES = /[\s\u00a0]+/g;

/** Inline text: runs of whitespace become one space; explicit line breaks (`<br>`) stay. */
function collapse(raw: string): string {
  if (!raw.includes(BR)) return raw.replace(SPACES, ' ').trim();
  const lines: string[] = [];
  for (const line of raw.split(BR)) {
    const t = line.replace(SPACES, ' ').trim();
    if (t !== '') lines.push(t);
  }
  return lines.join('\n');
}

function trimLines(raw: string): string {
  return raw.replaceAll(BR, '\n').replace(/^\s*\n|\s+$/g, '');
}
