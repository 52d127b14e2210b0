// PropertiesService: script, user and document stores of strings, with the 9 KB value and 500 KB store limits.
import { Access, type EmulatorContext } from './context';

const S = Access.STORE;
export const VALUE_LIMIT_BYTES = 9 * 1024;
export const STORE_LIMIT_BYTES = 500 * 1024;

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Every store, keyed so several users and documents can be modelled; tests may read them directly. */
export class PropertyStores {
  readonly script = new Map<string, string>();
  readonly user = new Map<string, Map<string, string>>();
  readonly document = new Map<string, Map<string, string>>();

  userStore(email: string): Map<string, string> {
    return getOrCreate(this.user, email);
  }

  documentStore(id: string): Map<string, string> {
    return getOrCreate(this.document, id);
  }
}

function getOrCreate(map: Map<string, Map<string, string>>, key: string): Map<string, string> {
  let store = map.get(key);
  if (store === undefined) {
    store = new Map();
    map.set(key, store);
  }
  return store;
}

export class Properties {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly store: Map<string, string>,
  ) {}

  getProperty(key: string): string | null {
    this.ctx.call('Properties.getProperty', S);
    return this.store.get(String(key)) ?? null;
  }

  /** Values are stored as strings, like Apps Script (String(value)). */
  setProperty(key: string, value: unknown): Properties {
    this.ctx.call('Properties.setProperty', S);
    this.put([[String(key), String(value)]], false);
    return this;
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): Properties {
    this.ctx.call('Properties.setProperties', S);
    this.put(
      Object.keys(properties).map((key) => [key, String(properties[key])]),
      deleteAllOthers,
    );
    return this;
  }

  getProperties(): Record<string, string> {
    this.ctx.call('Properties.getProperties', S);
    return Object.fromEntries(this.store);
  }

  getKeys(): string[] {
    this.ctx.call('Properties.getKeys', S);
    return [...this.store.keys()];
  }

  deleteProperty(key: string): Properties {
    this.ctx.call('Properties.deleteProperty', S);
    this.store.delete(String(key));
    return this;
  }

  deleteAllProperties(): Properties {
    this.ctx.call('Properties.deleteAllProperties', S);
    this.store.clear();
    return this;
  }

  /** All-or-nothing: a write that breaks a limit changes nothing. */
  private put(entries: [string, string][], deleteAllOthers: boolean): void {
    for (const [, value] of entries) {
      if (bytes(value) > VALUE_LIMIT_BYTES) throw this.ctx.error('Argument too large: value');
    }
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.store);
    for (const [key, value] of entries) next.set(key, value);
    let total = 0;
    for (const [key, value] of next) total += bytes(key) + bytes(value);
    if (total > STORE_LIMIT_BYTES) {
      throw this.ctx.error(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    this.store.clear();
    for (const [key, value] of next) this.store.set(key, value);
  }
}

export class PropertiesService {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly stores: PropertyStores,
    private readonly documentId: string | null,
  ) {}

  getScriptProperties(): Properties {
    this.ctx.call('PropertiesService.getScriptProperties', S);
    return new Properties(this.ctx, this.stores.script);
  }

  getUserProperties(): Properties {
    this.ctx.call('PropertiesService.getUserProperties', S);
    return new Properties(this.ctx, this.stores.userStore(this.ctx.user));
  }

  /** null when the script is neither an add-on nor bound to a document. */
  getDocumentProperties(): Properties | null {
    this.ctx.call('PropertiesService.getDocumentProperties', S);
    return this.documentId === null || !this.ctx.activeSpreadsheetAvailable
      ? null
      : new Properties(this.ctx, this.stores.documentStore(this.documentId));
  }
}
