// Requests: the latest requests this gateway served, newest first (GET /admin/requests?limit=N), read every two seconds.
import { readAdmin } from '../api.js';
import { fill, format, h, table } from '../dom.js';
import { poll } from '../live.js';
import { unavailable, updated } from '../view.js';

export const title = 'Requests';

const EVERY_SECONDS = 2;
const LIMIT = 100;

export function mount(root) {
  return poll(EVERY_SECONDS * 1000, async signal => {
    const result = await readAdmin(`requests?limit=${LIMIT}`, signal);
    if (result.state !== 'ok') {
      fill(root, unavailable(result, 'requests'));
      return;
    }
    const list = result.data.requests;
    fill(root,
      updated(EVERY_SECONDS),
      list.length === 0 ? h('p', { class: 'muted' }, 'No request yet.') : table([
        { label: 'Time', cell: r => format.clock(new Date(r.time)) },
        { label: 'Request id', cell: r => r.request_id, class: 'mono' },
        { label: 'Tenant', cell: r => r.tenant },
        { label: 'Endpoint', cell: r => r.endpoint, class: 'mono' },
        { label: 'Model', cell: r => (r.used_model && r.used_model !== r.model ? `${r.model} → ${r.used_model}` : r.model), class: 'mono' },
        { label: 'Key', cell: r => r.key ?? '' },
        { label: 'Status', cell: r => h('span', { class: `badge ${r.status < 400 ? 'good' : r.status === 429 ? 'warn' : 'bad'}` }, String(r.status)) },
        { label: 'Attempts', cell: r => format.integer(r.attempts), class: 'number' },
        { label: 'Cascade', cell: r => (r.cascade ?? []).join(' → '), class: 'mono' },
        { label: 'Degraded', cell: r => r.degraded ?? '' },
        { label: 'Tokens in / out', cell: r => `${format.integer(r.prompt_tokens)} / ${format.integer(r.completion_tokens)}`, class: 'number' },
        { label: 'Own', cell: r => format.ms(r.own_ms), class: 'number' },
        { label: 'Upstream', cell: r => format.ms(r.upstream_ms), class: 'number' },
      ], list, r => ({ 'data-request': r.request_id })));
  });
}
