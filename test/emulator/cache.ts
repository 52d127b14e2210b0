// CacheService: script, user and document caches with expiry on the emulator clock and Apps Script's size limits.
import { Access, type EmulatorContext } from './context';

const S = Access.STORE;
export const KEY_LIMIT_CHARS = 250;
export const VALUE_LIMIT_BYTES = 100 * 1024;
const DEFAULT_SECONDS = 600;
const MAX_SECONDS = 21_600;

interface Entry {
  value: string;
  expiresAt: number;
}

export class CacheStores {
  readonly script = new Map<string, Entry>();
  readonly user = new Map<string, Map<string, Entry>>();
  readonly document = new Map<string, Map<string, Entry>>();

  scoped(map: Map<string, Map<string, Entry>>, key: string): Map<string, Entry> {
    let store = map.get(key);
    if (store === undefined) {
      store = new Map();
      map.set(key, store);
    }
    return store;
  }
}

export class Cache {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly store: Map<string, Entry>,
  ) {}

  get(key: string): string | null {
    this.ctx.call('Cache.get', S);
    return this.read(String(key));
  }

  getAll(keys: string[]): Record<string, string> {
    this.ctx.call('Cache.getAll', S);
    const out: Record<string, string> = {};
    for (const key of keys) {
      const value = this.read(String(key));
      if (value !== null) out[key] = value;
    }
    return out;
  }

  /** Expiry defaults to 600 s and is capped at 6 hours; Apps Script may evict earlier, the emulator never does. */
  put(key: string, value: string, expirationInSeconds?: number): void {
    this.ctx.call('Cache.put', S);
    this.write(String(key), value, expirationInSeconds);
  }

  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    this.ctx.call('Cache.putAll', S);
    for (const [key, value] of Object.entries(values)) this.check(key, String(value));
    for (const [key, value] of Object.entries(values)) this.write(key, value, expirationInSeconds);
  }

  remove(key: string): void {
    this.ctx.call('Cache.remove', S);
    this.store.delete(String(key));
  }

  removeAll(keys: string[]): void {
    this.ctx.call('Cache.removeAll', S);
    for (const key of keys) this.store.delete(String(key));
  }

  private read(key: string): string | null {
    const entry = this.store.get(key);
    if (entry === undefined) return null;
    if (entry.expiresAt <= this.ctx.clock.now()) {
      this.store.delete(key);
      return null;
    }
    return entry.value;
  }

  private check(key: string, value: string): void {
    if (key.length > KEY_LIMIT_CHARS) throw this.ctx.error('Argument too large: key');
    if (Buffer.byteLength(value, 'utf8') > VALUE_LIMIT_BYTES)
      throw this.ctx.error('Argument too large: value');
  }

  private write(key: string, raw: unknown, seconds: number | undefined): void {
    const value = String(raw);
    this.check(key, value);
    const ttl = Math.min(Math.max(seconds ?? DEFAULT_SECONDS, 1), MAX_SECONDS);
    this.store.set(key, { value, expiresAt: this.ctx.clock.now() + ttl * 1000 });
  }
}

export class CacheService {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly stores: CacheStores,
    private readonly documentId: string | null,
  ) {}

  getScriptCache(): Cache {
    this.ctx.call('CacheService.getScriptCache', S);
    return new Cache(this.ctx, this.stores.script);
  }

  getUserCache(): Cache {
    this.ctx.call('CacheService.getUserCache', S);
    return new Cache(this.ctx, this.stores.scoped(this.stores.user, this.ctx.user));
  }

  /** null outside a containing document. */
  getDocumentCache(): Cache | null {
    this.ctx.call('CacheService.getDocumentCache', S);
    return this.documentId === null || !this.ctx.activeSpreadsheetAvailable
      ? null
      : new Cache(this.ctx, this.stores.scoped(this.stores.document, this.documentId));
  }
}
