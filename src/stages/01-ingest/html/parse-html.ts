import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import elements from '../../../rules/extract/html-elements.json' with { type: 'json' };

/**
 * HTML → a small tree for the article extractor, built on htmlparser2's tokenizer (not its
 * `Parser`, whose open-element stack is an array it `unshift`s and scans with `indexOf`: quadratic
 * on a page of 100,000 nested elements). Here the stack is pushed and popped at its end, open tags
 * are counted by name so an end tag with no open element is dropped in O(1), and nesting past
 * `maxDepth` is flattened, so time and memory stay linear in the input whatever it holds.
 *
 * Only what extraction reads is kept: elements with a few attributes (id, class, role, …), text,
 * and from anywhere in the page the `<title>`, `<meta>`, `<link>` and JSON-LD scripts. Scripts,
 * styles, forms, media and SVG are dropped with their content. The implied end tags that matter
 * for text (`<p>` closed by a block, `<li>` by the next `<li>`, cells and rows) follow the HTML
 * standard closely enough for extraction; full tree construction (adoption agency, foster
 * parenting) is not attempted.
 */

export interface HtmlElement {
  tag: string;
  /** Position in document order (pre-order), from 1; the root is 0. */
  index: number;
  /** Only the attributes in KEPT_ATTRIBUTES. */
  attrs: Record<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | null;
}

export type HtmlNode = HtmlElement | string;

export interface HeadData {
  /** Text of the first `<title>` outside SVG. */
  title: string;
  /** Every `<meta>` with a name, property, itemprop or http-equiv, and its content. */
  meta: { key: string; content: string }[];
  /** Every `<link rel=… href=…>`. */
  links: { rel: string; href: string }[];
  /** The text of every `<script type="application/ld+json">`. */
  jsonLd: string[];
  /** `<html lang>`. */
  lang?: string;
  /** `<base href>`. */
  base?: string;
}

export interface ParsedHtml {
  root: HtmlElement;
  head: HeadData;
  /** Elements in the tree. */
  elements: number;
  /** Elements opened deeper than `maxDepth`, whose nesting was flattened. */
  flattened: number;
}

export interface ParseHtmlOptions {
  /** Deepest nesting kept (default 512); deeper elements are flattened into their ancestor. */
  maxDepth?: number;
}

const KEPT_ATTRIBUTES: ReadonlySet<string> = new Set(elements.keptAttributes);

const VOID: ReadonlySet<string> = new Set(elements.void);
const SKIP: ReadonlySet<string> = new Set(elements.skip);
const CLOSES_P: ReadonlySet<string> = new Set(elements.closesP);
const BLOCK: ReadonlySet<string> = new Set(elements.block);
const HEADINGS: ReadonlySet<string> = new Set(elements.headings);
/** How far up the stack an implied end tag looks (the standard's scopes, bounded so it stays O(1)). */
const SCOPE_WALK = 12;

/** Which open elements a new one closes, and where the search stops (the standard's scopes). */
const IMPLIED_CLOSE: ReadonlyMap<string, { closes: ReadonlySet<string>; stopAt: ReadonlySet<string> }> =
  new Map(
    Object.entries(elements.impliedClose.rules).map(([tag, rule]) => [
      tag,
      { closes: new Set(rule.closes), stopAt: new Set(rule.stopAt) },
    ]),
  );

export function parseHtml(html: string, options: ParseHtmlOptions = {}): ParsedHtml {
  if (typeof html !== 'string') {
    throw new TypeError(`parseHtml: expected the page as a string, instead found ${typeof html}`);
  }
  const jsonLd: string[] = [];
  const markup = stripRawText(html, jsonLd);
  const builder = new TreeBuilder(markup, options.maxDepth ?? 512);
  const tokenizer = new Tokenizer({ decodeEntities: true }, builder);
  tokenizer.write(markup);
  tokenizer.end();
  const parsed = builder.result();
  parsed.head.jsonLd = jsonLd;
  return parsed;
}

