// Small DOM helpers. Text always goes in as text nodes, never as markup: model output and tenant names are untrusted.
const SVG_NS = 'http://www.w3.org/2000/svg';

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

/** An HTML element: h('td', {class: 'state'}, 'cooling'). */
export const h = (tag, attributes, ...children) => build(document.createElement(tag), attributes, children);

/** An SVG element, for charts. */
export const s = (tag, attributes, ...children) => build(document.createElementNS(SVG_NS, tag), attributes, children);

/**
 * A table: columns are {label, cell: row => text or node, class?}; rowAttributes(row) adds attributes to each row,
 * e.g. data-key, so that a row can be found by what it shows.
 */
export function table(columns, rows, rowAttributes = () => ({})) {
  return h('table', {},
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { class: c.class }, c.label)))),
    h('tbody', {}, rows.map(row => h('tr', rowAttributes(row), columns.map(c => h('td', { class: c.class }, c.cell(row)))))));
}

/** A notice in place of a page's content: kind is info, warning or error. */
export const notice = (kind, ...children) => h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...children);

export const format = {
  integer: n => (n === null || n === undefined ? '–' : Math.round(n).toLocaleString('en-US')),
  number: (n, digits = 1) => (n === null || n === undefined ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })),
  ms: n => (n === null || n === undefined ? '–' : `${format.number(n)} ms`),
  percent: ratio => (ratio === null || ratio === undefined ? '–' : `${format.number(ratio * 100)} %`),
  usd: n => (n === null || n === undefined ? '–' : `$${n.toLocaleString('en-US', { maximumSignificantDigits: 4 })}`),
  mebibytes: n => `${format.number(n / 1048576)} MiB`,
  clock: date => date.toLocaleTimeString('en-GB', { hour12: false }),
};

/** Replaces root's children with children, arrays flattened and nulls left out. */
export function fill(root, ...children) {
  root.replaceChildren(...children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false));
}
