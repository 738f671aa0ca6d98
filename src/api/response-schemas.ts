import type { FastifyInstance } from 'fastify';

/**
 * The shapes the API answers with, as JSON Schema (2020-12, which OpenAPI 3.1 uses). They are
 * registered once (`addSchema`) and named in the OpenAPI document's components; routes point at them
 * with `ref('Name')`. Answers are written with JSON.stringify, not compiled from these, so a schema
 * can never drop or coerce a field; test/api/openapi.test.ts checks real answers against them.
 */

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const num = { type: 'number' } as const;
const nullable = (type: 'string' | 'number' | 'integer') => ({ type: [type, 'null'] }) as const;
const docId = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'sha256 of the text' } as const;

/** `{$ref}` to a shared schema, in the form Fastify and @fastify/swagger both resolve. */
export function ref(name: string): { $ref: string } {
  return { $ref: `${name}#` };
}

/** `items`, `total`, `limit`, `offset` and the cursor of the page after. */
function page(item: string, description: string) {
  return {
    type: 'object',
    description,
    required: ['items', 'total', 'limit', 'offset', 'next'],
    properties: {
      items: { type: 'array', items: ref(item) },
      total: {
        ...int,
        description: 'rows matching the query, ignoring paging (a lower bound when totalCapped)',
      },
      totalCapped: {
        type: 'boolean',
        description:
          'present and true when a filtered list stopped counting 1,000 rows past the end of the page: there are more than total',
      },
      limit: int,
      offset: int,
      next: {
        type: ['string', 'null'],
        description: 'cursor of the page after this one (`?cursor=`), null on the last page',
      },
    },
  };
}

const participant = {
  type: ['object', 'null'],
  properties: {
    text: str,
    entity: nullable('string'),
    country: nullable('string'),
    sector: nullable('string'),
  },
} as const;

const party = {
  type: ['object', 'null'],
  properties: {
    country: nullable('string'),
    sector: nullable('string'),
    entity: nullable('string'),
    text: nullable('string'),
  },
} as const;

const counts = {
  type: 'object',
  required: ['sentences', 'entities', 'events', 'diagnostics'],
  properties: { sentences: int, entities: int, events: int, diagnostics: int },
} as const;

const dyadSide = {
  type: 'object',
  required: ['events', 'mentions', 'goldsteinMean', 'quad', 'types'],
  properties: {
    events: int,
    mentions: int,
    goldsteinMean: nullable('number'),
    quad: { type: 'object', additionalProperties: int, description: 'happenings per quad class 1–4' },
    types: { type: 'object', additionalProperties: int, description: 'happenings per PLOVER type' },
  },
} as const;

const nearDuplicateLink = {
  type: 'object',
  required: ['docId', 'similarity', 'method'],
  properties: {
    docId,
    title: nullable('string'),
    uri: str,
    published: nullable('string'),
    similarity: num,
    method: { type: 'string', enum: ['normalized', 'minhash'] },
  },
} as const;

const happeningProperties = {
  id: int,
  type: str,
  quad: nullable('integer'),
  cameo: nullable('string'),
  goldstein: nullable('number'),
  actor: party,
  recipient: party,
  place: nullable('string'),
  from: str,
  to: str,
  day: str,
  numMentions: int,
  numArticles: int,
  numSources: int,
  firstDocId: docId,
  firstIdx: int,
  firstPublished: nullable('string'),
} as const;

