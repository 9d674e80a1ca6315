// What every admin page shows besides its figures: when it was read, and why there is nothing to show.
import { tokens } from './api.js';
import { format, h, notice } from './dom.js';

/** Asks the shell to open the tokens dialog. */
export function askForTokens() {
  document.dispatchEvent(new CustomEvent('console:tokens'));
}

/** The notice for a read of GET /admin/{route} that gave no data. */
export function unavailable(result, route) {
  switch (result.state) {
    case 'missing':
      return notice('info unavailable', `Not available: this gateway has no GET /admin/${route} (404). The page fills in once the gateway offers it.`);
    case 'unauthorized':
      return notice('warning', tokens.admin() ? 'The gateway refused this admin token. ' : 'This gateway wants an admin token for /admin. ',
        h('button', { type: 'button', onclick: askForTokens }, 'Enter admin token'));
    default:
      return notice('error', result.message);
  }
}

/** "Updated 12:00:01", and how often the page reads again. */
export function updated(everySeconds) {
  return h('p', { class: 'updated' }, `Updated ${format.clock(new Date())}`, everySeconds ? ` · every ${everySeconds} s` : '');
}
