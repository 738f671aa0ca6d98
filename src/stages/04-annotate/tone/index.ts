export { scoreTone, TONE_LEXICON, TONE_RULE, toneStage } from './score-tone.js';
