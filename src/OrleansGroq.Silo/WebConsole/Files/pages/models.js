// Models: live per-model statistics over a sliding window (GET /admin/models), read every two seconds.
import { readAdmin } from '../api.js';
import { barChart, meter } from '../charts.js';
import { fill, format, h, table } from '../dom.js';
import { poll } from '../live.js';
import { unavailable, updated } from '../view.js';

export const title = 'Models';

const EVERY_SECONDS = 2;

export function mount(root) {
  return poll(EVERY_SECONDS * 1000, async signal => {
    const result = await readAdmin('models', signal);
    if (result.state !== 'ok') {
      fill(root, unavailable(result, 'models'));
      return;
    }
    const { window_seconds: window, models } = result.data;
    fill(root,
      updated(EVERY_SECONDS),
      h('p', { class: 'facts' }, `Over the last ${format.integer(window)} s.`),
      models.length === 0 ? h('p', { class: 'muted' }, 'No request in the window yet.') : [
        table([
          { label: 'Model', cell: m => m.model, class: 'mono' },
          { label: 'Requests', cell: m => format.integer(m.requests), class: 'number' },
          { label: 'Errors', cell: m => format.integer(m.errors), class: 'number' },
          { label: 'Error rate', cell: m => h('span', {}, meter(m.error_rate), ` ${format.percent(m.error_rate)}`) },
          { label: 'Latency p50', cell: m => format.ms(m.latency_ms?.p50), class: 'number' },
          { label: 'Latency p95', cell: m => format.ms(m.latency_ms?.p95), class: 'number' },
          { label: 'TTFT p50', cell: m => format.ms(m.ttft_ms?.p50), class: 'number' },
          { label: 'TTFT p95', cell: m => format.ms(m.ttft_ms?.p95), class: 'number' },
          { label: 'Output tokens/s', cell: m => format.number(m.output_tokens_per_second), class: 'number' },
        ], models, m => ({ 'data-model': m.model })),
        barChart({
          title: 'Latency, p50 and the rest up to p95',
          rows: models,
          label: m => m.model,
          series: [
            { name: 'p50', value: m => m.latency_ms?.p50 ?? 0, class: 'series-a' },
            { name: 'p95', value: m => Math.max(0, (m.latency_ms?.p95 ?? 0) - (m.latency_ms?.p50 ?? 0)), class: 'series-b' },
          ],
          format: format.ms,
        }),
      ]);
  });
}
