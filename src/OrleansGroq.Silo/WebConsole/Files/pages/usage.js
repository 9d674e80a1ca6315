// Usage: requests, tokens and cost by tenant and by model over a chosen period, as charts (GET /admin/usage).
import { readAdmin } from '../api.js';
import { barChart } from '../charts.js';
import { fill, format, h, notice, table } from '../dom.js';
import { unavailable } from '../view.js';

export const title = 'Usage';

const DAY_MS = 24 * 3600 * 1000;

export function mount(root) {
  const now = new Date();
  const from = h('input', { type: 'datetime-local', id: 'usage-from', value: local(new Date(now.getTime() - DAY_MS)) });
  const to = h('input', { type: 'datetime-local', id: 'usage-to', value: local(new Date(now.getTime() + 60_000)) });
  const results = h('div', { id: 'usage-results' });
  let controller = null;

  const load = async () => {
    controller?.abort();
    controller = new AbortController();
    const [start, end] = [new Date(from.value), new Date(to.value)];
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
      fill(results, notice('error', 'Give both ends of the period.'));
      return;
    }
    const period = `from=${encodeURIComponent(start.toISOString())}&to=${encodeURIComponent(end.toISOString())}`;
    try {
      const [byTenant, byModel] = await Promise.all(['tenant', 'model'].map(group => readAdmin(`usage?group_by=${group}&${period}`, controller.signal)));
      fill(results, section('By tenant', byTenant), section('By model', byModel));
    } catch (e) {
      if (e.name !== 'AbortError') {
        throw e;
      }
    }
  };

  fill(root,
    h('div', { class: 'controls' },
      h('label', {}, 'From ', from),
      h('label', {}, 'To ', to),
      h('button', { type: 'button', onclick: load }, 'Show')),
    results);
  load();
  return () => controller?.abort();
}

function section(heading, result) {
  if (result.state !== 'ok') {
    return h('section', {}, h('h2', {}, heading), unavailable(result, 'usage'));
  }
  const rows = [...result.data.rows].sort((a, b) => b.requests - a.requests);
  const label = row => row.group;
  return h('section', { 'data-group-by': result.data.group_by },
    h('h2', {}, heading),
    rows.length === 0 ? h('p', { class: 'muted' }, 'No usage in this period.') : [
      barChart({
        title: 'Requests',
        rows,
        label,
        series: [
          { name: 'answered', value: r => r.requests - r.errors, class: 'series-a' },
          { name: 'errors', value: r => r.errors, class: 'series-bad' },
        ],
        format: format.integer,
      }),
      barChart({
        title: 'Tokens',
        rows,
        label,
        series: [
          { name: 'prompt (not cached)', value: r => r.prompt_tokens - r.cached_tokens, class: 'series-a' },
          { name: 'cached prompt', value: r => r.cached_tokens, class: 'series-c' },
          { name: 'completion', value: r => r.completion_tokens, class: 'series-b' },
        ],
        format: format.integer,
      }),
      barChart({ title: 'Cost', rows, label, series: [{ name: 'USD', value: r => r.cost_usd, class: 'series-a' }], format: format.usd }),
      table([
        { label: heading.replace('By ', ''), cell: label, class: 'mono' },
        { label: 'Requests', cell: r => format.integer(r.requests), class: 'number' },
        { label: 'Errors', cell: r => format.integer(r.errors), class: 'number' },
        { label: 'Prompt', cell: r => format.integer(r.prompt_tokens), class: 'number' },
        { label: 'Cached', cell: r => format.integer(r.cached_tokens), class: 'number' },
        { label: 'Completion', cell: r => format.integer(r.completion_tokens), class: 'number' },
        { label: 'Cost', cell: r => format.usd(r.cost_usd), class: 'number' },
      ], rows, r => ({ 'data-group': r.group })),
    ]);
}

// The value a datetime-local input takes: local time, to the minute.
function local(date) {
  const pad = n => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
