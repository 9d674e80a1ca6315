// Cluster: the silos in Orleans' membership and each one's activations per grain type (GET /admin/cluster, /admin/runtime).
import { readAdmin } from '../api.js';
import { fill, format, h, table } from '../dom.js';
import { poll } from '../live.js';
import { unavailable, updated } from '../view.js';

export const title = 'Cluster';

const EVERY_SECONDS = 5;

export function mount(root) {
  return poll(EVERY_SECONDS * 1000, async signal => {
    const [cluster, runtime] = await Promise.all([readAdmin('cluster', signal), readAdmin('runtime', signal)]);
    if (cluster.state !== 'ok') {
      fill(root, unavailable(cluster, 'cluster'));
      return;
    }
    const activations = runtime.state === 'ok' ? runtime.data.silos : [];
    fill(root,
      updated(EVERY_SECONDS),
      h('h2', {}, 'Silos'),
      silos(cluster.data.silos, activations),
      runtime.state === 'ok' ? [h('h2', {}, 'Activations by grain type'), grainTypes(activations), memory(runtime.data)] : unavailable(runtime, 'runtime'));
  });
}

function silos(members, activations) {
  const total = address => Object.values(activations.find(a => a.address === address)?.activations ?? {}).reduce((a, b) => a + b, 0);
  return table([
    { label: 'Name', cell: m => m.name },
    { label: 'Address', cell: m => m.address, class: 'mono' },
    { label: 'Status', cell: m => h('span', { class: `badge ${m.status === 'Active' ? 'good' : m.status === 'Dead' ? 'bad' : 'warn'}` }, m.status), class: 'status' },
    { label: 'Activations', cell: m => format.integer(total(m.address)), class: 'number' },
  ], members, m => ({ 'data-silo': m.name }));
}

function grainTypes(activations) {
  const types = [...new Set(activations.flatMap(a => Object.keys(a.activations)))].sort();
  return table([
    { label: 'Grain type', cell: type => type },
    ...activations.map(silo => ({ label: silo.address, cell: type => format.integer(silo.activations[type] ?? 0), class: 'number' })),
  ], types, type => ({ 'data-grain': type }));
}

function memory(runtime) {
  return h('p', { class: 'facts' },
    `This silo: GC heap ${format.mebibytes(runtime.gc_heap_bytes)}, working set ${format.mebibytes(runtime.working_set_bytes)}, `,
    `${format.integer(runtime.gen0_collections)} gen-0 and ${format.integer(runtime.gen2_collections)} gen-2 collections.`);
}
