/**
 * MurmurHash3, x86 32-bit variant (Austin Appleby's public-domain reference, MurmurHash3_x86_32),
 * over the UTF-8 bytes of a string. The ring hashes every key it routes, so this runs on the
 * request path: about 20x faster than node:crypto's md5 for our key sizes (see README.md).
 */
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const encoder = new TextEncoder();

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

function byteAt(s: string, bytes: Uint8Array | undefined, i: number): number {
  return bytes ? (bytes[i] as number) : s.charCodeAt(i);
}

/** The 32-bit MurmurHash3 of `s` (UTF-8) with `seed`, as an unsigned integer. */
export function murmur3(s: string, seed = 0): number {
  // ASCII (every key the site makes) is hashed straight from the char codes, with no encoding.
  const bytes = isAscii(s) ? undefined : encoder.encode(s);
  const len = bytes ? bytes.length : s.length;
  const blocks = len & ~3;
  let h = seed >>> 0;
  for (let i = 0; i < blocks; i += 4) {
    let k =
      byteAt(s, bytes, i) | (byteAt(s, bytes, i + 1) << 8) | (byteAt(s, bytes, i + 2) << 16) | (byteAt(s, bytes, i + 3) << 24);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const rest = len & 3;
  if (rest > 0) {
    let k = 0;
    if (rest === 3) k ^= byteAt(s, bytes, blocks + 2) << 16;
    if (rest >= 2) k ^= byteAt(s, bytes, blocks + 1) << 8;
    k ^= byteAt(s, bytes, blocks);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
  }
  h ^= len;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
