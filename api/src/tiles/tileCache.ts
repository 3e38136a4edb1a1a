/**
 * A bounded in-process cache of encoded tiles. Keys carry the dataset versions, so a new load
 * makes exactly its tiles unreachable; nothing needs to be shared between API instances.
 */
export interface CachedTile {
  /** gzip-compressed protobuf; null for an empty tile. */
  body: Buffer | null;
  etag: string;
}

export class TileCache {
  private readonly entries = new Map<string, CachedTile>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): CachedTile | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Re-insert: Map keeps insertion order, so the oldest entry is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, tile: CachedTile): void {
    const size = (tile.body?.length ?? 0) + key.length + 64;
    if (size > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= (old.body?.length ?? 0) + key.length + 64;
      this.entries.delete(key);
    }
    this.entries.set(key, tile);
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= (v.body?.length ?? 0) + k.length + 64;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
