import type { EventTypeSpec } from './types.js';

/** Words after "declined to" / "refused to" that make a declined comment (CAMEO 011), not a REJECT. */
const declinedComment = [
  'comment',
  'confirm',
  'deny',
  'identify',
  'identified',
  'name',
  'named',
  'disclose',
  'elaborate',
  'specify',
  'reveal',
  'discuss',
  'speculate',
  'detail',
  'details',
];

export const reject: EventTypeSpec = {
  type: 'REJECT',
  rules: [
    { id: 'events:reject.reject', cameo: '120', words: ['reject'] },
    // Refusing to comment is a declined comment (CAMEO 011), as for "decline to" below.
    { id: 'events:reject.refuse', cameo: '120', words: ['refuse'], absorbs: true, exclude: declinedComment },
    {
      id: 'events:reject.decline-to',
      cameo: '124',
      words: ['decline', 'to'],
      gap: 0,
      absorbs: true,
      // Declining to comment, to confirm or deny, to name or identify someone, to give details is
      // CAMEO 011 "Decline comment" (a statement: the codebook's "refuse to confirm or deny
      // information"), not a rejection of another actor: the statements layer codes it.
      exclude: declinedComment,
    },
    {
      id: 'events:reject.dismiss',
      cameo: '120',
      words: [
        'dismiss',
        'appeal|appeals|call|calls|demand|demands|offer|proposal|plan|request|claims|claim|allegations|accusations',
      ],
      gap: 3,
    },
    {
      id: 'events:reject.turn-down',
      cameo: '120',
      words: ['turn', 'down'],
      gap: 2,
    },
    { id: 'events:reject.oppose', cameo: '120', words: ['oppose'] },
    { id: 'events:reject.renege', cameo: '120', words: ['renege', 'on'], gap: 0 },
    {
      id: 'events:reject.veto',
      cameo: '129',
      context: ['diplomatic'],
      words: ['veto'],
      forms: ['vetoed', 'vetoes', 'vetoing'],
    },
    { id: 'events:reject.defy', cameo: '128', context: ['legal'], words: ['defy'] },
    {
      id: 'events:reject.violate',
      cameo: '128',
      context: ['legal'],
      words: ['violate', 'ban|law|laws|order|rules|ruling|agreement|sanctions|embargo'],
      gap: 3,
    },
    {
      id: 'events:reject.fail-agree',
      mode: 'meet',
      cameo: '127',
      words: ['fail', 'to', 'reach|agree'],
      gap: 0,
      absorbs: true,
    },
    {
      id: 'events:reject.not-accept',
      cameo: '120',
      words: ['not', 'accept|allow|recognize|recognise'],
      pos: 'fixed',
      gap: 1,
    },
    {
      id: 'events:reject.out-of-question',
      cameo: '120',
      words: ['out', 'of', 'the', 'question'],
      pos: 'fixed',
      gap: 0,
    },
    {
      id: 'events:reject.deny-entry',
      cameo: '1245',
      words: ['refusing|refused|denied|denying', 'admittance|admission|entry|access'],
      pos: 'fixed',
      gap: 2,
    },
  ],
};
