import type { FastifyInstance } from 'fastify';
import type { EventStatus } from '../core/doc.js';
import { explainEvent } from '../services/explain-event.js';
import { actorProfile } from '../services/workspace-actors.js';
import { happeningEvidence } from '../services/workspace-evidence.js';
import { placeCounts } from '../services/workspace-places.js';
import {
  dyadEvents,
  type NetworkParams,
  networkGraph,
  periodRange,
} from '../services/workspace-relations.js';
import { search } from '../services/workspace-search.js';
import { apiError } from './errors.js';
import { ERROR_RESPONSES, ref } from './response-schemas.js';
import type { RouteContext } from './route-context.js';

/**
 * The data of the workspace pages (Relations, Network, Map, Event, Actor, Search) as JSON: each page
 * reads the same services, so what a page shows and what these answer agree (docs/ui.md).
 */

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const nullable = (type: 'string' | 'number' | 'integer') => ({ type: [type, 'null'] }) as const;
const counts = { type: 'object', additionalProperties: int } as const;
const actor = { type: 'string', minLength: 1, maxLength: 200 } as const;
const plover = { type: 'string', pattern: '^[A-Za-z_-]{1,40}$', description: 'PLOVER event type' } as const;
const dayBound = {
  type: 'string',
  pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$',
  description: 'YYYY, YYYY-MM or YYYY-MM-DD',
} as const;
const month = { type: 'string', pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM' } as const;
const TAGS = ['workspace'];

const evidenceSchema = {
  type: ['object', 'null'],
  description: 'The sentence of one event with its evidence spans, who it is attributed to and what coded it',
  required: ['docId', 'idx', 'type', 'status', 'rule', 'sentence', 'spans', 'chain', 'tellings'],
  properties: {
    docId: str,
    idx: int,
    title: nullable('string'),
    uri: str,
    published: nullable('string'),
    type: str,
    mode: nullable('string'),
    status: str,
    statusRule: nullable('string'),
    cameo: nullable('string'),
    quad: nullable('integer'),
    goldstein: nullable('number'),
    date: nullable('string'),
    actor: nullable('string'),
    recipient: nullable('string'),
    location: nullable('string'),
    rule: { ...str, description: 'the rule that coded it' },
    decidedBy: nullable('string'),
    model: {
      type: ['object', 'null'],
      properties: { name: str, label: str, score: { type: 'number' } },
    },
    sentence: {
      type: 'object',
      required: ['index', 'start', 'text'],
      properties: {
        index: int,
        start: { ...int, description: 'offset of the sentence in the text' },
        text: str,
      },
    },
    spans: {
      type: 'array',
      description: 'half-open [start, end) offsets into sentence.text (UTF-16)',
      items: {
        type: 'object',
        required: ['start', 'end', 'role'],
        properties: {
          start: int,
          end: int,
          role: { type: 'string', enum: ['trigger', 'merged', 'actor', 'recipient', 'location'] },
        },
      },
    },
    chain: {
      type: 'array',
      description:
        'who the article attributes it to, outermost source first ("according to CNN, citing the Kremlin")',
      items: {
        type: 'object',
        required: ['source', 'cue', 'rule'],
        properties: { source: str, cue: str, rule: str, entity: nullable('string') },
      },
    },
    tellings: {
      type: 'array',
      description:
        'the other tellings of the event in the same article, in text order: sentence, trigger span, rule',
      items: {
        type: 'object',
        required: ['sentence', 'spans', 'rule'],
        properties: {
          sentence: {
            type: 'object',
            required: ['index', 'start', 'text'],
            properties: { index: int, start: int, text: str },
          },
          spans: {
            type: 'array',
            items: {
              type: 'object',
              required: ['start', 'end', 'role'],
              properties: { start: int, end: int, role: str },
            },
          },
          rule: str,
        },
      },
    },
  },
} as const;

const strings = { type: ['array', 'null'], items: str } as const;

const explanationSchema = {
  type: 'object',
  description: 'Why one stored event was coded: its rule, clause, evidence, status and attribution',
  required: [
    'docId',
    'idx',
    'type',
    'rule',
    'status',
    'sentence',
    'spans',
    'clause',
    'chain',
    'tellings',
    'happening',
  ],
  properties: {
    docId: str,
    idx: int,
    title: nullable('string'),
    uri: str,
    published: nullable('string'),
    type: str,
    mode: nullable('string'),
    cameo: nullable('string'),
    quad: nullable('integer'),
    goldstein: nullable('number'),
    date: nullable('string'),
    actor: nullable('string'),
    recipient: nullable('string'),
    location: nullable('string'),
    decidedBy: nullable('string'),
    rule: {
      type: 'object',
      description: 'the rule that coded it, as the rules define it now',
      required: ['id', 'origin', 'description'],
      properties: {
        id: str,
        origin: { type: 'string', enum: ['lexicon', 'petrarch', 'unknown'] },
        description: str,
        words: strings,
        cameo: nullable('string'),
        mode: nullable('string'),
        recipientPreps: strings,
      },
    },
    model: evidenceSchema.properties.model,
    status: {
      type: 'object',
      required: ['status', 'rule', 'description'],
      properties: { status: str, rule: nullable('string'), description: str, words: strings },
    },
    sentence: evidenceSchema.properties.sentence,
    spans: evidenceSchema.properties.spans,
    clause: {
      type: ['object', 'null'],
      description: 'the clause as the events stage read it; null when the stored analysis kept no trace',
      properties: {
        verbGroup: {
          type: ['object', 'null'],
          properties: {
            text: str,
            tense: nullable('string'),
            aspect: nullable('string'),
            voice: nullable('string'),
            negated: { type: ['boolean', 'null'] },
          },
        },
        actorBy: nullable('string'),
        recipientBy: nullable('string'),
        rejected: {
          type: 'array',
          items: {
            type: 'object',
            required: ['type', 'rule', 'reason'],
            properties: { type: str, rule: str, reason: str, score: nullable('number') },
          },
        },
      },
    },
    chain: evidenceSchema.properties.chain,
    tellings: evidenceSchema.properties.tellings,
    happening: {
      type: ['object', 'null'],
      description: 'the happening it was counted in, and why it was merged there',
      properties: { id: int, numSources: int, numMentions: int, reason: nullable('string') },
    },
  },
} as const;

const evidencedHappening = {
  type: 'object',
  required: ['happening', 'evidence'],
  properties: { happening: ref('HappeningRow'), evidence: evidenceSchema },
} as const;

const dyadEventsSchema = {
  type: 'object',
  required: ['a', 'b', 'from', 'to', 'items'],
  properties: {
    a: str,
    b: str,
    period: nullable('string'),
    from: nullable('string'),
    to: nullable('string'),
    items: {
      type: 'array',
      items: {
        ...evidencedHappening,
        required: [...evidencedHappening.required, 'direction'],
        properties: {
          ...evidencedHappening.properties,
          direction: { type: 'string', enum: ['ab', 'ba'], description: 'ab: a acted on b; ba: b on a' },
        },
      },
    },
  },
} as const;

const networkSchema = {
  type: 'object',
  required: ['nodes', 'edges'],
  properties: {
    nodes: {
      type: 'array',
      items: { type: 'object', required: ['id', 'events'], properties: { id: str, events: int } },
    },
    edges: {
      type: 'array',
      items: {
        type: 'object',
        required: ['source', 'target', 'events', 'mentions', 'goldsteinMean'],
        properties: {
          source: { ...str, description: 'the actor' },
          target: { ...str, description: 'the recipient' },
          events: int,
          mentions: int,
          goldsteinMean: nullable('number'),
        },
      },
    },
  },
} as const;

const placesSchema = {
  type: 'object',
  required: ['places', 'read', 'total', 'unplaced'],
  properties: {
    places: {
      type: 'array',
      items: {
        type: 'object',
        required: ['place', 'name', 'lat', 'lon', 'events', 'types', 'happenings'],
        properties: {
          place: { ...str, description: 'an entity id or a country' },
          name: str,
          country: nullable('string'),
          lat: { type: 'number' },
          lon: { type: 'number' },
          events: int,
          types: counts,
          happenings: { type: 'array', items: int, description: 'ids of its happenings, newest first' },
        },
      },
    },
    read: { ...int, description: 'happenings read (the newest matching, up to cap)' },
    total: { ...int, description: 'happenings matching the filters' },
    unplaced: { ...int, description: 'happenings read that name no place that could be put on the map' },
  },
} as const;

const happeningEvidenceSchema = {
  type: 'object',
  required: ['happening', 'mentions'],
  properties: {
    happening: ref('HappeningDetail'),
    mentions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['docId', 'idx', 'source', 'reason', 'evidence'],
        properties: {
          docId: str,
          idx: int,
          title: nullable('string'),
          uri: str,
          published: nullable('string'),
          source: str,
          sentence: int,
          reason: str,
          evidence: evidenceSchema,
        },
      },
    },
  },
} as const;

