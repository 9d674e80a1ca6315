// Playground: a multi-turn chat through the gateway's conversations, streamed, each answer marked with how it was served.
//
// The conversation is created with POST /v1/conversations; each turn is a streamed chat completion that names it in
// x-conversation-id, so the gateway keeps the history, and the turn is routed like any chat completion: `auto` and
// aliases are chosen per turn and the answer carries the route header, which POST /v1/conversations/{id}/messages
// (whose model is the conversation's, fixed at creation) does not set.
import { callApi, errorMessage } from '../api.js';
import { h } from '../dom.js';
import { readEvents } from '../sse.js';
import { askForTokens } from '../view.js';

export const title = 'Playground';

// The response headers shown under each answer, by the name the mark is given.
const MARKS = [
  ['route', 'x-orleansgroq-route'],
  ['model', 'x-orleansgroq-model'],
  ['key', 'x-orleansgroq-key'],
  ['attempts', 'x-orleansgroq-attempts'],
  ['cascade', 'x-orleansgroq-cascade'],
  ['degraded', 'x-orleansgroq-degraded'],
  ['cache', 'x-orleansgroq-cache'],
  ['history-trimmed', 'x-orleansgroq-history-trimmed'],
  ['request', 'x-request-id'],
];

export function mount(root) {
  const model = h('select', { id: 'model', 'aria-label': 'Model' }, h('option', { value: 'auto' }, 'auto (the router picks per turn)'));
  const system = h('textarea', { id: 'system', rows: 2, placeholder: 'Optional system prompt, set when the conversation starts' });
  const conversation = h('span', { id: 'conversation', class: 'mono muted' }, 'none yet');
  const transcript = h('div', { id: 'transcript', class: 'transcript' });
  const input = h('textarea', { id: 'message', rows: 3, placeholder: 'Your message (Ctrl+Enter sends)' });
  const send = h('button', { type: 'button', id: 'send' }, 'Send');
  const state = { id: null, controller: null };

  const reset = () => {
    state.controller?.abort();
    state.id = null;
    conversation.textContent = 'none yet';
    transcript.replaceChildren();
  };

  const submit = async () => {
    const text = input.value.trim();
    if (!text || send.disabled) {
      return;
    }
    send.disabled = true;
    input.value = '';
    try {
      await turn(state, model.value, system.value.trim(), text, transcript, conversation);
    } finally {
      send.disabled = false;
      input.focus();
    }
  };

  send.addEventListener('click', submit);
  input.addEventListener('keydown', e => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  });

  root.replaceChildren(
    h('div', { class: 'controls' },
      h('label', {}, 'Model ', model),
      h('button', { type: 'button', id: 'new-conversation', class: 'secondary', onclick: reset }, 'New conversation'),
      h('span', {}, 'Conversation: ', conversation)),
    h('label', { class: 'wide' }, 'System ', system),
    transcript,
    h('div', { class: 'composer' }, input, send));
  listModels(model, transcript);
  return () => state.controller?.abort();
}

async function listModels(select, transcript) {
  let response;
  try {
    response = await callApi('openai/v1/models');
  } catch (e) {
    transcript.append(failure(0, `The gateway did not answer (${e.message}).`));
    return;
  }
  if (!response.ok) {
    transcript.append(failure(response.status, await errorMessage(response)));
    return;
  }
  const entries = (await response.json()).data;
  const aliases = entries.filter(m => m.x_orleansgroq?.alias_of);
  const models = entries.filter(m => !m.x_orleansgroq?.alias_of);
  select.append(
    h('optgroup', { label: 'Aliases' }, aliases.map(a => h('option', { value: a.id }, `${a.id} → ${a.x_orleansgroq.alias_of}`))),
    h('optgroup', { label: 'Models' }, models.map(m => h('option', { value: m.id }, m.id))));
}

async function turn(state, model, system, text, transcript, conversation) {
  transcript.append(h('div', { class: 'turn user' }, h('div', { class: 'who' }, 'You'), h('div', { class: 'text' }, text)));
  const answer = h('div', { class: 'text answer', 'data-state': 'waiting' });
  const marks = h('div', { class: 'marks' });
  const bubble = h('div', { class: 'turn assistant' }, h('div', { class: 'who' }, 'Assistant'), answer, marks);
  transcript.append(bubble);
  bubble.scrollIntoView({ block: 'end' });
  state.controller = new AbortController();
  try {
    if (!state.id) {
      const created = await callApi('v1/conversations', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        // auto is not a model a conversation can be created with: it is chosen per turn, and the conversation keeps its default.
        body: JSON.stringify({ model: model === 'auto' ? null : model, system: system || null }),
        signal: state.controller.signal,
      });
      if (!created.ok) {
        fail(answer, created.status, await errorMessage(created));
        return;
      }
      state.id = (await created.json()).id;
      conversation.textContent = state.id;
    }

    const response = await callApi('openai/v1/chat/completions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-conversation-id': state.id },
      body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: text }] }),
      signal: state.controller.signal,
    });
    showMarks(marks, response.headers);
    if (!response.ok) {
      fail(answer, response.status, await errorMessage(response));
      return;
    }
    answer.dataset.state = 'streaming';
    if ((response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      await stream(response, answer, marks);
    } else {
      answer.textContent = (await response.json()).choices?.[0]?.message?.content ?? '';
      answer.dataset.state = 'done';
    }
  } catch (e) {
    if (e.name !== 'AbortError') {
      fail(answer, 0, e.message);
    }
  }
}

async function stream(response, answer, marks) {
  for await (const event of readEvents(response.body)) {
    if (event.event === 'error') {
      fail(answer, 0, JSON.parse(event.data)?.error?.message ?? event.data);
      return;
    }
    if (event.data === '[DONE]') {
      answer.dataset.state = 'done';
      return;
    }
    const chunk = JSON.parse(event.data);
    const delta = chunk.choices?.[0]?.delta?.content;
    if (delta) {
      answer.append(delta);
    }
    const usage = chunk.usage ?? chunk.x_groq?.usage;
    if (usage) {
      marks.append(mark('tokens', `${usage.prompt_tokens} in / ${usage.completion_tokens} out`));
    }
  }
  fail(answer, 0, 'The stream ended without [DONE]: the answer may be incomplete.');
}

function showMarks(marks, headers) {
  for (const [name, header] of MARKS) {
    const value = headers.get(header);
    if (value) {
      marks.append(mark(name, value));
    }
  }
}

function mark(name, value) {
  return h('span', { class: `mark ${name === 'degraded' || name === 'cascade' ? 'warn' : ''}`, 'data-mark': name }, h('span', { class: 'name' }, name), ' ', value);
}

function fail(answer, status, message) {
  answer.dataset.state = 'error';
  answer.append(failure(status, message));
}

function failure(status, message) {
  return h('div', { class: 'notice error', role: 'alert' },
    status ? `${status}: ${message}` : message,
    status === 401 ? [' ', h('button', { type: 'button', onclick: askForTokens }, 'Enter client token')] : null);
}
