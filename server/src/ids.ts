import { randomBytes, randomUUID } from 'node:crypto';

/** A new opaque id for a row created by the platform. */
export function newId(): string {
  return randomUUID();
}

let pool = Buffer.alloc(0);
let taken = 0;

/**
 * `size` random bytes from the system's generator, drawn a few kilobytes at a time: asking it for a handful of bytes
 * per id cost more than the rest of making one. Each byte is handed out once. For ids and check-in codes; the secrets
 * that sign people in are drawn on their own.
 */
export function pooledRandomBytes(size: number): Buffer {
  if (taken + size > pool.length) {
    pool = randomBytes(Math.max(4096, size));
    taken = 0;
  }
  taken += size;
  return pool.subarray(taken - size, taken);
}

let lastMs = 0;
let counter = 0;

/**
 * A new id that sorts after every id this process made before: a UUID version 7 (RFC 9562) of the wall clock's
 * millisecond and a counter within it (its method 1), so that rows written in one instant, such as the audit
 * entries of one transaction, keep the order they were written in when sorted by (time, id). Ids of other
 * processes interleave by their wall clocks.
 */
export function orderedId(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = pooledRandomBytes(2).readUInt16BE() & 0x7ff; // a random start leaves room for 2,048 more in the millisecond
  } else if (++counter > 0xfff) {
    lastMs++; // the counter ran out: borrow the next millisecond, as the RFC allows
    counter = 0;
  }
  const random = pooledRandomBytes(8);
  random[0] = (random[0]! & 0x3f) | 0x80; // variant 10
  const hex = lastMs.toString(16).padStart(12, '0') + (0x7000 | counter).toString(16) + random.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
