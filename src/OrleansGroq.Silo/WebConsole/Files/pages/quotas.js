// Quotas: how much of each account and model's limits is used cluster-wide, read every second (GET /admin/quotas).
import { readAdmin } from '../api.js';
import { meter } from '../charts.js';
import { fill, format, h, table } from '../dom.js';
import { poll } from '../live.js';
import { unavailable, updated } from '../view.js';

export const title = 'Quotas';

const EVERY_SECONDS = 1;
const BUCKETS = [['rpm', 'Requests / min'], ['rpd', 'Requests / day'], ['tpm', 'Tokens / min'], ['tpd', 'Tokens / day']];

export function mount(root) {
  return poll(EVERY_SECONDS * 1000, async signal => {
    const result = await readAdmin('quotas', signal);
    if (result.state !== 'ok') {
      fill(root, unavailable(result, 'quotas'));
      return;
    }
    const rows = [...result.data.data].sort((a, b) => peak(b) - peak(a) || a.account.localeCompare(b.account) || a.model.localeCompare(b.model));
    fill(root,
      updated(EVERY_SECONDS),
      h('p', { class: 'facts' }, 'Used = limit − remaining, cluster-wide; leased is what silos hold to spend; a limit that Groq\'s headers never gave shows as no limit known. Busiest first.'),
      table([
        { label: 'Account', cell: q => q.account },
        { label: 'Model', cell: q => q.model, class: 'mono' },
        ...BUCKETS.map(([bucket, label]) => ({ label, cell: q => bucketCell(q, bucket), class: 'bucket' })),
        { label: 'Denied', cell: q => format.integer(q.denied), class: 'number' },
        { label: '429s seen', cell: q => format.integer(q.rate_limited_seen), class: 'number' },
      ], rows, q => ({ 'data-quota': `${q.account}/${q.model}` })));
  });
}

function utilization(quota, bucket) {
  const limit = quota.limit[bucket];
  return limit > 0 ? (limit - quota.remaining[bucket]) / limit : null;
}

function peak(quota) {
  return Math.max(0, ...BUCKETS.map(([bucket]) => utilization(quota, bucket) ?? 0));
}

function bucketCell(quota, bucket) {
  const limit = quota.limit[bucket];
  if (!(limit > 0)) {
    return h('span', { class: 'muted' }, 'no limit known');
  }
  const ratio = utilization(quota, bucket);
  return h('span', { class: 'bucket' },
    meter(ratio),
    ` ${format.percent(ratio)} of ${format.integer(limit)}`,
    quota.leased_out[bucket] > 0 ? h('span', { class: 'muted' }, ` · ${format.integer(quota.leased_out[bucket])} leased`) : null);
}
