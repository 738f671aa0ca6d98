import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  EntityChangeError,
  type EntityChangeResult,
  getEntity,
  listEntityOverrides,
  type MergeParams,
  mergeEntities,
  revertEntityOverride,
  type SplitParams,
  splitEntity,
} from '../services/entities.js';
import { apiError } from './errors.js';
import { ERROR_RESPONSES, ref } from './response-schemas.js';
import type { RouteContext } from './route-context.js';

/** Canonical entities: one with its aliases, and the user's merges, splits and reverts (writes: the token). */
const entityId = { type: 'string', minLength: 1, maxLength: 200 } as const;
const note = { type: 'string', maxLength: 1000 } as const;
const BODY_LIMIT = 16_384;

const mergeBody = {
  type: 'object',
  required: ['entity', 'into'],
  additionalProperties: false,
  properties: { entity: entityId, into: entityId, note },
} as const;

const splitBody = {
  type: 'object',
  required: ['entity', 'alias'],
  additionalProperties: false,
  properties: {
    entity: entityId,
    alias: { type: 'string', minLength: 1, maxLength: 500 },
    into: entityId,
    note,
  },
} as const;

async function answer(reply: FastifyReply, change: Promise<EntityChangeResult>) {
  try {
    return await change;
  } catch (error) {
    if (error instanceof EntityChangeError)
      return reply.code(error.status).send(apiError(error.status, error.message));
    throw error;
  }
}

export function registerEntityRoutes(app: FastifyInstance, { store }: RouteContext): void {
  app.get<{ Params: { entity: string } }>(
    '/api/entities/:entity',
    {
      schema: {
        summary: 'One canonical entity: its aliases (names in the documents), mentions and overrides',
        tags: ['entities'],
        params: { type: 'object', required: ['entity'], properties: { entity: entityId } },
        response: { 200: ref('EntityDetail'), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const entity = await getEntity(store, request.params.entity);
      if (!entity) return reply.code(404).send(apiError(404, `no entity with id "${request.params.entity}"`));
      return entity;
    },
  );

  app.get(
    '/api/entity-overrides',
    {
      schema: {
        summary: 'Every merge and split the users made, oldest first (reverted ones with revertedAt)',
        tags: ['entities'],
        response: { 200: ref('EntityOverrides'), ...ERROR_RESPONSES },
      },
    },
    async () => ({ items: await listEntityOverrides(store) }),
  );

  app.post<{ Body: MergeParams }>(
    '/api/entities/merge',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        summary: 'Merge one entity into another: aliases, mentions, events, happenings and counts move',
        tags: ['entities'],
        body: mergeBody,
        response: { 200: ref('EntityChangeResult'), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => answer(reply, mergeEntities(store, request.body)),
  );

  app.post<{ Body: SplitParams }>(
    '/api/entities/split',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        summary:
          "Split an alias off an entity into one of its own (default id: the entity's kind and the alias)",
        tags: ['entities'],
        body: splitBody,
        response: { 200: ref('EntityChangeResult'), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => answer(reply, splitEntity(store, request.body)),
  );

  app.post<{ Params: { id: number } }>(
    '/api/entity-overrides/:id/revert',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        summary: 'Undo a merge or split: the rows it moved go back',
        tags: ['entities'],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
        response: { 200: ref('EntityChangeResult'), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => answer(reply, revertEntityOverride(store, request.params.id)),
  );
}