const actorSchema = {
  type: 'object',
  required: ['key', 'name', 'kind', 'aliases', 'roles', 'counterparts', 'timeline', 'recent', 'read'],
  properties: {
    key: str,
    name: str,
    kind: { type: 'string', enum: ['country', 'sector', 'entity'] },
    entities: { type: 'array', items: ref('EntityRow') },
    aliases: {
      type: 'array',
      items: { type: 'object', required: ['text', 'mentions'], properties: { text: str, mentions: int } },
    },
    roles: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'entity', 'role', 'articles'],
        properties: {
          name: str,
          entity: str,
          role: str,
          from: nullable('string'),
          to: nullable('string'),
          articles: int,
        },
      },
    },
    counterparts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'acts', 'receives', 'goldsteinMean'],
        properties: { key: str, acts: int, receives: int, goldsteinMean: nullable('number') },
      },
    },
    timeline: {
      type: 'array',
      items: {
        type: 'object',
        required: ['month', 'acts', 'receives'],
        properties: { month: str, acts: int, receives: int },
      },
    },
    recent: { type: 'array', items: evidencedHappening },
    read: {
      type: 'object',
      required: ['happenings', 'total', 'articles'],
      properties: { happenings: int, total: int, articles: int },
    },
  },
} as const;

const facet = {
  type: 'array',
  items: { type: 'object', required: ['value', 'count'], properties: { value: str, count: int } },
} as const;

