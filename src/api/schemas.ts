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
  properties: { layer: { type: 'string', enum: PAGED_LAYERS }, limit, offset },
} as const;
