export { isWhitespace } from './chars.js';
export { isBlank, type Line, scanLines } from './scan-lines.js';
export { segmentStage } from './segment.js';
export { detectTitle, type Segmentation, segmentText } from './segment-text.js';
export { splitSentences } from './split-sentences.js';
