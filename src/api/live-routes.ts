import { PassThrough } from 'node:stream';
import { createLiveFeed, type Story } from '../services/live-feed.js';
import { ERROR_RESPONSES } from './response-schemas.js';
import type { RoutePlugin } from './route-context.js';

/**
 * GET /api/live: Server-Sent Events. Each document stored from now on — by this server or by any
 * `tidings ingest`/`watch` writing the same store — comes as an event `story` whose data is the story
 * as JSON (services/live-feed.ts). A comment line every 15 s keeps proxies from closing the stream.
 */
export const registerLiveRoutes: RoutePlugin = (app, { store, livePollMs }) => {
  const feed = createLiveFeed(store, {
    ...(livePollMs ? { intervalMs: livePollMs } : {}),
    onError: (error) => app.log.error(error),
  });
  app.addHook('onClose', async () => feed.close());

  app.get(
    '/api/live',
    {
      compress: false,
      schema: {
        summary: 'Stories as they are stored, as Server-Sent Events (event `story`, data: the story as JSON)',
        tags: ['live'],
        response: {
          200: {
            description: 'an endless text/event-stream',
            content: {
              'text/event-stream': {
                schema: {
                  type: 'string',
                  description:
                    'Events `story`: `id` the document id, `data` {id, title, uri, source, published, storedAt, events, actors, types, sparkline}.',
                },
              },
            },
          },
          ...ERROR_RESPONSES,
        },
      },
    },
    (_request, reply) => {
      const stream = new PassThrough();
      const send = (text: string) => {
        if (!stream.writableEnded) stream.write(text);
      };
      send('retry: 2000\n: connected\n\n');
      const heartbeat = setInterval(() => send(': keep-alive\n\n'), 15_000);
      const stop = () => {
        clearInterval(heartbeat);
        unsubscribe();
        if (!stream.writableEnded) stream.end();
      };
      const unsubscribe = feed.subscribe((stories: Story[]) => {
        for (const story of stories)
          send(`id: ${story.id}\nevent: story\ndata: ${JSON.stringify(story)}\n\n`);
      }, stop);
      // The response's close, not the request's: a GET's request closes as soon as it is read.
      reply.raw.once('close', stop);
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-transform')
        .header('x-accel-buffering', 'no')
        .send(stream);
    },
  );
};
