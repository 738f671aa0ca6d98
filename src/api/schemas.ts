import { EVENT_STATUSES } from '../core/doc.js';
import { MAX_LIMIT, PAGED_LAYERS } from '../services/query.js';

/** JSON schemas for the API's query strings; Fastify compiles them once at startup. */

const limit = { type: 'integer', minimum: 1, maximum: MAX_LIMIT } as const;
const offset = { type: 'integer', minimum: 0, maximum: 10_000_000 } as const;
const text = { type: 'string', maxLength: 500 } as const;
/** A page's `next`: base64url, opaque. */
const cursor = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,2000}$' } as const;
const dateBound = {
  type: 'string',
  pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$',
  description: 'YYYY, YYYY-MM or YYYY-MM-DD',
} as const;

export const ENTITY_TYPES = ['country', 'city', 'place', 'person', 'organization'] as const;
export const DOCUMENT_STATUSES = ['ok', 'rejected'] as const;

export const documentsQuery = {
  type: 'object',
  properties: { q: text, limit, offset, cursor, status: { type: 'string', enum: DOCUMENT_STATUSES } },
} as const;

export const eventsQuery = {
  type: 'object',
  properties: {
    actor: text,
    recipient: text,
    type: { type: 'string', pattern: '^[A-Za-z_-]{1,40}$' },
    status: { type: 'string', enum: EVENT_STATUSES },
    from: dateBound,
    to: dateBound,
    doc: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    minConfidence: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description:
        'only events at least this likely right (their `confidence`); events stored without one are left out',
    },
    limit,
    offset,
    cursor,
  },
} as const;

export const entitiesQuery = {
  type: 'object',
  properties: {
    doc: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    q: text,
    type: { type: 'string', enum: ENTITY_TYPES },
    country: { type: 'string', pattern: '^[A-Za-z]{3}$' },
    limit,
    offset,
    cursor,
  },
} as const;

export const idParams = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 128 } },
  required: ['id'],
} as const;

/** `GET /api/documents/:id`: the whole analysis, or with `layer` one page of one layer. */
export const documentQuery = {
  type: 'object',
  properties: { layer: { type: 'string', enum: PAGED_LAYERS }, limit, offset, cursor },
} as const;

/** A page of one layer of a document (`?layer=`). */
export const layerPageResponse = {
  type: 'object',
  required: ['id', 'layer', 'items', 'total', 'limit', 'offset', 'next'],
  properties: {
    id: { type: 'string' },
    layer: { type: 'string', enum: PAGED_LAYERS },
    items: { type: 'array', items: { type: 'object' } },
    total: { type: 'integer' },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
    next: { type: ['string', 'null'] },
  },
} as const;

/**
 * POST /api/documents, as documented: the route reads the body itself (text/plain or JSON) and
 * answers each field's problem in words, so this is shown in the OpenAPI document, not compiled.
 */
export const documentBody = {
  description: 'The article: text/plain, or JSON with its text and what is known about it.',
  oneOf: [
    { type: 'string', minLength: 1, description: 'the text (text/plain)' },
    {
      type: 'object',
      required: ['text'],
      properties: {
        text: { type: 'string', minLength: 1, description: 'the article, headline first if it has one' },
        title: { type: 'string', maxLength: 1000, description: 'a headline, one line' },
        url: { type: 'string', format: 'uri', description: 'absolute http(s) URL' },
        published: { type: 'string', description: 'YYYY-MM-DD or an ISO 8601 instant' },
      },
    },
  ],
} as const;

const counts = {
  type: 'object',
  properties: {
    title: { type: ['string', 'null'] },
    published: { type: ['string', 'null'] },
    sentences: { type: 'integer' },
    entities: { type: 'integer' },
    events: { type: 'integer' },
    diagnostics: { type: 'integer' },
  },
} as const;

/** What POST /api/documents answers for a stored document (201) or one already stored (200). */
export const postedResponse = {
  type: 'object',
  required: ['id', 'status', 'summary', 'links'],
  properties: {
    id: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    status: { type: 'string', enum: ['inserted', 'duplicate'] },
    summary: { oneOf: [{ type: 'null' }, counts] },
    links: {
      type: 'object',
      properties: { self: { type: 'string' }, html: { type: 'string' } },
    },
  },
} as const;

export const statsResponse = {
  type: 'object',
  required: ['engine', 'schemaVersion', 'documents', 'ok', 'rejected', 'entities', 'events', 'diagnostics'],
  properties: {
    engine: { type: 'string' },
    schemaVersion: { type: 'integer' },
    documents: { type: 'integer' },
    ok: { type: 'integer' },
    rejected: { type: 'integer' },
    entities: { type: 'integer' },
    events: { type: 'integer' },
    diagnostics: { type: 'integer' },
    eventsByType: { type: 'object', additionalProperties: { type: 'integer' } },
  },
} as const;

export const statusResponse = {
  type: 'object',
  required: ['documents', 'processed', 'duplicates', 'rejected', 'pending', 'failed'],
  properties: {
    documents: { type: 'integer' },
    processed: { type: 'integer' },
    duplicates: { type: 'integer' },
    rejected: { type: 'integer' },
    pending: { type: 'integer' },
    failed: { type: 'integer' },
  },
} as const;
