// The LeadScore sidebar: loads the server state, edits a draft model, previews it live and applies it.
import type { ScoringModel } from '../engine/model';
import { validateModelDetailed } from '../engine/validate';
import type { RpcIssue, SidebarState } from '../shared/sidebar-rpc';
import { type App, cloneModel } from './app';
import { bandsSection } from './bands-editor';
import { calibrationSection } from './calibration-section';
import { decaySection } from './decay-editor';
import { button, clear, h } from './dom';
import { importExportSection } from './import-export';
import { type PreviewPanel, previewPanel } from './preview-panel';
import { call, errorMessage } from './rpc';
import { rulesSection } from './rules-editor';
import { scheduleSection } from './schedule-section';
import { setupSection } from './setup-section';
import { sqlExportSection } from './sql-export-section';
import { showIssues } from './validation';

const PREVIEW_DELAY_MS = 400;

class Sidebar implements App {
  state: SidebarState;
  draft: ScoringModel;
  openKeys = new Set<string>(['preview', 'rules']);
  private saved: string;
  private issues: RpcIssue[] = [];
  private busy = 0;
  private previewTimer: ReturnType<typeof setTimeout> | undefined;
  private previewSeq = 0;
  private rowSeq = 0;
  private pendingFocus: string | null = null;
  private readonly banner = h('div', {
    className: 'banner',
    attrs: { role: 'alert', 'data-testid': 'banner' },
  });
  private readonly issueList = h('ul', { className: 'issue-list', attrs: { 'data-testid': 'issues' } });
  private readonly editors = h('div', { className: 'editors' });
  private readonly statusLine = h('p', {
    className: 'status',
    attrs: { 'aria-live': 'polite', 'data-testid': 'status' },
  });
  private readonly draftState = h('span', {
    className: 'draft-state',
    attrs: { 'data-testid': 'draft-state' },
  });
  private readonly applyButton = button('Apply', () => void this.apply(), {
    className: 'action',
    key: 'apply',
  });
  private readonly discardButton = button('Discard', () => this.discard(), { key: 'discard' });
  private panel: PreviewPanel;
  private readonly panelSlot = h('div');

  constructor(
    private readonly root: HTMLElement,
    state: SidebarState,
  ) {
    this.state = state;
    this.draft = cloneModel(state.model);
    this.saved = JSON.stringify(state.model);
    this.panel = this.makePanel();
    this.applyButton.dataset.testid = 'apply';
    clear(root);
    this.banner.hidden = true;
    this.issueList.hidden = true;
    root.append(
      this.banner,
      this.issueList,
      this.panelSlot,
      this.editors,
      h(
        'footer',
        { className: 'footer' },
        this.statusLine,
        h('div', { className: 'footer-buttons' }, this.draftState, this.discardButton, this.applyButton),
      ),
    );
    if (state.issues.length > 0) {
      this.showBanner(
        `The rules sheet has ${state.issues.length} problem(s); the editor starts from a usable model. ${state.issues
          .slice(0, 3)
          .map((issue) => `${issue.where}: ${issue.message}`)
          .join('; ')}`,
      );
    }
    this.render();
    this.edited();
  }

  private makePanel(): PreviewPanel {
    const panel = previewPanel(this.openKeys, () => void this.testRow(), this.state.setup.headerRow + 1);
    clear(this.panelSlot);
    this.panelSlot.appendChild(panel.element);
    return panel;
  }

  /** Re-renders the editors, keeping keyboard focus on the same control (controls carry data-key). */
  private render(): void {
    const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const focusKey = this.pendingFocus ?? active?.dataset.key ?? null;
    const sectionKey = active?.closest<HTMLElement>('details.section')?.dataset.section ?? null;
    this.pendingFocus = null;
    clear(this.editors);
    this.editors.append(
      setupSection(this),
      rulesSection(this),
      bandsSection(this),
      decaySection(this),
      scheduleSection(this),
      calibrationSection(this),
      importExportSection(this),
      sqlExportSection(this),
    );
    const find = (key: string) => this.root.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    const target = (focusKey && find(focusKey)) || (sectionKey && find(`section:${sectionKey}`)) || null;
    if (target && target !== document.activeElement) target.focus();
  }

  focusKey(key: string): void {
    const found = this.root.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    if (found) found.focus();
    else this.pendingFocus = key;
  }

