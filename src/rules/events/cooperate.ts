import type { EventTypeSpec } from './types.js';

export const cooperate: EventTypeSpec = {
  type: 'COOPERATE',
  intent: { type: 'AGREE', cameo: '031' },
  rules: [
    {
      id: 'events:cooperate.cooperate',
      cameo: '060',
      words: ['cooperate'],
      forms: ['cooperate', 'cooperates', 'cooperated', 'cooperating', 'co-operate', 'co-operated'],
      recipientPreps: ['with'],
    },
    {
      id: 'events:cooperate.share-information',
      cameo: '064',
      context: ['intelligence'],
      words: ['share', 'intelligence|information|expertise|data'],
      gap: 2,
      recipientPreps: ['with'],
    },
    {
      id: 'events:cooperate.extradite',
      cameo: '063',
      context: ['legal'],
      words: ['extradite'],
      recipientPreps: ['to'],
    },
    {
      id: 'events:cooperate.joint-exercise',
      cameo: '062',
      context: ['military'],
      words: ['hold|conduct|stage', 'joint'],
      gap: 2,
      recipientPreps: ['with'],
    },
    {
      id: 'events:cooperate.trade-deal',
      cameo: '061',
      context: ['economic'],
      words: ['expand|boost|deepen', 'trade|cooperation'],
      gap: 2,
      recipientPreps: ['with'],
    },
  ],
};
