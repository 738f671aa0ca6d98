import { wordList } from '../word-list.js';
import data from './name-words.json' with { type: 'json' };

/** The lists of `name-words.json`, checked once; see the descriptions there. */
export const nameWords = {
  functionWords: wordList(data.functionWords, 'entities/name-words functionWords'),
  questionWords: wordList(data.questionWords, 'entities/name-words questionWords'),
  institutionWords: wordList(data.institutionWords, 'entities/name-words institutionWords'),
  notPersonEnd: wordList(data.notPersonEnd, 'entities/name-words notPersonEnd'),
  nameParticles: wordList(data.nameParticles, 'entities/name-words nameParticles'),
  /** ISO 3166 alpha-3 codes. */
  familyNameFirst: wordList(data.familyNameFirst, 'entities/name-words familyNameFirst', {
    lowercase: false,
  }),
};
