/** The write token the HTTP tests start their servers with, and the header that carries it. */
export const TEST_TOKEN = 'test-token-0123456789abcdef';

export function auth(headers: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${TEST_TOKEN}`, ...headers };
}
