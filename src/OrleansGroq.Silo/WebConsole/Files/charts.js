// Charts as inline SVG built through the DOM: no chart library, nothing fetched at run time, nothing inline for the CSP.
import { h, s } from './dom.js';

const WIDTH = 720;
const LABEL_WIDTH = 220;
const VALUE_WIDTH = 100;
const BAR_HEIGHT = 18;
const GAP = 6;

/**
 * A horizontal bar chart: one bar per row, its series stacked ({name, value: row => number, class}), scaled to the
 * largest total, which is written after each bar with format.
 */
export function barChart({ title, rows, label, series, format }) {
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const totals = rows.map(row => series.reduce((sum, serie) => sum + (serie.value(row) || 0), 0));
  const max = Math.max(0, ...totals);
  const height = rows.length * (BAR_HEIGHT + GAP);
  const chart = s('svg', { viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: 'img', 'aria-label': title });
  rows.forEach((row, i) => {
    const y = i * (BAR_HEIGHT + GAP);
    const baseline = y + BAR_HEIGHT * 0.75;
    chart.append(s('text', { x: LABEL_WIDTH - 8, y: baseline, 'text-anchor': 'end', class: 'label' }, shorten(label(row), 32)));
    let x = LABEL_WIDTH;
    for (const serie of series) {
      const value = serie.value(row) || 0;
      const width = max > 0 ? (value / max) * plot : 0;
      if (width > 0) {
        chart.append(s('rect', { x, y, width, height: BAR_HEIGHT, class: serie.class }, s('title', {}, `${label(row)} · ${serie.name}: ${format(value)}`)));
      }
      x += width;
    }
    chart.append(s('text', { x: x + 6, y: baseline, class: 'value' }, format(totals[i])));
  });
  return h('figure', { class: 'chart' },
    h('figcaption', {}, title, series.length > 1 ? legend(series) : null),
    chart);
}

/** A small bar showing a ratio from 0 to 1; above 0.8 it is marked high, above 0.5 warm. */
export function meter(ratio) {
  const clamped = Math.max(0, Math.min(1, ratio ?? 0));
  const level = clamped > 0.8 ? 'high' : clamped > 0.5 ? 'warm' : 'low';
  return s('svg', { viewBox: '0 0 100 8', width: 100, height: 8, class: 'meter', role: 'presentation' },
    s('rect', { x: 0, y: 0, width: 100, height: 8, class: 'track' }),
    s('rect', { x: 0, y: 0, width: clamped * 100, height: 8, class: `fill ${level}` }));
}

function legend(series) {
  return h('span', { class: 'legend' }, series.map(serie => h('span', { class: `swatch ${serie.class}` }, serie.name)));
}

function shorten(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
