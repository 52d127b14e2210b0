// Puts each validation issue next to the field it concerns (by model path), or in a list at the top.
import type { RpcIssue } from '../shared/sidebar-rpc';
import { clear, h, uid } from './dom';

/** The element whose data-path is the longest prefix of the issue's path, if any is on the page. */
function targetFor(root: ParentNode, path: readonly (string | number)[]): HTMLElement | null {
  for (let length = path.length; length > 0; length--) {
    const key = path.slice(0, length).join('.');
    const found = root.querySelector<HTMLElement>(`[data-path="${CSS.escape(key)}"]`);
    if (found) return found;
  }
  return null;
}

export function clearIssues(root: ParentNode): void {
  for (const element of Array.from(root.querySelectorAll('.field-error[data-issue]'))) element.remove();
  for (const element of Array.from(root.querySelectorAll('[aria-invalid="true"]'))) {
    element.removeAttribute('aria-invalid');
    element.removeAttribute('aria-describedby');
  }
  for (const element of Array.from(root.querySelectorAll('.has-error')))
    element.classList.remove('has-error');
}

/** Shows issues beside their fields; returns how many had no field and went to `fallback`. */
export function showIssues(root: ParentNode, fallback: HTMLElement, issues: readonly RpcIssue[]): number {
  clearIssues(root);
  clear(fallback);
  let unplaced = 0;
  for (const issue of issues) {
    const target = targetFor(root, issue.path);
    if (!target) {
      unplaced++;
      fallback.appendChild(
        h('li', { text: issue.where ? `${issue.where}: ${issue.message}` : issue.message }),
      );
      continue;
    }
    const isField = target.classList.contains('field');
    const label = isField ? target.querySelector('label')?.textContent : null;
    const text = label
      ? `${label} ${issue.message}`
      : issue.where
        ? `${issue.where}: ${issue.message}`
        : issue.message;
    const id = uid('err');
    const message = h('div', { className: 'field-error', text, attrs: { id } });
    message.dataset.issue = issue.path.join('.');
    target.classList.add('has-error');
    target.appendChild(message);
    const control = isField ? target.querySelector<HTMLElement>('input, select, textarea') : null;
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', id);
    }
  }
  fallback.hidden = unplaced === 0;
  return unplaced;
}
