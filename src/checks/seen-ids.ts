// The unique-id check's memory: every id a run was given, in typed arrays at 20 bytes an id, so that a run of millions
// of cases stays flat (issue #18). A JS Map of string keys costs about 100 bytes an entry, on the V8 heap.
import { createHash } from 'node:crypto';

/** A uuid in its plain form (RFC 9562 §4): kept as its own 16 bytes, not 36 characters. */
const UUID = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i;

/** An id's key: four 32-bit words, a uuid's 16 bytes or, for any other id, the first 16 bytes of its SHA-256. */
export type IdKey = readonly [number, number, number, number];

/** The key an id is remembered by, the same for every letter case of it (uuids are case-insensitive, RFC 9562 §4). */
export function idKey(id: string): IdKey {
  const m = UUID.exec(id);
  const hex = m ? m.slice(1).join('') : createHash('sha256').update(`x${id.toLowerCase()}`).digest('hex').slice(0, 32);
  const word = (i: number) => Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return [word(0), word(1), word(2), word(3)];
}

/** The open block's hash index has 2^18 slots, so that it is never more than half full. */
const SLOT_BITS = 18;
/** Ids in a block: sorted and sealed once full; a block is 2.5 MB and its filter 128 KB. */
const BLOCK = 1 << (SLOT_BITS - 1);
/** Words an entry: the key's four, then the case that first got it. */
const WORDS = 5;
/**
 * A sealed block's Bloom filter, 8 bits an id, blocked (Putze, Sanders and Singler 2007): the 3 bits of a key lie in
 * one 512-bit line, so that ruling a block out costs one cache miss. Without filters a lookup is a binary search in
 * every block (19 µs an id at 2.5M ids).
 */
const FILTER_WORDS = (BLOCK * 8) / 32;
const LINE_WORDS = 16;
const LINE_BITS = Math.log2(FILTER_WORDS / LINE_WORDS);

/** A key's hash: all four words mixed, since a time-ordered uuid (v7, RFC 9562 §5.7) has few random bits in its first. */
const hash1 = (key: ArrayLike<number>) => Math.imul(key[0] ^ key[1] ^ key[2] ^ key[3], 0x9e3779b1) >>> 0;
/** A second hash, for the bits within a line. */
const hash2 = (key: ArrayLike<number>) =>
  Math.imul(key[1] ^ (key[3] >>> 16) ^ (key[3] << 16) ^ (key[0] >>> 8), 0x85ebca6b) >>> 0;

/** Where a key's 3 filter bits are: a word offset and a mask for each, the same for every block. */
function probes(key: ArrayLike<number>): Uint32Array {
  const line = (hash1(key) >>> (32 - LINE_BITS)) * LINE_WORDS;
  const h = hash2(key);
  const out = new Uint32Array(6);
  for (let i = 0; i < 3; i++) {
    const bit = (h >>> (9 * i)) & 511;
    out[2 * i] = line + (bit >>> 5);
    out[2 * i + 1] = 1 << (bit & 31);
  }
  return out;
}

/** -1, 0 or 1 as the key at `i` of `a` sorts before, with or after the key at `j` of `b` (word offsets). */
function compare(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number): number {
  for (let w = 0; w < 4; w++) if (a[i + w] !== b[j + w]) return a[i + w] < b[j + w] ? -1 : 1;
  return 0;
}

/** A sealed block: its entries sorted by key, and the filter that says which keys it may hold. */
interface Block {
  readonly entries: Uint32Array;
  readonly filter: Uint32Array;
}

/** Case ids (`b0012`, `r00345`) as one 32-bit word: a shape (letter and width) in 4 bits, the number in 28. */
class CaseIds {
  private readonly shapes: string[] = [];
  /** Ids of any other form, kept as they are (none in the suite's own plans). */
  private readonly others: string[] = [];

  encode(id: string): number {
    const m = /^([a-z])(\d{1,8})$/.exec(id);
    const shape = m ? `${m[1]}${m[2].length}` : undefined;
    let s = shape === undefined ? -1 : this.shapes.indexOf(shape);
    if (shape !== undefined && s < 0 && this.shapes.length < 15) s = this.shapes.push(shape) - 1;
    if (m && s >= 0) return ((s << 28) | Number(m[2])) >>> 0;
    const o = this.others.indexOf(id);
    return ((15 << 28) | (o >= 0 ? o : this.others.push(id) - 1)) >>> 0;
  }

  decode(word: number): string {
    const s = word >>> 28;
    const n = word & 0x0fffffff;
    if (s === 15) return this.others[n];
    const shape = this.shapes[s];
    return `${shape[0]}${String(n).padStart(Number(shape.slice(1)), '0')}`;
  }
}

/** Every id seen in a run, with the case that first got it. */
export class SeenIds {
  private readonly sealed: Block[] = [];
  private readonly open = new Uint32Array(BLOCK * WORDS);
  private count = 0;
  /** The open block's hash index (linear probing, half full at most): entry + 1, 0 when free. */
  private readonly slots = new Uint32Array(BLOCK * 2);
  private readonly cases = new CaseIds();

  /** How many distinct ids are kept. */
  get size(): number {
    return this.sealed.length * BLOCK + this.count;
  }

  /** The case that first got `id`; if none did, `caseId` is remembered as the first and returned. */
  firstOrAdd(id: string, caseId: string): string {
    const key = idKey(id);
    const found = this.find(key);
    if (found !== undefined) return this.cases.decode(found);
    this.add(key, this.cases.encode(caseId));
    return caseId;
  }

  private find(key: IdKey): number | undefined {
    for (let s = this.slot(key); this.slots[s] !== 0; s = (s + 1) % this.slots.length) {
      const i = this.slots[s] - 1;
      if (compare(this.open, i * WORDS, key, 0) === 0) return this.open[i * WORDS + 4];
    }
    const p = probes(key);
    for (const { entries: block, filter: f } of this.sealed) {
      if ((f[p[0]] & p[1]) === 0 || (f[p[2]] & p[3]) === 0 || (f[p[4]] & p[5]) === 0) continue;
      let lo = 0;
      let hi = BLOCK - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const c = compare(block, mid * WORDS, key, 0);
        if (c === 0) return block[mid * WORDS + 4];
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    return undefined;
  }

  private slot(key: IdKey): number {
    return hash1(key) >>> (32 - SLOT_BITS);
  }

  private add(key: IdKey, caseWord: number): void {
    const i = this.count++;
    this.open.set(key, i * WORDS);
    this.open[i * WORDS + 4] = caseWord;
    let s = this.slot(key);
    while (this.slots[s] !== 0) s = (s + 1) % this.slots.length;
    this.slots[s] = i + 1;
    if (this.count === BLOCK) this.seal();
  }

  /** The full open block, sorted by key, becomes a sealed one; a fresh open block starts. */
  private seal(): void {
    const order = Array.from({ length: BLOCK }, (_, i) => i);
    order.sort((a, b) => compare(this.open, a * WORDS, this.open, b * WORDS));
    const entries = new Uint32Array(BLOCK * WORDS);
    const filter = new Uint32Array(FILTER_WORDS);
    order.forEach((from, to) => {
      entries.set(this.open.subarray(from * WORDS, from * WORDS + WORDS), to * WORDS);
      const p = probes(this.open.subarray(from * WORDS, from * WORDS + 4));
      for (let i = 0; i < 6; i += 2) filter[p[i]] |= p[i + 1];
    });
    this.sealed.push({ entries, filter });
    this.count = 0;
    this.slots.fill(0);
  }
}
