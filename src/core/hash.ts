import { createHash } from 'node:crypto';

/** A document's identity: sha256 of its text as UTF-8. Same text, same id, whatever the source. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
