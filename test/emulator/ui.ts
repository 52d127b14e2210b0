// Ui: menus (the only Ui use allowed in AuthMode.NONE), sidebars and dialogs, alerts and prompts with scripted answers.
import { Access, type EmulatorContext } from './context';
import { Button, ButtonSet, enumName } from './enums';
import { HtmlOutput } from './html-service';
import type { MenuEntry, RecordedDialog } from './recorder';

const MENU = Access.MENU;

export class Menu {
  readonly entries: MenuEntry[] = [];

  constructor(
    private readonly ctx: EmulatorContext,
    readonly name: string,
    private readonly addon: boolean,
  ) {}

  addItem(caption: string, functionName: string): Menu {
    this.ctx.call('Menu.addItem', MENU);
    this.entries.push({ kind: 'item', label: String(caption), handler: String(functionName) });
    return this;
  }

  addSeparator(): Menu {
    this.ctx.call('Menu.addSeparator', MENU);
    this.entries.push({ kind: 'separator' });
    return this;
  }

  addSubMenu(menu: Menu): Menu {
    this.ctx.call('Menu.addSubMenu', MENU);
    this.entries.push({ kind: 'submenu', label: menu.name, entries: [...menu.entries] });
    return this;
  }

  /** Re-adding a menu of the same name replaces it, as reopening the file rebuilds menus. */
  addToUi(): void {
    this.ctx.call('Menu.addToUi', MENU);
    const menus = this.ctx.recorder.menus;
    const index = menus.findIndex((menu) => menu.addon === this.addon && menu.name === this.name);
    const recorded = { name: this.name, addon: this.addon, entries: [...this.entries] };
    if (index >= 0) menus[index] = recorded;
    else menus.push(recorded);
  }
}

export class PromptResponse {
  constructor(
    private readonly text: string,
    private readonly button: string,
  ) {}

  getResponseText(): string {
    return this.text;
  }

  getSelectedButton(): unknown {
    return Button[this.button as keyof typeof Button];
  }
}

export class Ui {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly addonName: string,
  ) {}

  createAddonMenu(): Menu {
    this.ctx.call('Ui.createAddonMenu', MENU);
    return new Menu(this.ctx, this.addonName, true);
  }

  createMenu(caption: string): Menu {
    this.ctx.call('Ui.createMenu', MENU);
    return new Menu(this.ctx, String(caption), false);
  }

  showSidebar(userInterface: HtmlOutput): void {
    this.ctx.call('Ui.showSidebar', Access.DIALOG);
    this.record('sidebar', userInterface, null);
  }

  showModalDialog(userInterface: HtmlOutput, title: string): void {
    this.ctx.call('Ui.showModalDialog', Access.DIALOG);
    this.record('modal', userInterface, title);
  }

  showModelessDialog(userInterface: HtmlOutput, title: string): void {
    this.ctx.call('Ui.showModelessDialog', Access.DIALOG);
    this.record('modeless', userInterface, title);
  }

  /** alert(prompt), alert(prompt, buttons) or alert(title, prompt, buttons); returns the next scripted answer or OK. */
  alert(a: string, b?: unknown, c?: unknown): unknown {
    this.ctx.call('Ui.alert', Access.UI);
    const [title, prompt, buttons] =
      c !== undefined
        ? [String(a), String(b), c]
        : typeof b === 'string'
          ? [String(a), b, ButtonSet.OK]
          : [null, String(a), b ?? ButtonSet.OK];
    const answer = this.ctx.recorder.alertAnswers.shift() ?? 'OK';
    this.ctx.recorder.alerts.push({ title, prompt, buttons: enumName(buttons), answer });
    return Button[answer as keyof typeof Button];
  }

  /** prompt(prompt), prompt(prompt, buttons) or prompt(title, prompt, buttons); answers come from recorder.answerPrompt. */
  prompt(a: string, b?: unknown, c?: unknown): PromptResponse {
    this.ctx.call('Ui.prompt', Access.UI);
    const [title, prompt, buttons] =
      c !== undefined
        ? [String(a), String(b), c]
        : typeof b === 'string'
          ? [String(a), b, ButtonSet.OK]
          : [null, String(a), b ?? ButtonSet.OK];
    const scripted = this.ctx.recorder.promptAnswers.shift() ?? { text: '', button: 'OK' };
    this.ctx.recorder.alerts.push({ title, prompt, buttons: enumName(buttons), answer: scripted.button });
    return new PromptResponse(scripted.text, scripted.button);
  }

  private record(kind: RecordedDialog['kind'], output: HtmlOutput, dialogTitle: string | null): void {
    if (!(output instanceof HtmlOutput)) throw this.ctx.error('Invalid argument: userInterface');
    // Add-on sidebars are fixed at 300 px whatever setWidth said; the requested width is kept for assertions.
    this.ctx.recorder.dialogs.push({ kind, dialogTitle, ...output.snapshot() });
  }
}