  edited(): void {
    const result = validateModelDetailed(this.draft);
    this.issues = result.ok
      ? []
      : result.issues.map((issue) => ({ path: [...issue.path], where: issue.where, message: issue.message }));
    showIssues(this.editors, this.issueList, this.issues);
    this.updateFooter();
    if (this.issues.length > 0) {
      clearTimeout(this.previewTimer);
      this.previewSeq++;
      this.panel.status(
        `Fix ${this.issues.length === 1 ? 'the problem' : `${this.issues.length} problems`} marked in red to see a preview.`,
      );
      return;
    }
    this.panel.status('Updating preview…');
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => void this.preview(), PREVIEW_DELAY_MS);
  }

  restructured(): void {
    this.render();
    this.edited();
  }

  replaceDraft(model: ScoringModel, note: string): void {
    this.draft = cloneModel(model);
    this.restructured();
    this.notify(note);
  }

  replaceState(state: SidebarState): void {
    this.state = state;
    this.saved = JSON.stringify(state.model);
    this.panel = this.makePanel();
    this.restructured();
  }

  notify(text: string): void {
    this.statusLine.textContent = text;
  }

  async run<T>(busyText: string, task: () => Promise<T>): Promise<T | undefined> {
    this.busy++;
    this.root.setAttribute('aria-busy', 'true');
    this.notify(busyText);
    this.hideBanner();
    this.updateFooter();
    try {
      return await task();
    } catch (error) {
      this.showBanner(errorMessage(error));
      this.notify('');
      return undefined;
    } finally {
      this.busy--;
      if (this.busy === 0) this.root.removeAttribute('aria-busy');
      this.updateFooter();
    }
  }

  private showBanner(text: string): void {
    this.banner.textContent = text;
    this.banner.hidden = false;
  }

  private hideBanner(): void {
    this.banner.hidden = true;
    this.banner.textContent = '';
  }

  private dirty(): boolean {
    return JSON.stringify(this.draft) !== this.saved;
  }

  private updateFooter(): void {
    const invalid = this.issues.length > 0;
    this.applyButton.disabled = invalid || this.busy > 0;
    this.applyButton.textContent = this.busy > 0 ? 'Working…' : 'Apply';
    this.discardButton.disabled = this.busy > 0 || !this.dirty();
    this.applyButton.title = invalid
      ? 'Fix the problems marked in red first'
      : 'Save the rules, rescore and recolour the leads';
    this.draftState.textContent = invalid
      ? `${this.issues.length} problem${this.issues.length === 1 ? '' : 's'}`
      : this.dirty()
        ? 'Unsaved changes'
        : 'Saved';
    this.draftState.classList.toggle('bad', invalid);
  }

  private async preview(): Promise<void> {
    const seq = ++this.previewSeq;
    try {
      const result = await call('sidebarPreview', { draft: this.draft });
      if (seq !== this.previewSeq) return;
      if (!result.ok) {
        this.issues = result.issues;
        showIssues(this.editors, this.issueList, this.issues);
        this.updateFooter();
        this.panel.status('The server found problems in the draft.');
        return;
      }
      this.panel.show(result);
      this.panel.status(
        result.bandCountsBefore.length > 0
          ? `Draft scored on ${result.scored} leads, compared with the saved rules.`
          : `Draft scored on ${result.scored} leads (no saved rules to compare with yet).`,
      );
      if (this.panel.testRow() !== null) await this.testRow();
    } catch (error) {
      if (seq === this.previewSeq) this.panel.status(`Preview failed: ${errorMessage(error)}`);
    }
  }

  private async testRow(): Promise<void> {
    const row = this.panel.testRow();
    if (row === null) {
      this.panel.rowMessage(`Enter a sheet row number, ${this.state.setup.headerRow + 1} or more.`);
      return;
    }
    if (this.issues.length > 0) {
      this.panel.rowMessage('Fix the problems marked in red first.');
      return;
    }
    const seq = ++this.rowSeq;
    this.panel.rowMessage(`Scoring row ${row}…`);
    try {
      const result = await call('sidebarTestRow', { draft: this.draft, row });
      if (seq !== this.rowSeq) return;
      if (result.ok) this.panel.showRow(result);
      else this.panel.rowMessage(result.issues.map((issue) => issue.message).join(' '));
    } catch (error) {
      if (seq === this.rowSeq) this.panel.rowMessage(errorMessage(error));
    }
  }

  private async apply(): Promise<void> {
    if (this.issues.length > 0 || this.busy > 0) return;
    const result = await this.run('Applying: saving rules, rescoring, recolouring…', () =>
      call('sidebarApply', { draft: this.draft }),
    );
    if (!result) return;
    if (!result.ok) {
      this.issues = result.issues;
      showIssues(this.editors, this.issueList, this.issues);
      this.updateFooter();
      return;
    }
    this.state = { ...this.state, model: result.model, saved: true, issues: [] };
    this.saved = JSON.stringify(result.model);
    this.draft = cloneModel(result.model);
    this.restructured();
    this.notify(result.summary);
  }

  private discard(): void {
    this.draft = cloneModel(this.state.model);
    this.hideBanner();
    this.restructured();
    this.notify('Back to the saved rules.');
  }
}

async function boot(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  clear(root);
  root.appendChild(h('p', { className: 'loading', text: 'Loading your rules and leads…' }));
  try {
    const state = await call('sidebarGetState');
    new Sidebar(root, state);
  } catch (error) {
    clear(root);
    root.append(
      h('div', {
        className: 'banner',
        text: errorMessage(error),
        attrs: { role: 'alert', 'data-testid': 'banner' },
      }),
      button('Try again', () => void boot(), { className: 'action' }),
    );
  }
}

void boot();
