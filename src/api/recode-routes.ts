import type { FastifyInstance } from 'fastify';
import { recodeStore } from '../services/recode.js';
import { versionsOfStore } from '../services/recode-plan.js';
import { apiError } from './errors.js';
import { ERROR_RESPONSES, ref } from './response-schemas.js';
import type { RouteContext } from './route-context.js';

/**
 * Re-coding through the API (docs/scaling.md#re-coding-after-an-upgrade): the plan, and a run over at
 * most `limit` documents (a page of work; call again to continue: the documents done are no longer
 * stale). One run at a time per server; writes need the token.
 */
const recodeBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    mode: { type: 'string', enum: ['stale', 'all'], default: 'stale' },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
  },
} as const;

export function registerRecodeRoutes(app: FastifyInstance, { store, analyze }: RouteContext): void {
  let running = false;

  app.get(
    '/api/recode/plan',
    {
      schema: {
        summary: "This install's pipeline version, the stored documents by version, how many are stale",
        tags: ['recode'],
        response: { 200: ref('RecodePlan'), ...ERROR_RESPONSES },
      },
    },
    async () => versionsOfStore(store),
  );

  app.post<{ Body: { mode?: 'stale' | 'all'; limit?: number } }>(
    '/api/recode',
    {
      bodyLimit: 4096,
      schema: {
        summary:
          'Analyse stored documents again (stale ones, or all) and move their events, happenings and counts',
        description:
          'At most `limit` documents a call (default 100); call again to continue. 409 while another run is going on this server.',
        tags: ['recode'],
        body: recodeBody,
        response: { 200: ref('RecodeReport'), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      if (running)
        return reply
          .code(409)
          .send(apiError(409, 'a re-coding run is already going on; try again when it ends'));
      running = true;
      try {
        const limit = request.body?.limit ?? 100;
        // The pipeline in threads of the run's own from the first full page (a page no larger than the
        // run), so the server's thread keeps answering; a given analyzer on this thread.
        const { perDocument: _none, ...report } = await recodeStore({
          store,
          mode: request.body?.mode ?? 'stale',
          limit,
          ...(analyze ? { analyze, workers: 0 } : { pageSize: Math.min(64, limit) }),
        });
        return report;
      } finally {
        running = false;
      }
    },
  );
}
