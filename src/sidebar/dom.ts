// Tiny DOM helpers: every string becomes a text node or textContent, so no data is ever parsed as HTML.

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  className?: string;
  text?: string;
  /** Attributes set with setAttribute (never event handlers: those go through `on`). */
  attrs?: Record<string, string>;
  on?: Partial<Record<keyof HTMLElementEventMap, (event: Event) => void>>;
}

let nextId = 0;

/** A fresh element id, for <label for> and aria-describedby. */
export function uid(prefix = 'f'): string {
  nextId++;
  return `${prefix}-${nextId}`;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className) element.className = props.className;
  if (props.text !== undefined) element.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    // Handlers given as attributes would be script from data; only `on` may attach behaviour.
    if (name.toLowerCase().startsWith('on')) continue;
    element.setAttribute(name, value);
  }
  for (const [event, handler] of Object.entries(props.on ?? {})) {
    if (handler) element.addEventListener(event, handler);
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function clear(element: Element): void {
  while (element.firstChild) element.removeChild(element.firstChild);
}

/** A labelled field; `path` (the model path it edits, "bands.1.min") is where validation messages land. */
export function field(
  label: string,
  control: HTMLElement,
  path?: string,
  className = 'field',
): HTMLDivElement {
  if (!control.id) control.id = uid();
  const wrapper = h('div', { className }, h('label', { text: label, attrs: { for: control.id } }), control);
  if (path !== undefined) wrapper.dataset.path = path;
  return wrapper;
}

export function button(
  text: string,
  onClick: () => void,
  options: { className?: string; title?: string; key?: string } = {},
): HTMLButtonElement {
  const attrs: Record<string, string> = { type: 'button' };
  if (options.title) {
    attrs.title = options.title;
    attrs['aria-label'] = options.title;
  }
  const element = h('button', { className: options.className ?? '', text, attrs, on: { click: onClick } });
  if (options.key) element.dataset.key = options.key;
  return element;
}

export function textInput(value: string, onInput: (value: string) => void, key?: string): HTMLInputElement {
  const input = h('input', { attrs: { type: 'text', autocomplete: 'off', spellcheck: 'false' } });
  input.value = value;
  input.addEventListener('input', () => onInput(input.value));
  if (key) input.dataset.key = key;
  return input;
}

/** A number box; what it reports is the raw text, so a half-typed "-" is still validated, not dropped. */
export function numberInput(value: unknown, onInput: (raw: string) => void, key?: string): HTMLInputElement {
  const input = h('input', { attrs: { type: 'number', step: 'any', inputmode: 'decimal' } });
  input.value = value === undefined || value === null ? '' : String(value);
  input.addEventListener('input', () => onInput(input.value));
  if (key) input.dataset.key = key;
  return input;
}

export interface Option {
  value: string;
  text: string;
}

export function select(
  options: readonly (Option | { group: string; options: readonly Option[] })[],
  value: string,
  onChange: (value: string) => void,
  key?: string,
): HTMLSelectElement {
  const element = h('select');
  const add = (parent: HTMLElement, option: Option): void => {
    const node = h('option', { text: option.text });
    node.value = option.value;
    parent.appendChild(node);
  };
  for (const entry of options) {
    if ('group' in entry) {
      if (entry.options.length === 0) continue;
      const group = h('optgroup');
      group.label = entry.group;
      for (const option of entry.options) add(group, option);
      element.appendChild(group);
    } else add(element, entry);
  }
  element.value = value;
  element.addEventListener('change', () => onChange(element.value));
  if (key) element.dataset.key = key;
  return element;
}

export function checkbox(
  label: string,
  checked: boolean,
  onChange: (checked: boolean) => void,
  key?: string,
): HTMLLabelElement {
  const input = h('input', { attrs: { type: 'checkbox' } });
  input.checked = checked;
  input.addEventListener('change', () => onChange(input.checked));
  if (key) input.dataset.key = key;
  return h('label', { className: 'check' }, input, label);
}

/** A raw number-box text as the draft holds it: a number when it is one, else the text for validation to name. */
export function parseNumber(raw: string): number | string {
  const trimmed = raw.trim();
  if (trimmed === '') return '';
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

/** Sets a draft field that may hold what the user typed rather than its typed value (validation reports it). */
export function setField(target: object, key: string, value: unknown): void {
  if (value === undefined) Reflect.deleteProperty(target, key);
  else Reflect.set(target, key, value);
}

/** A collapsible section whose open state survives re-rendering. */
export function section(
  key: string,
  title: string,
  openKeys: Set<string>,
  ...children: Child[]
): HTMLDetailsElement {
  const summary = h('summary', { text: title });
  summary.dataset.key = `section:${key}`;
  const details = h('details', { className: 'section' }, summary, ...children);
  details.dataset.section = key;
  details.open = openKeys.has(key);
  details.addEventListener('toggle', () => {
    if (details.open) openKeys.add(key);
    else openKeys.delete(key);
  });
  return details;
}