/** Elements dropped with their content before tokenising; their content is never markup we read. */
const RAW_TEXT: ReadonlySet<string> = new Set(elements.rawText);
const CLOSERS = new Map([...RAW_TEXT].map((tag) => [tag, new RegExp(`</${tag}`, 'gi')]));

/**
 * Removes comments and script, style, SVG, template, noscript, MathML, iframe and textarea elements with
 * their content, by `indexOf` and one literal search for each end tag, keeping the text of JSON-LD
 * scripts. Pages are mostly script by weight, and the tokenizer would otherwise scan every character
 * of it. An element with no end tag runs to the end of the page, as in a browser. Linear: every search
 * starts past the previous match.
 */
export function stripRawText(html: string, jsonLd: string[]): string {
  const kept: string[] = [];
  let from = 0;
  let at = html.indexOf('<');
  while (at >= 0 && at < html.length - 1) {
    if (html.startsWith('!--', at + 1)) {
      const close = html.indexOf('-->', at + 4);
      kept.push(html.slice(from, at));
      from = close < 0 ? html.length : close + 3;
      at = html.indexOf('<', from);
      continue;
    }
    const name = rawTextName(html, at + 1);
    if (name === undefined) {
      at = html.indexOf('<', at + 1);
      continue;
    }
    const openEnd = html.indexOf('>', at);
    if (openEnd < 0) break;
    const closer = CLOSERS.get(name) as RegExp;
    closer.lastIndex = openEnd + 1;
    const found = closer.exec(html);
    const contentEnd = found ? found.index : html.length;
    if (name === 'script' && /ld\+json/i.test(html.slice(at, openEnd)) && jsonLd.length < 50) {
      jsonLd.push(html.slice(openEnd + 1, contentEnd));
    }
    kept.push(html.slice(from, at));
    const endTag = found ? html.indexOf('>', contentEnd) : -1;
    from = endTag < 0 ? html.length : endTag + 1;
    at = html.indexOf('<', from);
  }
  if (from === 0) return html;
  kept.push(html.slice(from));
  return kept.join('');
}

/** The raw-text element whose start tag begins at `i` (just after `<`), if any. */
function rawTextName(html: string, i: number): string | undefined {
  const c = html.charCodeAt(i) | 0x20;
  // s(cript, style, svg), t(emplate, extarea), n(oscript), m(ath), i(frame)
  if (c !== 0x73 && c !== 0x74 && c !== 0x6e && c !== 0x6d && c !== 0x69) return undefined;
  let j = i;
  while (j < html.length && j - i < 9) {
    const d = html.charCodeAt(j) | 0x20;
    if (d < 0x61 || d > 0x7a) break;
    j++;
  }
  const after = html.charCodeAt(j);
  // The name must end the tag name: whitespace, `>` or `/` (not `<scripts>`).
  if (
    !(
      after === 0x3e ||
      after === 0x2f ||
      after === 0x20 ||
      after === 0x0a ||
      after === 0x09 ||
      after === 0x0d ||
      after === 0x0c
    )
  )
    return undefined;
  const name = html.slice(i, j).toLowerCase();
  return RAW_TEXT.has(name) ? name : undefined;
}

class TreeBuilder implements TokenizerCallbacks {
  private readonly root: HtmlElement = { tag: '#document', index: 0, attrs: {}, children: [], parent: null };
  private readonly stack: HtmlElement[] = [this.root];
  /** Open elements per tag name, so an end tag with nothing to close costs O(1). */
  private readonly open = new Map<string, number>();
  /** Open elements whose content is dropped (scripts, styles, forms, SVG…). */
  private skipping = 0;
  private elements = 0;
  private flattened = 0;
  private text: string[] = [];
  /** Whether the raw text of the current special element is the page title. */
  private capture: 'title' | null = null;
  private captured: string[] = [];
  private tagName = '';
  private attrs: Record<string, string> = {};
  private attrName = '';
  private attrValue = '';
  private keepAttr = false;
  private readonly head: HeadData = { title: '', meta: [], links: [], jsonLd: [] };
  private titleSeen = false;

  constructor(
    private readonly html: string,
    private readonly maxDepth: number,
  ) {}

