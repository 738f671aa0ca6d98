/**
 * A small English morphology helper for trigger heads: enough for news verbs, not a general
 * lemmatiser. Irregular verbs are listed as data (`rules/lexicon/irregular-verbs.json`); the rest follow
 * the spelling rules.
 */
import inflectionData from '../../rules/events/inflection.json' with { type: 'json' };
import { irregularVerbs } from '../../rules/lexicon/lexicon.js';
import { wordList } from '../../rules/word-list.js';

/** Irregular past forms (shared: `rules/lexicon/irregular-verbs.json`). */
const irregular = irregularVerbs;

/** Verbs whose final consonant doubles although they have more than one syllable (stress-final). */
const doublesFinal = new Set(wordList(inflectionData.doublesFinal, 'events/inflection doublesFinal'));

const vowel = /[aeiou]/;

function doubles(lemma: string): boolean {
  if (doublesFinal.has(lemma)) return true;
  // One-syllable consonant-vowel-consonant verbs: ban → banned, plan → planned, stop → stopped.
  return /^[^aeiou]*[aeiou][bdgklmnprt]$/.test(lemma);
}

/** Third person singular, past, past participle and gerund of a verb lemma, the lemma first. */
export function verbForms(lemma: string): string[] {
  const word = lemma.toLowerCase();
  if (word.length === 0 || /\s/.test(word)) {
    throw new Error(`verbForms: expected one lowercase word, instead found "${lemma}"`);
  }
  const forms = new Set<string>([word]);
  // third person
  if (/(s|sh|ch|x|z|o)$/.test(word)) forms.add(`${word}es`);
  else if (/[^aeiou]y$/.test(word)) forms.add(`${word.slice(0, -1)}ies`);
  else forms.add(`${word}s`);
  // past and gerund
  let past: string;
  let ing: string;
  if (word.endsWith('ee')) {
    past = `${word}d`;
    ing = `${word}ing`;
  } else if (word.endsWith('ie')) {
    past = `${word}d`;
    ing = `${word.slice(0, -2)}ying`;
  } else if (word.endsWith('e')) {
    past = `${word}d`;
    ing = `${word.slice(0, -1)}ing`;
  } else if (/[^aeiou]y$/.test(word)) {
    past = `${word.slice(0, -1)}ied`;
    ing = `${word}ing`;
  } else if (doubles(word) && vowel.test(word)) {
    const last = word.at(-1) as string;
    past = `${word}${last}ed`;
    ing = `${word}${last}ing`;
  } else {
    past = `${word}ed`;
    ing = `${word}ing`;
    // British spelling doubles a final -l after one vowel (cancelled, travelling); keep both.
    if (/[^aeiou][aeiou]l$/.test(word)) {
      forms.add(`${word}led`);
      forms.add(`${word}ling`);
    }
  }
  const irregularForms = irregular.get(word);
  if (irregularForms && irregularForms.length > 0) {
    for (const f of irregularForms) forms.add(f);
  } else {
    forms.add(past);
  }
  forms.add(ing);
  return [...forms];
}

/** Singular and plural of a noun. */
export function nounForms(lemma: string): string[] {
  const word = lemma.toLowerCase();
  if (/(s|sh|ch|x|z)$/.test(word)) return [word, `${word}es`];
  if (/[^aeiou]y$/.test(word)) return [word, `${word.slice(0, -1)}ies`];
  return [word, `${word}s`];
}
