export type { ApiError } from './errors.js';
export { parseDocumentBody } from './routes.js';
export { buildServer, type ServerOptions } from './server.js';
