import type { EventTypeSpec } from './types.js';

export const concede: EventTypeSpec = {
  type: 'CONCEDE',
  intent: { type: 'AGREE', cameo: '035' },
  rules: [
    {
      id: 'events:concede.concede',
      cameo: '080',
      words: ['concede'],
      recipientPreps: ['to'],
    },
    {
      id: 'events:concede.yield',
      cameo: '080',
      words: ['yield|give|bow|accede', 'to'],
      gap: 1,
    },
    {
      id: 'events:concede.lift',
      cameo: '081',
      words: ['lift', 'ban|curfew|restrictions|embargo|sanctions|blockade|state|emergency'],
      gap: 3,
      recipientPreps: ['on', 'in'],
    },
    {
      id: 'events:concede.ease',
      cameo: '081',
      words: ['ease|relax|cancel|scrap|abolish', 'ban|curfew|restrictions|measures|controls|rules'],
      gap: 3,
      recipientPreps: ['on', 'in'],
    },
    { id: 'events:concede.call-off', cameo: '082', words: ['call', 'off'], gap: 1 },
    {
      id: 'events:concede.call-off-protest',
      cameo: '082',
      words: [
        'call',
        'off',
        'strike|strikes|protest|protests|boycott|demonstration|demonstrations|march|sit-in',
      ],
      gap: 4,
    },
    {
      id: 'events:concede.reform',
      cameo: '083',
      context: ['political_institutions'],
      words: ['approve|pass|adopt', 'law|reform|reforms|amendment'],
      gap: 3,
    },
  ],
};
