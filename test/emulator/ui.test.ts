// Ui and HtmlService: recorded menus, sidebars and dialogs, scripted alerts and prompts, HTML files and templates.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator } from './index';

function htmlDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'emulator-html-'));
  writeFileSync(join(dir, 'Sidebar.html'), '<h1>LeadScore</h1>');
  mkdirSync(join(dir, 'ui'));
  writeFileSync(join(dir, 'ui', 'Help.html'), '<p>Help</p>');
  writeFileSync(join(dir, 'Page.html'), '<p><?= name ?></p><? if (show) { ?><b><?!= raw ?></b><? } ?>');
  return dir;
}

describe('Ui', () => {
  it('records add-on menus, replacing a menu rebuilt by a second onOpen', () => {
    const emulator = createEmulator({ addonName: 'LeadScore' });
    const ui = emulator.globals.SpreadsheetApp.getUi();
    const sub = ui.createMenu('More').addItem('Help', 'showHelp');
    ui.createAddonMenu().addItem('Score now', 'scoreNow').addSubMenu(sub).addToUi();
    ui.createAddonMenu().addItem('Score now', 'scoreNow').addToUi();
    expect(emulator.ui.menus).toEqual([
      {
        name: 'LeadScore',
        addon: true,
        entries: [{ kind: 'item', label: 'Score now', handler: 'scoreNow' }],
      },
    ]);
  });

  it('records sidebars with their HTML and title', () => {
    const emulator = createEmulator({ htmlDir: htmlDir() });
    const g = emulator.globals;
    g.SpreadsheetApp.getUi().showSidebar(
      g.HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Lead scoring').setWidth(500),
    );
    expect(emulator.ui.sidebars).toEqual([
      {
        kind: 'sidebar',
        dialogTitle: null,
        title: 'Lead scoring',
        content: '<h1>LeadScore</h1>',
        width: 500,
        height: null,
      },
    ]);
    g.SpreadsheetApp.getUi().showModalDialog(g.HtmlService.createHtmlOutputFromFile('ui/Help'), 'Help');
    expect(emulator.ui.dialogs[1]?.kind).toBe('modal');
  });

  it('answers alerts and prompts from a script, OK by default', () => {
    const emulator = createEmulator();
    const ui = emulator.globals.SpreadsheetApp.getUi();
    emulator.ui.answerAlert('NO');
    expect(ui.alert('Replace rules?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(ui.alert('Done')).toBe(ui.Button.OK);
    emulator.ui.answerPrompt('Hot leads');
    const response = ui.prompt('Name', 'Band name?', ui.ButtonSet.OK_CANCEL);
    expect([response.getResponseText(), response.getSelectedButton()]).toEqual(['Hot leads', ui.Button.OK]);
    expect(emulator.ui.alerts.map((a) => [a.title, a.prompt, a.buttons, a.answer])).toEqual([
      [null, 'Replace rules?', 'YES_NO', 'NO'],
      [null, 'Done', 'OK', 'OK'],
      ['Name', 'Band name?', 'OK_CANCEL', 'OK'],
    ]);
  });
});

describe('HtmlService', () => {
  it('reports a missing file like Apps Script', () => {
    const emulator = createEmulator({ htmlDir: htmlDir() });
    expect(() => emulator.globals.HtmlService.createHtmlOutputFromFile('Nope')).toThrow(
      'No HTML file named Nope was found.',
    );
  });

  it('evaluates templates: <?= ?> escapes, <?!= ?> does not, <? ?> runs code', () => {
    const emulator = createEmulator({ htmlDir: htmlDir() });
    const template = emulator.globals.HtmlService.createTemplateFromFile('Page');
    template.name = '<script>x</script>';
    template.show = true;
    template.raw = '<i>ok</i>';
    expect(template.evaluate().getContent()).toBe('<p>&lt;script&gt;x&lt;/script&gt;</p><b><i>ok</i></b>');
  });

  it('builds outputs from strings', () => {
    const output = createEmulator()
      .globals.HtmlService.createHtmlOutput('<p>a</p>')
      .append('<p>b</p>')
      .setTitle('T');
    expect([output.getContent(), output.getTitle()]).toEqual(['<p>a</p><p>b</p>', 'T']);
  });
});