const searchSchema = {
  type: 'object',
  required: ['articles', 'events', 'entities', 'facets', 'sources', 'read'],
  properties: {
    articles: { type: 'array', items: ref('DocumentSummary') },
    events: { type: 'array', items: ref('EventRow') },
    entities: { type: 'array', items: ref('EntityRow') },
    facets: {
      type: 'object',
      required: ['source', 'eventType', 'status', 'country', 'entityType'],
      properties: { source: facet, eventType: facet, status: facet, country: facet, entityType: facet },
    },
    sources: {
      type: 'object',
      additionalProperties: str,
      description: 'the outlet of each article read, by id',
    },
    read: {
      type: 'object',
      required: ['articles', 'matching', 'events'],
      properties: { articles: int, matching: int, events: int },
    },
  },
} as const;

interface DyadEventsQuery {
  a: string;
  b: string;
  period?: string;
  from?: string;
  to?: string;
  direction?: 'ab' | 'ba';
  type?: string;
  limit?: number;
}

/** The workspace pages' data: events behind a dyad chart point, the network, places, evidence, actors, search. */
export function registerWorkspaceRoutes(app: FastifyInstance, { store }: RouteContext): void {
  app.get<{ Querystring: DyadEventsQuery }>(
    '/api/relations/events',
    {
      schema: {
        summary:
          'The happenings between two actors in a period, both ways, with the sentence of each first report',
        tags: TAGS,
        querystring: {
          type: 'object',
          required: ['a', 'b'],
          properties: {
            a: actor,
            b: actor,
            period: {
              type: 'string',
              pattern: '^[dwm]:\\d{4}-(\\d{2}(-\\d{2})?|W\\d{2})$',
              description:
                'a period key of the dyad series (m:2024-05, w:2024-W20, d:2024-05-16); or give from/to',
            },
            from: { ...dayBound, pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' },
            to: { ...dayBound, pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' },
            direction: { type: 'string', enum: ['ab', 'ba'] },
            type: plover,
            limit: { type: 'integer', minimum: 1, maximum: 500, description: 'per direction (default 100)' },
          },
        },
        response: { 200: dyadEventsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { period, from, to, ...rest } = request.query;
      if (period && !periodRange(period))
        return reply.code(400).send(apiError(400, `not a period: ${period}`));
      const result = await dyadEvents(store, {
        ...rest,
        ...(period ? { period } : {}),
        ...(!period && (from || to) ? { range: { from: from ?? '0000-01-01', to: to ?? '9999-12-31' } } : {}),
      });
      return result;
    },
  );

  app.get<{ Querystring: NetworkParams }>(
    '/api/network',
    {
      schema: {
        summary:
          'Actors as nodes and their busiest actor → recipient pairs as edges (events, mean Goldstein)',
        tags: TAGS,
        querystring: {
          type: 'object',
          properties: {
            level: { type: 'string', enum: ['country', 'sector', 'entity'] },
            from: month,
            to: month,
            type: plover,
            limit: { type: 'integer', minimum: 1, maximum: 500, description: 'edges (default 60)' },
          },
        },
        response: { 200: networkSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => networkGraph(store, request.query),
  );

  app.get<{ Querystring: { type?: string; from?: string; to?: string; cap?: number } }>(
    '/api/places',
    {
      schema: {
        summary: 'Happenings by place, with coordinates: what the Map page draws',
        tags: TAGS,
        querystring: {
          type: 'object',
          properties: {
            type: plover,
            from: dayBound,
            to: dayBound,
            cap: {
              type: 'integer',
              minimum: 1,
              maximum: 10_000,
              description: 'newest happenings read (default 2,000)',
            },
          },
        },
        response: { 200: placesSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) =>
      placeCounts(store, {
        ...request.query,
        ...(request.query.type ? { type: request.query.type.toUpperCase() } : {}),
      }),
  );

  app.get<{ Params: { id: number } }>(
    '/api/happenings/:id/evidence',
    {
      schema: {
        summary:
          'One happening with the evidence of every mention: sentence, spans, status, attribution, rule',
        tags: TAGS,
        params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
        response: { 200: happeningEvidenceSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const view = await happeningEvidence(store, request.params.id);
      if (!view) return reply.code(404).send(apiError(404, `no happening with id ${request.params.id}`));
      return view;
    },
  );

  app.get<{ Params: { id: string; idx: number } }>(
    '/api/documents/:id/events/:idx/explain',
    {
      schema: {
        summary:
          'Why an event was coded: the rule (as the rules define it), the clause and evidence spans, the status and its cue, the attribution chain, the happening',
        tags: TAGS,
        params: {
          type: 'object',
          required: ['id', 'idx'],
          properties: {
            id: { type: 'string', pattern: '^[0-9a-f]{64}$' },
            idx: { type: 'integer', minimum: 0, maximum: 1_000_000 },
          },
        },
        response: { 200: explanationSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { id, idx } = request.params;
      const view = await explainEvent(store, id, idx);
      if (!view) return reply.code(404).send(apiError(404, `no event ${idx} in document ${id}`));
      return view;
    },
  );

  app.get<{ Params: { key: string } }>(
    '/api/actors/:key',
    {
      schema: {
        summary: "An actor's names, roles with dates, top counterparts and events over time",
        tags: TAGS,
        params: {
          type: 'object',
          required: ['key'],
          properties: {
            key: { ...actor, description: 'RUS, RUS.GOV or an entity id (person:vladimir-putin)' },
          },
        },
        response: { 200: actorSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const profile = await actorProfile(store, request.params.key);
      if (!profile)
        return reply.code(404).send(apiError(404, `no events or mentions of "${request.params.key}"`));
      return profile;
    },
  );

  app.get<{
    Querystring: {
      q?: string;
      type?: string;
      status?: EventStatus;
      country?: string;
      from?: string;
      to?: string;
      source?: string;
    };
  }>(
    '/api/search',
    {
      schema: {
        summary: 'Articles, events and entities for some words, with facet counts',
        tags: TAGS,
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string', maxLength: 500, description: 'words, ANDed, over titles and text' },
            type: { ...plover, description: 'a PLOVER event type, or an entity type (person, country, …)' },
            status: { type: 'string', enum: ['asserted', 'negated', 'future', 'hypothetical', 'historical'] },
            country: { type: 'string', pattern: '^[A-Za-z]{3}$', description: 'ISO 3166 alpha-3' },
            from: dayBound,
            to: dayBound,
            source: { type: 'string', maxLength: 200, description: 'an outlet (example.org)' },
          },
        },
        response: { 200: searchSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { country, ...rest } = request.query;
      return search(store, { ...rest, ...(country ? { country: country.toUpperCase() } : {}) });
    },
  );
}
