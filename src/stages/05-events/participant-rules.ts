import participantData from '../../rules/events/participants.json' with { type: 'json' };

/** Participant rules (see `src/rules/events/README.md`), compiled once. */
export const participantRules = {
  agentWindow: participantData.agentWindow,
  placeTargetSector: participantData.placeTarget.sector,
  placeTargetTypes: new Set(participantData.placeTarget.types),
};