  result(): ParsedHtml {
    this.flushText();
    return { root: this.root, head: this.head, elements: this.elements, flattened: this.flattened };
  }

  // Tokenizer callbacks -----------------------------------------------------------------------

  onopentagname(start: number, end: number): void {
    this.flushText();
    this.tagName = this.html.slice(start, end).toLowerCase();
    this.attrs = {};
  }

  onattribname(start: number, end: number): void {
    this.attrValue = '';
    // Most attributes are not kept: decide on the name as written before lowercasing anything.
    if (end - start > 12) {
      this.keepAttr = false;
      return;
    }
    let name = this.html.slice(start, end);
    if (!KEPT_ATTRIBUTES.has(name)) {
      name = name.toLowerCase();
      if (!KEPT_ATTRIBUTES.has(name)) {
        this.keepAttr = false;
        return;
      }
    }
    this.attrName = name;
    this.keepAttr = !(name in this.attrs);
  }

  onattribdata(start: number, end: number): void {
    if (this.keepAttr && this.attrValue.length < 4096) this.attrValue += this.html.slice(start, end);
  }

  onattribentity(codepoint: number): void {
    if (this.keepAttr && this.attrValue.length < 4096) this.attrValue += String.fromCodePoint(codepoint);
  }

  onattribend(): void {
    if (this.keepAttr) this.attrs[this.attrName] = this.attrValue;
    this.keepAttr = false;
  }

  onopentagend(): void {
    this.openElement(this.tagName, this.attrs, false);
  }

  onselfclosingtag(): void {
    // HTML ignores the slash on its own elements; inside SVG and MathML (always skipped here) it closes.
    this.openElement(this.tagName, this.attrs, this.skipping > 0);
  }

  onclosetag(start: number, end: number): void {
    this.flushText();
    this.closeElement(this.html.slice(start, end).toLowerCase());
  }

  ontext(start: number, end: number): void {
    if (this.capture) this.captured.push(this.html.slice(start, end));
    else if (this.skipping === 0) this.text.push(this.html.slice(start, end));
  }

  ontextentity(codepoint: number): void {
    const c = String.fromCodePoint(codepoint);
    if (this.capture) this.captured.push(c);
    else if (this.skipping === 0) this.text.push(c);
  }

  oncdata(): void {}
  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {
    this.flushText();
  }

  // Tree construction -------------------------------------------------------------------------

  private openElement(tag: string, attrs: Record<string, string>, selfClosing: boolean): void {
    if (tag === '') return;
    this.readHead(tag, attrs);
    if (VOID.has(tag)) {
      if (this.skipping === 0 && (tag === 'br' || tag === 'hr' || tag === 'img')) {
        this.current().children.push(this.make(tag, attrs));
      }
      return;
    }
    if ((tag === 'html' || tag === 'body') && this.isOpen(tag)) return;
    if (tag === 'body' && this.isOpen('head')) this.popTo('head');
    this.closeImplied(tag);
    if (this.stack.length > this.maxDepth) {
      this.flattened++;
      return;
    }
    const element = this.make(tag, attrs);
    const skip = SKIP.has(tag) || this.skipping > 0;
    if (!skip) this.current().children.push(element);
    this.stack.push(element);
    this.open.set(tag, (this.open.get(tag) ?? 0) + 1);
    if (skip) this.skipping++;
    if (tag === 'title' && this.skipping === 1 && !this.titleSeen) this.startCapture('title');
    if (selfClosing) this.closeElement(tag);
  }

  private closeElement(tag: string): void {
    if (!this.isOpen(tag)) return;
    this.popTo(tag);
  }

  /** Pops open elements up to and including the innermost `tag` (which must be open). */
  private popTo(tag: string): void {
    for (;;) {
      const element = this.stack.pop() as HtmlElement;
      this.open.set(element.tag, (this.open.get(element.tag) ?? 1) - 1);
      if (SKIP.has(element.tag) || this.skipping > 0) this.endSkipped(element);
      if (element.tag === tag) return;
    }
  }

