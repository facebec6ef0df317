/** A few lines of DOM building instead of a framework: the console is small and its updates are targeted. */

type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

/**
 * Creates an element: `on<event>` attributes become listeners, `true` an empty
 * attribute, `false`/null/undefined leave it out. Text children are text nodes, never HTML.
 */
export const h = <K extends keyof HTMLElementTagNameMap>(
  tag: K, attributes: Attributes = {}, ...children: Child[]
): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
};

export const append = (parent: Node, ...children: Child[]): void => {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
};

/** Replaces everything inside `parent`. */
export const replaceChildren = (parent: Element, ...children: Child[]): void => {
  parent.replaceChildren();
  append(parent, ...children);
};

let ids = 0;
/** A page-unique id, for label/for and aria-describedby pairs. */
export const uniqueId = (prefix: string): string => `${prefix}-${++ids}`;

/** A labelled form field: the label's `for` points at the control. */
export const field = (label: string, control: HTMLElement, hint?: string): HTMLElement => {
  control.id ||= uniqueId('field');
  const hintElement = hint ? h('small', { id: `${control.id}-hint`, class: 'hint' }, hint) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintElement);
};

/** A polite live region whose text screen readers announce. */
export const liveRegion = (className = 'notice'): HTMLElement => h('p', { class: className, role: 'status', 'aria-live': 'polite' });
