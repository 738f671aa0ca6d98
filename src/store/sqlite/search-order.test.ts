import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bucketOfKey, SEQ_BITS, searchBucket } from './search-order.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

test('buckets never decrease along the list order: published DESC as text, undated last by time stored', () => {
  let seed = 11;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const published: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const day = `${1000 + Math.floor(random() * 9000)}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
    const kind = Math.floor(random() * 4);
    const time = `${pad(Math.floor(random() * 24))}:${pad(Math.floor(random() * 60))}`;
    published.push(
      kind === 0
        ? day
        : kind === 1
          ? `${day}T${time}Z`
          : kind === 2
            ? `${day}T${time}:59.5+14:00`
            : `${day}T${time}`,
    );
  }
  // SQLite compares text by bytes; these are ASCII, so JavaScript's order is the same.
  published.sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const created = '2024-05-16T10:00:00.000Z';
  for (let i = 1; i < published.length; i++) {
    const [a, b] = [published[i - 1] as string, published[i] as string];
    assert.ok(searchBucket(a, created) <= searchBucket(b, created), `${a} before ${b}`);
    assert.ok(searchBucket(b, created) > 0, b);
  }
  const stored = [
    '2299-12-31T23:59:59.999Z',
    '2024-05-16T10:00:01.000Z',
    '2024-05-16T10:00:00.999Z',
    '1970-01-01T00:00:00.000Z',
  ];
  for (let i = 1; i < stored.length; i++) {
    assert.ok(searchBucket(null, stored[i - 1] as string) <= searchBucket(null, stored[i] as string));
  }
  assert.ok(
    searchBucket('1000-01-01', created) < searchBucket(null, stored[0] as string),
    'undated after every date',
  );
  // Keys of the highest bucket stay exact as JavaScript numbers.
  assert.ok(Number.isSafeInteger((searchBucket(null, stored.at(-1) as string) + 1) * 2 ** SEQ_BITS));
  assert.equal(
    bucketOfKey(searchBucket('2024-05-16', created) * 2 ** SEQ_BITS + 5),
    searchBucket('2024-05-16', created),
  );
});

test('dates in no canonical form, or no real day, are misfits (bucket 0), which every search reads', () => {
  const created = '2024-05-16T10:00:00.000Z';
  for (const odd of [
    '2024-05-16 10:00',
    'May 2024',
    '2024-02-30',
    '2024-5-1',
    '2024-05-16T24:00Z',
    '0999-12-31',
    '',
  ]) {
    assert.equal(searchBucket(odd, created), 0, odd);
  }
  assert.equal(searchBucket(null, 'yesterday'), 0);
  assert.equal(searchBucket(null, '1969-12-31T23:59:59Z'), 0, 'stored before 1970');
  assert.ok(searchBucket(null, '2024-05-16T10:00:60Z') > 0, 'a leap second');
});