  private endSkipped(element: HtmlElement): void {
    // An element inside a skipped one was counted too: each pop of an element opened while skipping undoes one.
    this.skipping--;
    if (this.skipping === 0 && this.capture) this.endCapture(element);
  }

  private closeImplied(tag: string): void {
    if (this.skipping > 0) return;
    if (CLOSES_P.has(tag) && this.isOpen('p')) this.closeWithin('p', BLOCK);
    if (HEADINGS.has(tag) && HEADINGS.has(this.current().tag)) this.popTo(this.current().tag);
    const rule = IMPLIED_CLOSE.get(tag);
    if (!rule) return;
    // Close the outermost element the new one ends within its scope (`<tr>` ends the open row, and so its cell).
    let outermost: HtmlElement | undefined;
    for (let i = this.stack.length - 1, n = 0; i > 0 && n < SCOPE_WALK; i--, n++) {
      const element = this.stack[i] as HtmlElement;
      if (rule.stopAt.has(element.tag)) break;
      if (rule.closes.has(element.tag)) outermost = element;
    }
    if (outermost) this.popToElement(outermost);
  }

  /** Pops open elements up to and including `element` (which must be open). */
  private popToElement(element: HtmlElement): void {
    while (this.stack.length > 1) {
      const top = this.current();
      this.popTo(top.tag);
      if (top === element) return;
    }
  }

  /** Closes an open `tag` reached from the top through inline elements only (a `<p>` a block ends). */
  private closeWithin(tag: string, stopAt: ReadonlySet<string>): void {
    for (let i = this.stack.length - 1, n = 0; i > 0 && n < SCOPE_WALK; i--, n++) {
      const element = this.stack[i] as HtmlElement;
      if (element.tag === tag) {
        this.popTo(tag);
        return;
      }
      if (stopAt.has(element.tag)) return;
    }
  }

  private make(tag: string, attrs: Record<string, string>): HtmlElement {
    return {
      tag,
      index: ++this.elements,
      attrs,
      children: [],
      parent: this.skipping > 0 ? null : this.current(),
    };
  }

  private current(): HtmlElement {
    return this.stack[this.stack.length - 1] as HtmlElement;
  }

  private isOpen(tag: string): boolean {
    return (this.open.get(tag) ?? 0) > 0;
  }

  private flushText(): void {
    if (this.text.length === 0) return;
    const text = this.text.length === 1 ? (this.text[0] as string) : this.text.join('');
    this.text = [];
    const children = this.current().children;
    const last = children.length - 1;
    if (last >= 0 && typeof children[last] === 'string') children[last] += text;
    else children.push(text);
  }

  private startCapture(kind: 'title'): void {
    this.capture = kind;
    this.captured = [];
  }

  private endCapture(element: HtmlElement): void {
    const text = this.captured.join('');
    if (this.capture === 'title' && element.tag === 'title') {
      this.head.title = text;
      this.titleSeen = true;
    }
    this.capture = null;
    this.captured = [];
  }

  private readHead(tag: string, attrs: Record<string, string>): void {
    if (this.skipping > 0 && tag !== 'meta' && tag !== 'link') return;
    if (tag === 'meta') {
      const key = attrs.property ?? attrs.name ?? attrs.itemprop ?? attrs['http-equiv'];
      if (key !== undefined && attrs.content !== undefined && this.head.meta.length < 2000) {
        this.head.meta.push({ key: key.trim().toLowerCase(), content: attrs.content });
      }
      if (attrs.charset !== undefined) this.head.meta.push({ key: 'charset', content: attrs.charset });
    } else if (tag === 'link') {
      if (attrs.rel !== undefined && attrs.href !== undefined && this.head.links.length < 2000) {
        this.head.links.push({ rel: attrs.rel.trim().toLowerCase(), href: attrs.href.trim() });
      }
    } else if (tag === 'html' && attrs.lang && this.head.lang === undefined)
      this.head.lang = attrs.lang.trim();
    else if (tag === 'base' && attrs.href && this.head.base === undefined) this.head.base = attrs.href.trim();
  }
}
