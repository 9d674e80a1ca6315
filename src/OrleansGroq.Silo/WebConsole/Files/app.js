// The console's shell: hash routes to pages, each page mounted into #page and stopped when left; the tokens dialog.
import { tokens } from './api.js';
import { h } from './dom.js';
import * as cluster from './pages/cluster.js';
import * as keys from './pages/keys.js';
import * as models from './pages/models.js';
import * as playground from './pages/playground.js';
import * as quotas from './pages/quotas.js';
import * as requests from './pages/requests.js';
import * as usage from './pages/usage.js';

const pages = { cluster, keys, quotas, models, usage, requests, playground };
let stop = null;

function show() {
  const name = location.hash.replace(/^#\/?/, '');
  const key = Object.hasOwn(pages, name) ? name : 'cluster';
  const page = pages[key];
  stop?.();
  const content = h('section', { id: 'content', 'data-page': key });
  document.getElementById('page').replaceChildren(h('h1', {}, page.title), content);
  document.title = `${page.title} · OrleansGroq console`;
  for (const link of document.querySelectorAll('#nav a')) {
    link.toggleAttribute('aria-current', link.getAttribute('href') === `#/${key}`);
  }
  stop = page.mount(content) ?? null;
}

const dialog = document.getElementById('tokens');
const adminInput = document.getElementById('admin-token');
const clientInput = document.getElementById('client-token');

function openTokens() {
  adminInput.value = tokens.admin();
  clientInput.value = tokens.client();
  dialog.showModal();
  adminInput.focus();
}

function saveTokens(admin, client) {
  tokens.save(admin.trim(), client.trim());
  dialog.close();
  show();
}

document.getElementById('tokens-open').addEventListener('click', openTokens);
document.getElementById('tokens-save').addEventListener('click', () => saveTokens(adminInput.value, clientInput.value));
document.getElementById('tokens-forget').addEventListener('click', () => saveTokens('', ''));
document.getElementById('tokens-cancel').addEventListener('click', () => dialog.close());
dialog.addEventListener('keydown', e => {
  if (e.key === 'Enter') {
    e.preventDefault();
    saveTokens(adminInput.value, clientInput.value);
  }
});
document.addEventListener('console:tokens', openTokens);
window.addEventListener('hashchange', show);
show();