export const SHARED_SCHEMAS: readonly { $id: string; [key: string]: unknown }[] = [
  {
    $id: 'ApiError',
    type: 'object',
    description: 'Every error the API sends (docs/api.md#errors).',
    required: ['error', 'message', 'details'],
    properties: {
      error: { ...str, description: 'the status name, e.g. "Bad Request"' },
      message: { ...str, description: 'what went wrong and what to do' },
      details: { description: 'machine-usable details: the fields at fault, a code, or null' },
    },
  },
  {
    $id: 'DocumentSummary',
    type: 'object',
    required: ['id', 'uri', 'title', 'snippet', 'published', 'status', 'createdAt', 'counts'],
    properties: {
      id: docId,
      uri: str,
      title: nullable('string'),
      snippet: str,
      published: nullable('string'),
      mediaType: nullable('string'),
      status: { type: 'string', enum: ['ok', 'rejected'] },
      createdAt: { ...str, description: 'when it was stored (ISO 8601)' },
      reason: nullable('string'),
      tone: nullable('number'),
      counts,
    },
  },
  {
    $id: 'EventRow',
    type: 'object',
    required: ['docId', 'idx', 'type', 'status', 'rule', 'start', 'end', 'sentence'],
    properties: {
      docId,
      idx: { ...int, description: "index of the event in its document's events" },
      docTitle: nullable('string'),
      type: { ...str, description: 'PLOVER event type' },
      mode: nullable('string'),
      status: { type: 'string', enum: ['asserted', 'negated', 'future', 'hypothetical', 'historical'] },
      cameo: nullable('string'),
      quad: nullable('integer'),
      goldstein: nullable('number'),
      actor: participant,
      recipient: participant,
      date: nullable('string'),
      published: nullable('string'),
      start: int,
      end: int,
      sentence: int,
      rule: { ...str, description: 'the rule or model that coded it' },
      confidence: {
        ...nullable('number'),
        description: 'how likely type, actor and status are right together (0–1); null if stored without one',
      },
    },
  },
  {
    $id: 'EntityRow',
    type: 'object',
    required: ['entityId', 'name', 'type', 'documents', 'mentions'],
    properties: {
      entityId: str,
      name: str,
      type: str,
      country: nullable('string'),
      sector: nullable('string'),
      documents: int,
      mentions: int,
    },
  },
  {
    $id: 'Diagnostic',
    type: 'object',
    required: ['ruleId', 'severity', 'reason'],
    properties: {
      ruleId: str,
      severity: { type: 'string', enum: ['error', 'warning', 'info'] },
      reason: str,
      start: nullable('integer'),
      end: nullable('integer'),
    },
  },
  {
    $id: 'Analysis',
    type: 'object',
    description:
      'A document and every layer computed for it: the analysis format (docs/analysis-format.md). Spans are [start, end) UTF-16 offsets into `text`.',
    required: ['format', 'id', 'source', 'text', 'rejected', 'diagnostics', 'events'],
    properties: {
      format: str,
      id: docId,
      source: { type: 'object', required: ['uri', 'mediaType'], properties: { uri: str, mediaType: str } },
      title: nullable('string'),
      published: nullable('string'),
      text: str,
      rejected: { type: 'boolean' },
      diagnostics: { type: 'array', items: { type: 'object' } },
      entities: { type: 'array', items: { type: 'object' } },
      events: { type: 'array', items: { type: 'object' } },
      statements: { type: 'array', items: { type: 'object' } },
    },
  },
  { $id: 'DocumentPage', ...page('DocumentSummary', 'A page of stored documents, newest first.') },
  { $id: 'EventPage', ...page('EventRow', 'A page of events, newest day first.') },
  { $id: 'EntityPage', ...page('EntityRow', 'A page of entities, most mentioned first.') },
  {
    $id: 'RecodePlan',
    type: 'object',
    description:
      "This install's pipeline version, the versions the stored documents were analysed by, and how many are stale.",
    required: ['current', 'stored', 'stale'],
    properties: {
      current: str,
      stored: {
        type: 'array',
        items: {
          type: 'object',
          required: ['version', 'documents'],
          properties: { version: nullable('string'), documents: int },
        },
      },
      stale: int,
    },
  },
  {
    $id: 'RecodeReport',
    type: 'object',
    description:
      'What a re-coding run did (services/recode.ts): documents, events by type, happenings, failures.',
    required: ['pipeline', 'mode', 'documents', 'events', 'happenings', 'failures'],
    properties: {
      pipeline: str,
      mode: { type: 'string', enum: ['stale', 'all'] },
      documents: {
        type: 'object',
        required: ['considered', 'recoded', 'unchanged', 'failed'],
        properties: { considered: int, recoded: int, unchanged: int, failed: int },
      },
      events: { type: 'object', required: ['before', 'after', 'added', 'removed', 'changed', 'byType'] },
      happenings: {
        type: 'object',
        required: ['removed', 'left', 'created', 'joined'],
        properties: { removed: int, left: int, created: int, joined: int },
      },
      failures: {
        type: 'array',
        items: { type: 'object', required: ['id', 'reason'], properties: { id: str, reason: str } },
      },
    },
  },
  {
    $id: 'EntityOverride',
    type: 'object',
    description:
      'A correction of canonical entities the user made: a merge of `entity` into `into`, or a split of `alias` off `entity` into `into`.',
    required: ['id', 'kind', 'entity', 'into', 'alias', 'note', 'createdAt', 'revertedAt'],
    properties: {
      id: int,
      kind: { type: 'string', enum: ['merge', 'split'] },
      entity: str,
      into: str,
      alias: nullable('string'),
      note: nullable('string'),
      createdAt: str,
      revertedAt: { ...nullable('string'), description: 'when it was undone; null while in force' },
    },
  },
  {
    $id: 'EntityDetail',
    type: 'object',
    description:
      'One canonical entity across the store: its names in the documents and the overrides that name it.',
    required: ['entityId', 'name', 'type', 'documents', 'mentions', 'aliases', 'overrides'],
    properties: {
      entityId: str,
      name: str,
      type: str,
      country: nullable('string'),
      sector: nullable('string'),
      documents: int,
      mentions: int,
      aliases: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'documents', 'mentions'],
          properties: { name: str, documents: int, mentions: int },
        },
      },
      overrides: { type: 'array', items: ref('EntityOverride') },
    },
  },
  {
    $id: 'EntityOverrides',
    type: 'object',
    required: ['items'],
    properties: { items: { type: 'array', items: ref('EntityOverride') } },
  },
  {
    $id: 'EntityChangeResult',
    type: 'object',
    description: 'The override made or undone, and what moved with it.',
    required: ['override', 'documents', 'happenings'],
    properties: {
      override: ref('EntityOverride'),
      documents: {
        ...int,
        description: 'documents whose entity and event rows were rebuilt and linked again',
      },
      happenings: {
        type: 'object',
        required: ['removed', 'left', 'created', 'joined'],
        properties: { removed: int, left: int, created: int, joined: int },
      },
    },
  },
  {
    $id: 'HappeningRow',
    type: 'object',
    description: 'One real-world event, merged across the articles that report it.',
    required: ['id', 'type', 'day', 'numMentions', 'numArticles', 'numSources', 'firstDocId'],
    properties: happeningProperties,
  },
  { $id: 'HappeningPage', ...page('HappeningRow', 'A page of happenings, newest first.') },
  {
    $id: 'StoryRow',
    type: 'object',
    description:
      'A story: the articles clustered as reporting one unfolding story (stages/06-link/stories.ts).',
    required: [
      'id',
      'label',
      'actors',
      'eventTypes',
      'firstSeen',
      'lastSeen',
      'size',
      'numSources',
      'sources',
    ],
    properties: {
      id: int,
      label: { ...str, description: 'main actors and main event: `Vladimir Putin, Xi Jinping: CONSULT`' },
      actors: {
        type: 'array',
        description:
          'the most named people, countries and organisations, with how many of its articles name them',
        items: {
          type: 'object',
          required: ['id', 'name', 'articles'],
          properties: { id: str, name: str, articles: int },
        },
      },
      eventTypes: {
        type: 'array',
        items: str,
        description: 'PLOVER types its articles assert, most reported first',
      },
      firstSeen: nullable('string'),
      lastSeen: nullable('string'),
      size: { ...int, description: 'articles' },
      numSources: { ...int, description: 'distinct outlets' },
      sources: { type: 'array', items: str, description: 'outlets, most articles first (up to ten)' },
    },
  },
  { $id: 'StoryPage', ...page('StoryRow', 'A page of stories, the most recently seen first.') },
  {
    $id: 'StoryDetail',
    type: 'object',
    required: ['id', 'label', 'size', 'articles'],
    properties: {
      id: int,
      label: str,
      actors: { type: 'array', items: { type: 'object' } },
      eventTypes: { type: 'array', items: str },
      firstSeen: nullable('string'),
      lastSeen: nullable('string'),
      size: int,
      numSources: int,
      sources: { type: 'array', items: str },
      articles: {
        type: 'array',
        description: 'its articles, earliest first',
        items: {
          type: 'object',
          required: ['docId', 'uri', 'source', 'score'],
          properties: {
            docId,
            title: nullable('string'),
            uri: str,
            published: nullable('string'),
            source: str,
            score: { ...num, description: 'how close the article was to the story when it joined' },
          },
        },
      },
    },
  },
  {
    $id: 'HappeningDetail',
    type: 'object',
    required: ['id', 'type', 'day', 'mentions', 'sources'],
    properties: {
      ...happeningProperties,
      mentions: {
        type: 'array',
        items: {
          type: 'object',
          required: ['docId', 'idx', 'source', 'sentence', 'reason'],
          properties: {
            docId,
            idx: int,
            title: nullable('string'),
            uri: str,
            published: nullable('string'),
            source: str,
            sentence: int,
            reason: { ...str, description: 'why this mention was merged into the happening' },
          },
        },
      },
      sources: { type: 'array', items: str },
    },
  },
  {
    $id: 'NearDuplicates',
    type: 'object',
    required: ['original', 'copies'],
    properties: {
      original: { oneOf: [{ type: 'null' }, nearDuplicateLink] },
      copies: { type: 'array', items: nearDuplicateLink },
    },
  },
  {
    $id: 'DyadSeries',
    type: 'object',
    required: ['a', 'b', 'by', 'periods'],
    properties: {
      a: str,
      b: str,
      by: { type: 'string', enum: ['day', 'week', 'month'] },
      periods: {
        type: 'array',
        items: {
          type: 'object',
          required: ['period', 'ab', 'ba'],
          properties: { period: str, ab: dyadSide, ba: dyadSide },
        },
      },
    },
  },
  {
    $id: 'TopRelations',
    type: 'object',
    required: ['items'],
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object',
          required: ['actor', 'recipient', 'events', 'mentions', 'goldsteinMean'],
          properties: {
            actor: str,
            recipient: nullable('string'),
            events: int,
            mentions: int,
            goldsteinMean: nullable('number'),
          },
        },
      },
    },
  },
];

/** Registers the shared schemas on the app, before any route names them. */
export function addSharedSchemas(app: FastifyInstance): void {
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
}

/** The error answers every route can give: each is an `ApiError`. */
export const ERROR_RESPONSES = {
  '4xx': { ...ref('ApiError'), description: 'the request was refused (bad input, unknown id, guard)' },
  '5xx': { ...ref('ApiError'), description: 'the server could not answer (busy store, internal error)' },
} as const;

export const docIdSchema = docId;
