// Keys: each upstream key's state, its cooldown and why, and the last rate-limit headers, read every second (GET /admin/keys).
import { readAdmin } from '../api.js';
import { fill, format, h, table } from '../dom.js';
import { poll } from '../live.js';
import { unavailable, updated } from '../view.js';

export const title = 'Keys';

const EVERY_SECONDS = 1;
const BADGES = { available: 'good', cooling: 'warn', disabled: 'bad' };

export function mount(root) {
  return poll(EVERY_SECONDS * 1000, async signal => {
    const result = await readAdmin('keys', signal);
    fill(root, result.state === 'ok' ? [updated(EVERY_SECONDS), keys(result.data.data)] : [unavailable(result, 'keys')]);
  });
}

function keys(list) {
  const now = Date.now() / 1000;
  return table([
    { label: 'Alias', cell: k => k.alias, class: 'alias' },
    { label: 'Account', cell: k => k.account },
    { label: 'State', cell: k => h('span', { class: `badge ${BADGES[k.state] ?? 'warn'}` }, k.state), class: 'state' },
    { label: 'Cooling', cell: k => cooling(k, now), class: 'cooling' },
    { label: 'Why', cell: k => k.reason ?? '', class: 'reason' },
    { label: 'Requests left', cell: k => remaining(k.last_rate_limits?.remaining_requests, k.last_rate_limits?.limit_requests), class: 'number' },
    { label: 'Tokens left', cell: k => remaining(k.last_rate_limits?.remaining_tokens, k.last_rate_limits?.limit_tokens), class: 'number' },
    { label: 'Last headers', cell: k => (k.last_rate_limits?.received_at ? `${format.integer(now - k.last_rate_limits.received_at)} s ago` : ''), class: 'number' },
  ], list, k => ({ 'data-key': k.alias, 'data-state': k.state }));
}

function cooling(key, now) {
  if (key.cooling_until === null) {
    return '';
  }
  const left = Math.max(0, key.cooling_until - now);
  const until = format.clock(new Date(key.cooling_until * 1000));
  return `${format.integer(left)} s left (until ${until})${key.cooling_model ? ` for ${key.cooling_model}` : ', every model'}`;
}

function remaining(left, limit) {
  return left === null || left === undefined ? '' : `${format.integer(left)} / ${format.integer(limit)}`;
}
