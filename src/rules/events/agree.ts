import type { EventTypeSpec } from './types.js';

export const agree: EventTypeSpec = {
  type: 'AGREE',
  rules: [
    {
      id: 'events:agree.agree',
      cameo: '030',
      words: ['agree'],
      absorbs: true,
      recipientPreps: ['with', 'to', 'on'],
    },
    {
      id: 'events:agree.agreement',
      cameo: '030',
      words: ['reach', 'agreement|deal|accord'],
      recipientPreps: ['with'],
    },
    {
      id: 'events:agree.offer',
      cameo: '030',
      words: ['offer'],
      absorbs: true,
      recipientPreps: ['to'],
    },
    { id: 'events:agree.promise', cameo: '030', words: ['promise'], absorbs: true },
    { id: 'events:agree.pledge', cameo: '030', words: ['pledge'], absorbs: true },
    {
      id: 'events:agree.vow-to',
      cameo: '030',
      words: ['vow', 'to'],
      gap: 0,
      absorbs: true,
    },
    {
      id: 'events:agree.commit',
      cameo: '030',
      words: ['committed', 'to'],
      pos: 'fixed',
      gap: 0,
      absorbs: true,
    },
    {
      id: 'events:agree.willing',
      cameo: '030',
      words: ['willing|ready|prepared', 'to'],
      pos: 'fixed',
      gap: 0,
      absorbs: true,
    },
    { id: 'events:agree.accept', cameo: '030', words: ['accept'], absorbs: true },
    { id: 'events:agree.invite', cameo: '036', words: ['invite'], absorbs: true },
    {
      id: 'events:agree.mediate',
      cameo: '039',
      words: ['offer', 'mediate|mediation'],
      gap: 2,
      absorbs: true,
    },
  ],
};
