import type { EventTypeSpec } from './types.js';

export const aid: EventTypeSpec = {
  type: 'AID',
  intent: { type: 'AGREE', cameo: '033' },
  rules: [
    {
      id: 'events:aid.give-aid',
      cameo: '070',
      words: ['give|provide|send|deliver|supply', 'aid|assistance|grant|loan|relief|food|medicine|supplies'],
      gap: 6,
      recipientPreps: ['to'],
    },
    {
      id: 'events:aid.send-arms',
      cameo: '072',
      context: ['military'],
      words: ['send|supply|provide|deliver', 'arms|weapons|troops'],
      gap: 3,
      recipientPreps: ['to'],
    },
    {
      id: 'events:aid.donate',
      cameo: '070',
      words: ['donate'],
      recipientPreps: ['to'],
    },
    {
      id: 'events:aid.hand-over',
      cameo: '070',
      words: ['hand', 'over', 'medicine|aid|supplies|food|goods'],
      gap: 4,
      recipientPreps: ['to'],
    },
    {
      id: 'events:aid.evacuate',
      cameo: '073',
      context: ['humanitarian'],
      words: ['evacuate'],
      forms: ['evacuate', 'evacuated', 'evacuates', 'evacuating'],
      recipientPreps: ['from'],
    },
    {
      id: 'events:aid.asylum',
      cameo: '075',
      context: ['asylum'],
      words: ['grant', 'asylum'],
      gap: 3,
      recipientPreps: ['to'],
    },
    { id: 'events:aid.rescue', cameo: '070', words: ['rescue'] },
    {
      id: 'events:aid.fund',
      cameo: '071',
      context: ['economic'],
      words: ['fund'],
      forms: ['funded', 'funds'],
    },
  ],
};
