// What every sidebar section may use: the server state, the draft being edited and the shared actions.
import type { ScoringModel } from '../engine/model';
import type { SidebarState } from '../shared/sidebar-rpc';

export interface App {
  /** The latest state from the server (headers, setup, schedule, templates, saved model). */
  state: SidebarState;
  /** The model being edited; it may hold what the user typed (invalid values) until it validates. */
  draft: ScoringModel;
  /** Open <details> sections and groups, kept across re-renders. */
  openKeys: Set<string>;
  /** A value changed in place: validate and schedule a preview; the DOM stays (focus is kept). */
  edited(): void;
  /** Something was added, removed or moved: re-render the editors, then as `edited`. */
  restructured(): void;
  /** Replaces the whole draft (template, import, discard). */
  replaceDraft(model: ScoringModel, note: string): void;
  /** Replaces the server state (after setup or schedule changes). */
  replaceState(state: SidebarState): void;
  /** Runs a server call with the busy state on; failures are shown and resolve to undefined. */
  run<T>(busyText: string, task: () => Promise<T>): Promise<T | undefined>;
  /** Moves keyboard focus to the control with this data-key after the next render. */
  focusKey(key: string): void;
  /** A short line in the status bar (announced to screen readers). */
  notify(text: string): void;
}

/** A deep copy through JSON: drafts are plain data, and sharing objects with the saved model would leak edits. */
export function cloneModel(model: ScoringModel): ScoringModel {
  return JSON.parse(JSON.stringify(model)) as ScoringModel;
}

/** Every id in the model (groups, rules, disqualifiers), for making new unique ones. */
export function usedIds(model: ScoringModel): Set<string> {
  const ids = new Set<string>();
  for (const group of model.groups) {
    ids.add(group.id);
    for (const rule of group.rules) ids.add(rule.id);
  }
  for (const disqualifier of model.disqualifiers) ids.add(disqualifier.id);
  return ids;
}

export function uniqueId(model: ScoringModel, base: string): string {
  const ids = usedIds(model);
  const stem =
    base
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'rule';
  if (!ids.has(stem)) return stem;
  for (let n = 2; ; n++) if (!ids.has(`${stem}-${n}`)) return `${stem}-${n}`;
}
