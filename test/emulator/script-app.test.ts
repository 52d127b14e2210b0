// ScriptApp triggers: creation, listing, deletion, the add-on restrictions, and firing them.
import vm from 'node:vm';
import { variantsOf } from './behaviours';
import { createEmulator } from './index';

describe('installable triggers', () => {
  it('creates, lists and deletes an hourly time-driven trigger', () => {
    const emulator = createEmulator({ userTriggersListTimeDriven: true });
    const app = emulator.globals.ScriptApp;
    const trigger = app.newTrigger('refreshScores').timeBased().everyHours(1).create();
    expect(trigger.getHandlerFunction()).toBe('refreshScores');
    expect(trigger.getEventType()).toBe(app.EventType.CLOCK);
    expect(trigger.getTriggerSource()).toBe(app.TriggerSource.CLOCK);
    const mine = app.getUserTriggers(emulator.spreadsheet);
    expect(mine.map((t) => t.getUniqueId())).toEqual([trigger.getUniqueId()]);
    app.deleteTrigger(mine[0] ?? trigger);
    expect(app.getProjectTriggers()).toHaveLength(0);
  });

  it.each(variantsOf('userTriggersListTimeDriven'))(
    'getUserTriggers(ss) with %s: spreadsheet triggers always, time triggers per the variant; getProjectTriggers lists both',
    (_label, options) => {
      const emulator = createEmulator(options);
      const app = emulator.globals.ScriptApp;
      const clock = app.newTrigger('refreshScores').timeBased().everyHours(1).create();
      const change = app.newTrigger('onChange').forSpreadsheet(emulator.spreadsheet).onChange().create();
      const listed = app.getUserTriggers(emulator.spreadsheet).map((t) => t.getUniqueId());
      expect(listed).toEqual(
        options.userTriggersListTimeDriven
          ? [clock.getUniqueId(), change.getUniqueId()]
          : [change.getUniqueId()],
      );
      expect(app.getProjectTriggers().map((t) => t.getUniqueId())).toEqual([
        clock.getUniqueId(),
        change.getUniqueId(),
      ]);
    },
  );

  it.each(variantsOf('timeTriggerActiveSpreadsheet'))(
    'a time-driven trigger with %s: the active spreadsheet, document properties and lock follow the variant',
    (_label, options) => {
      const emulator = createEmulator(options);
      const context = vm.createContext({ ...emulator.globals });
      vm.runInContext(
        `var seen = null;
         function tick() {
           seen = [SpreadsheetApp.getActiveSpreadsheet() !== null, PropertiesService.getDocumentProperties() !== null,
                   LockService.getDocumentLock() !== null];
         }`,
        context,
      );
      emulator.attach(context);
      emulator.globals.ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
      emulator.fireTrigger('tick');
      const present = options.timeTriggerHasActiveSpreadsheet === true;
      expect(vm.runInContext('seen', context)).toEqual([present, present, present]);
      // A menu click always has its document.
      emulator.invoke('tick');
      expect(vm.runInContext('seen', context)).toEqual([true, true, true]);
    },
  );

  it('refuses everyMinutes in an add-on (more often than hourly)', () => {
    const emulator = createEmulator();
    expect(() => emulator.globals.ScriptApp.newTrigger('f').timeBased().everyMinutes(30)).toThrow(
      /once per hour/,
    );
    const script = createEmulator({ addon: false });
    expect(() => script.globals.ScriptApp.newTrigger('f').timeBased().everyMinutes(5).create()).not.toThrow();
    expect(() => script.globals.ScriptApp.newTrigger('f').timeBased().everyMinutes(7)).toThrow(
      /1, 5, 10, 15 or 30/,
    );
  });

  it('refuses a second trigger of the same type for the same document', () => {
    const emulator = createEmulator();
    const app = emulator.globals.ScriptApp;
    app.newTrigger('refreshScores').timeBased().everyHours(1).create();
    expect(() => app.newTrigger('other').timeBased().everyHours(6).create()).toThrow(
      'This add-on has created too many time-based triggers in this document for this Google user account.',
    );
    app.newTrigger('onChangeHandler').forSpreadsheet(emulator.spreadsheet).onChange().create();
    expect(() => app.newTrigger('x').forSpreadsheet(emulator.spreadsheet).onChange().create()).toThrow(
      /ON_CHANGE/,
    );
    app.newTrigger('onEditHandler').forSpreadsheet(emulator.spreadsheet).onEdit().create();
    expect(app.getProjectTriggers()).toHaveLength(3);
  });

  it('refuses triggers for another document in an add-on', () => {
    const emulator = createEmulator();
    expect(() => emulator.globals.ScriptApp.newTrigger('f').forSpreadsheet('another-id')).toThrow(
      /document in which/,
    );
  });

  it('caps triggers at 20 per user per script', () => {
    const emulator = createEmulator({ addon: false });
    const app = emulator.globals.ScriptApp;
    for (let i = 0; i < 20; i++) app.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    expect(() => app.newTrigger('f20').timeBased().everyHours(1).create()).toThrow(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    emulator.setUser('other@example.com');
    expect(app.getProjectTriggers()).toHaveLength(0);
    expect(() => app.newTrigger('f').timeBased().everyHours(1).create()).not.toThrow();
  });

  it('fires a trigger against an attached bundle in FULL mode with an event object, without a Ui', () => {
    const emulator = createEmulator({ authMode: 'NONE', timeTriggerHasActiveSpreadsheet: true });
    const context = vm.createContext({ ...emulator.globals });
    vm.runInContext(
      `var seen = [];
       function refreshScores(e) {
         seen.push([String(e.authMode), e.triggerUid, typeof SpreadsheetApp.getActiveSpreadsheet().getId()]);
         try { SpreadsheetApp.getUi(); } catch (error) { seen.push(error instanceof Error, error.message); }
       }`,
      context,
    );
    emulator.attach(context);
    const trigger = emulator.run(() =>
      emulator.globals.ScriptApp.newTrigger('refreshScores').timeBased().everyHours(1).create(),
    );
    emulator.fireTrigger('refreshScores');
    const seen = vm.runInContext('seen', context) as unknown[];
    expect(seen).toEqual([
      ['FULL', trigger.getUniqueId(), 'string'],
      true,
      'Cannot call SpreadsheetApp.getUi() from this context.',
    ]);
    expect(emulator.authMode()).toBe('NONE');
  });

  it('fireDueTriggers runs time-driven triggers when the clock reaches them', () => {
    const emulator = createEmulator({ startTime: 0 });
    const context = vm.createContext({ ...emulator.globals });
    vm.runInContext('var runs = 0; function refreshScores() { runs++; }', context);
    emulator.attach(context);
    emulator.globals.ScriptApp.newTrigger('refreshScores').timeBased().everyHours(1).create();
    expect(emulator.fireDueTriggers()).toBe(0);
    emulator.clock.advance(3_600_000);
    expect(emulator.fireDueTriggers()).toBe(1);
    expect(emulator.fireDueTriggers()).toBe(0);
    expect(vm.runInContext('runs', context)).toBe(1);
  });

  it("reports a missing handler with Apps Script's message", () => {
    const emulator = createEmulator();
    emulator.attach(vm.createContext({}));
    emulator.globals.ScriptApp.newTrigger('gone').timeBased().everyHours(1).create();
    expect(() => emulator.fireTrigger('gone')).toThrow('Script function not found: gone');
  });

  it('requireScopes throws for a declined scope and getAuthorizationInfo reports it', () => {
    const scope = 'https://www.googleapis.com/auth/script.scriptapp';
    const emulator = createEmulator({ declinedScopes: [scope] });
    const app = emulator.globals.ScriptApp;
    expect(() => app.requireScopes(app.AuthMode.FULL, [scope])).toThrow(/Authorization is required/);
    expect(app.getAuthorizationInfo(app.AuthMode.FULL).getAuthorizationStatus()).toBe(
      app.AuthorizationStatus.REQUIRED,
    );
    expect(
      createEmulator().globals.ScriptApp.getAuthorizationInfo(app.AuthMode.FULL).getAuthorizationStatus(),
    ).toBe(createEmulator().globals.ScriptApp.AuthorizationStatus.NOT_REQUIRED);
  });
});
