import type { EventTypeSpec } from './types.js';

export const threaten: EventTypeSpec = {
  type: 'THREATEN',
  rules: [
    {
      id: 'events:threaten.threaten',
      cameo: '130',
      words: ['threaten'],
      absorbs: true,
    },
    {
      id: 'events:threaten.threat',
      cameo: '130',
      words: ['issue|make|repeat', 'threat|threats'],
      gap: 3,
      absorbs: true,
    },
    { id: 'events:threaten.warn', cameo: '130', words: ['warn'], absorbs: true },
    {
      id: 'events:threaten.ultimatum',
      mode: 'relations',
      cameo: '139',
      context: ['diplomatic'],
      words: ['issue|give|set|deliver', 'ultimatum'],
      gap: 2,
      recipientPreps: ['to'],
    },
    {
      id: 'events:threaten.swear',
      mode: 'violence',
      cameo: '138',
      words: ['swear|vow', 'fight|attack|retaliate|avenge|destroy|crush'],
      forms: ['sworn', 'swore', 'swears', 'vowed', 'vows'],
      gap: 3,
      absorbs: true,
    },
    {
      id: 'events:threaten.weapons-against',
      mode: 'violence',
      cameo: '1385',
      context: ['cbrn'],
      words: ['weapons', 'against'],
      pos: 'fixed',
      gap: 3,
    },
  ],
};
