import type { Diagnostic } from '../../core/doc.js';

// Anchored, no nested quantifiers: linear time on any input.
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** True for a real calendar date `YYYY-MM-DD` or an ISO 8601 instant (`2024-05-16T09:30:00Z`). */
export function isValidPublished(value: string): boolean {
  if (value.length > 40) return false;
  const m = DATE.exec(value) ?? INSTANT.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 60)) return false;
  return true;
}

/** The value when valid; otherwise undefined and a warning diagnostic pushed onto `diagnostics`. */
export function checkPublished(value: unknown, diagnostics: Diagnostic[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && isValidPublished(value)) return value;
  diagnostics.push({
    ruleId: 'ingest:bad-published',
    severity: 'warning',
    reason: 'the publication date is not YYYY-MM-DD or an ISO 8601 instant; ignored',
    actual: typeof value === 'string' ? value.slice(0, 60) : typeof value,
    expected: 'YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]',
  });
  return undefined;
}
