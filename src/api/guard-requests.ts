import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * What a request must show before the app does any work for it:
 * - a `Host` naming this server (a page on another site that re-points its DNS name at
 *   127.0.0.1 — DNS rebinding — still sends its own name), on every request;
 * - on writes, no foreign `Origin` (a cross-site form or fetch) and the bearer token.
 * Failures answer 400/401/403 before the body is read.
 */
export interface GuardOptions {
  /** The secret that writes (POST, PUT, PATCH, DELETE) must carry as `Authorization: Bearer <token>`. */
  token: string;
  /** The address the server listens on; its name is accepted in `Host` (wildcards such as 0.0.0.0 are not names). */
  host?: string;
  /** More names accepted in `Host` (a LAN name or address when the server is bound to one). */
  allowedHosts?: readonly string[];
  /** Longest accepted request target, in characters; longer ones get 414. */
  maxUrlLength: number;
  /** A request body not fully received this long after it started is cut off with 408. */
  bodyTimeoutMs: number;
}

export interface Refusal {
  status: number;
  message: string;
  code: string;
  headers?: Record<string, string>;
}

export type Refuse = (request: FastifyRequest, reply: FastifyReply, refusal: Refusal) => FastifyReply;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '']);

/** A fresh random token, printable and safe in a header (32 bytes of entropy). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Checks a token given by a person (`--token`, `TIDINGS_TOKEN`); throws with what to do. */
export function assertUsableToken(token: unknown): asserts token is string {
  if (typeof token !== 'string' || token.length < 16 || /[^\x21-\x7e]/.test(token)) {
    throw new TypeError(
      'the write token must be at least 16 printable ASCII characters without spaces; ' +
        'leave it out to have one generated',
    );
  }
}

/** `[::1]` for `::1`, lowercase names: the form a `Host` header carries. */
function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}

/** Splits a `Host` header into name and port (null when absent); null when it is not a host. */
export function parseHostHeader(value: string): { name: string; port: number | null } | null {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!m) return null;
  return { name: (m[1] as string).toLowerCase(), port: m[2] === undefined ? null : Number(m[2]) };
}

export function registerGuards(app: FastifyInstance, options: GuardOptions, refuse: Refuse): void {
  assertUsableToken(options.token);
  const names = new Set(LOOPBACK_NAMES);
  for (const h of [options.host ?? '', ...(options.allowedHosts ?? [])]) {
    const name = hostName(h);
    if (!WILDCARDS.has(name)) names.add(name);
  }
  const tokenDigest = digest(options.token);
  const listeningPort = (): number | null => {
    const address = app.server.listening ? app.server.address() : null;
    return address && typeof address === 'object' ? (address as AddressInfo).port : null;
  };

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.length > options.maxUrlLength) {
      return refuse(request, reply, {
        status: 414,
        code: 'URI_TOO_LONG',
        message: `the request target is longer than ${options.maxUrlLength} characters`,
      });
    }
    const hostHeader = request.headers.host;
    const host = typeof hostHeader === 'string' ? parseHostHeader(hostHeader) : null;
    const port = listeningPort();
    // In-process requests (inject) have no listening port to compare with; the name is still checked.
    if (!host || !names.has(host.name) || (port !== null && (host.port ?? 80) !== port)) {
      return refuse(request, reply, {
        status: 403,
        code: 'FOREIGN_HOST',
        message: `Host ${JSON.stringify(hostHeader ?? '')} is not this server; use http://localhost${port ? `:${port}` : ''}/`,
      });
    }
    if (!WRITE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    if (origin !== undefined && !sameOrigin(origin, hostHeader as string)) {
      return refuse(request, reply, {
        status: 403,
        code: 'FOREIGN_ORIGIN',
        message: `writes from another site (Origin ${JSON.stringify(origin)}) are refused`,
      });
    }
    if (request.headers['sec-fetch-site'] === 'cross-site') {
      return refuse(request, reply, {
        status: 403,
        code: 'FOREIGN_ORIGIN',
        message: 'writes from another site are refused',
      });
    }
    const given = bearer(request.headers.authorization);
    if (given === null || !timingSafeEqual(digest(given), tokenDigest)) {
      return refuse(request, reply, {
        status: 401,
        code: 'TOKEN_REQUIRED',
        message:
          given === null
            ? 'writes need the token that `tidings serve` printed: send "Authorization: Bearer <token>"'
            : 'the token is not the one this server was started with',
        headers: { 'www-authenticate': 'Bearer realm="tidings"' },
      });
    }
  });

  // A body trickled byte by byte would otherwise hold a connection (and its parser) open for ever.
  app.addHook('preParsing', async (_request, reply, payload) => {
    const body = new PassThrough();
    // Once the parser has given up on the body (too large, bad length), nobody listens any more.
    body.on('error', () => {});
    const timer = setTimeout(() => {
      if (reply.sent) return;
      payload.unpipe(body);
      payload.pause();
      body.destroy(
        Object.assign(
          new Error(`the request body did not arrive within ${Math.round(options.bodyTimeoutMs / 1000)} s`),
          { statusCode: 408, code: 'BODY_TIMEOUT' },
        ),
      );
    }, options.bodyTimeoutMs);
    const stop = () => clearTimeout(timer);
    payload.once('end', stop);
    payload.once('close', stop);
    payload.once('error', (error) => {
      stop();
      body.destroy(error);
    });
    payload.pipe(body);
    return body;
  });
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function bearer(header: string | undefined): string | null {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m ? (m[1] as string) : null;
}

/** True when a browser's `Origin` is this very server as the request addressed it. */
function sameOrigin(origin: string, host: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes `Origin: null` (sandboxed frames, file: pages)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const addressed = parseHostHeader(host);
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return addressed !== null && url.hostname === addressed.name && port === (addressed.port ?? 80);
}
