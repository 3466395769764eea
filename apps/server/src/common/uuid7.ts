import { randomBytes } from 'node:crypto';

// RFC 9562 UUID version 7: 48-bit Unix milliseconds, then randomness. Within one
// millisecond the 12-bit `rand_a` field works as a counter (RFC 9562 §6.2, method 1)
// so ids made by this process sort in creation order, which keeps B-tree inserts local.
let lastMs = -1;
let counter = 0;

export function uuidv7(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    // Start low in the counter space so a burst rarely overflows it.
    counter = randomBytes(2).readUInt16BE(0) & 0x7ff;
  } else if (++counter > 0xfff) {
    // More than ~2000 ids in one millisecond (or the clock went back): borrow the next one.
    lastMs += 1;
    counter = 0;
  }

  const bytes = randomBytes(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);

  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The creation time encoded in a UUID v7. */
export function uuidv7Time(id: string): Date {
  return new Date(parseInt(id.replace(/-/g, '').slice(0, 12), 16));
}
