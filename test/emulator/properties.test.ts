// PropertiesService and CacheService: strings only, size limits, scopes, expiry on the emulator clock.
import { createEmulator } from './index';

describe('PropertiesService', () => {
  it('stores every value as a string and returns null for a missing key', () => {
    const emulator = createEmulator();
    const props = emulator.globals.PropertiesService.getDocumentProperties();
    props?.setProperty('cursor', 42).setProperties({ on: true, at: 1.5 });
    expect(props?.getProperty('cursor')).toBe('42');
    expect(props?.getProperties()).toEqual({ cursor: '42', on: 'true', at: '1.5' });
    expect(props?.getProperty('missing')).toBeNull();
    props?.deleteProperty('on');
    expect(props?.getKeys().sort()).toEqual(['at', 'cursor']);
    props?.setProperties({ only: 'x' }, true);
    expect(props?.getKeys()).toEqual(['only']);
  });

  it('refuses a value over 9 KB', () => {
    const props = createEmulator().globals.PropertiesService.getScriptProperties();
    expect(() => props.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
    expect(() => props.setProperty('ok', 'x'.repeat(9 * 1024))).not.toThrow();
  });

  it('refuses to grow a store past 500 KB and leaves it unchanged', () => {
    const props = createEmulator().globals.PropertiesService.getUserProperties();
    let written = 0;
    expect(() => {
      for (;;) {
        props.setProperty(`k${written}`, 'y'.repeat(9000));
        written++;
      }
    }).toThrow('You have exceeded the property storage quota. Please remove some properties and try again.');
    expect(written).toBeGreaterThan(50);
    expect(written).toBeLessThan(60);
    expect(props.getProperty(`k${written}`)).toBeNull();
  });

  it('keeps document, user and script stores apart', () => {
    const emulator = createEmulator();
    const service = emulator.globals.PropertiesService;
    service.getDocumentProperties()?.setProperty('k', 'doc');
    service.getUserProperties().setProperty('k', 'user');
    expect(service.getScriptProperties().getProperty('k')).toBeNull();
    emulator.setUser('someone@example.com');
    expect(service.getUserProperties().getProperty('k')).toBeNull();
    expect(service.getDocumentProperties()?.getProperty('k')).toBe('doc');
    expect(createEmulator({ bound: false }).globals.PropertiesService.getDocumentProperties()).toBeNull();
  });
});

describe('CacheService', () => {
  it('expires entries on the emulator clock (default 600 s)', () => {
    const emulator = createEmulator({ startTime: 0 });
    const cache = emulator.globals.CacheService.getDocumentCache();
    cache?.put('a', 'x');
    cache?.put('b', 'y', 60);
    emulator.clock.advance(60_000);
    expect(cache?.getAll(['a', 'b'])).toEqual({ a: 'x' });
    emulator.clock.advance(540_000);
    expect(cache?.get('a')).toBeNull();
  });

  it('enforces the 250-character key and 100 KB value limits', () => {
    const cache = createEmulator().globals.CacheService.getScriptCache();
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
    expect(() => cache.put('k', 'v'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
    expect(() => cache.putAll({ a: 'ok', b: 'v'.repeat(100 * 1024 + 1) })).toThrow(
      'Argument too large: value',
    );
    expect(cache.get('a')).toBeNull();
  });

  it('removes entries and stores values as strings', () => {
    const cache = createEmulator().globals.CacheService.getUserCache();
    cache.putAll({ a: '1', b: '2' });
    cache.put('n', 5 as unknown as string);
    expect(cache.get('n')).toBe('5');
    cache.removeAll(['a', 'n']);
    cache.remove('b');
    expect(cache.getAll(['a', 'b', 'n'])).toEqual({});
  });
});
