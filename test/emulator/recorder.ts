// What the emulated UI, Logger and MailApp did, kept for assertions (menus built, sidebars shown, toasts, mail).

export type MenuEntry =
  | { kind: 'item'; label: string; handler: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; label: string; entries: MenuEntry[] };

export interface RecordedMenu {
  /** The caption for createMenu; for createAddonMenu, the add-on's name (Sheets uses its store name). */
  name: string;
  addon: boolean;
  entries: MenuEntry[];
}

export interface RecordedHtml {
  title: string;
  content: string;
  width: number | null;
  height: number | null;
}

export interface RecordedDialog extends RecordedHtml {
  kind: 'sidebar' | 'modal' | 'modeless';
  dialogTitle: string | null;
}

export interface RecordedAlert {
  title: string | null;
  prompt: string;
  buttons: string;
  answer: string;
}

export interface RecordedToast {
  message: string;
  title: string;
  timeoutSeconds: number;
}

export interface SentMail {
  to: string;
  subject: string;
  body: string;
  htmlBody?: string;
  cc?: string;
  bcc?: string;
  name?: string;
  replyTo?: string;
}

export interface ScriptedPrompt {
  text: string;
  button: string;
}

export class Recorder {
  readonly menus: RecordedMenu[] = [];
  /** Sidebars and dialogs in the order shown; the last one is what the user sees. */
  readonly dialogs: RecordedDialog[] = [];
  readonly alerts: RecordedAlert[] = [];
  readonly toasts: RecordedToast[] = [];
  readonly logs: string[] = [];
  readonly mail: SentMail[] = [];
  /** Answers alert() returns, oldest first (button names: 'OK', 'YES', 'NO', 'CANCEL', 'CLOSE'). */
  readonly alertAnswers: string[] = [];
  readonly promptAnswers: ScriptedPrompt[] = [];

  get sidebars(): RecordedDialog[] {
    return this.dialogs.filter((dialog) => dialog.kind === 'sidebar');
  }

  /** The menu named `name`, or the add-on menu when no name is given. */
  menu(name?: string): RecordedMenu | undefined {
    return this.menus.find((menu) => (name === undefined ? menu.addon : menu.name === name));
  }

  /** Scripts what the next alert() returns. */
  answerAlert(button: string): void {
    this.alertAnswers.push(button);
  }

  /** Scripts what the next prompt() returns. */
  answerPrompt(text: string, button = 'OK'): void {
    this.promptAnswers.push({ text, button });
  }

  clear(): void {
    for (const list of [this.menus, this.dialogs, this.alerts, this.toasts, this.logs, this.mail])
      list.length = 0;
  }
}
