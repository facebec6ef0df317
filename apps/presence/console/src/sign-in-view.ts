import { ApiClient, ApiError, describeError } from './api-client.js';
import { field, h, liveRegion, replaceChildren } from './dom.js';
import type { Stop } from './layout.js';
import { callerOfToken, type SignedInCaller } from './token.js';

const EXAMPLES = [
  '# in a second terminal, while npm start runs:',
  'npm run --silent token -- --sub ada --role agent --teams sales',
  'npm run --silent token -- --sub sup-1 --role supervisor --teams sales',
  'npm run --silent token -- --sub root --role admin',
].join('\n');

/** Asks the API once, so a wrong secret or issuer is reported here rather than on the first click. */
const check = async (caller: SignedInCaller): Promise<void> => {
  const api = new ApiClient(caller.token);
  try {
    await api.get(caller.role === 'agent' ? `/v1/agents/${encodeURIComponent(caller.id)}` : '/v1/floor');
  } catch (error) {
    // An agent who is not registered yet may still sign in: the agent view says so.
    if (error instanceof ApiError && error.code === 'AGENT_NOT_FOUND') return;
    throw error;
  }
};

/** The sign-in page: paste a bearer token; explains where tokens come from on the embedded default. */
export const mountSignIn = (root: HTMLElement, onSignedIn: (caller: SignedInCaller) => void, message?: string): Stop => {
  const token = h('textarea', { name: 'token', rows: 4, required: true, autocomplete: 'off', spellcheck: 'false', class: 'token-input' });
  const notice = liveRegion('notice error');
  if (message) notice.textContent = message;
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'card sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h2', { id: 'sign-in-title' }, 'Sign in'),
    field('Bearer token', token, 'The whole token, as your identity provider or npm run token printed it.'),
    submit, notice);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const caller = callerOfToken(token.value, Date.now());
    if (typeof caller === 'string') {
      notice.textContent = caller;
      token.focus();
      return;
    }
    submit.disabled = true;
    notice.textContent = 'Checking the token…';
    check(caller).then(() => onSignedIn(caller), (error: unknown) => {
      notice.textContent = `The server refused this token: ${describeError(error)}`;
      submit.disabled = false;
    });
  });
  replaceChildren(root,
    h('header', { class: 'app-header' }, h('div', { class: 'brand' },
      h('img', { src: '/console/favicon.svg', alt: '', width: 24, height: 24 }), h('h1', {}, 'Presence console'))),
    h('main', { id: 'main', tabindex: -1, class: 'sign-in-page' },
      form,
      h('section', { class: 'card', 'aria-labelledby': 'tokens-title' },
        h('h2', { id: 'tokens-title' }, 'Where do I get a token?'),
        h('p', {}, 'On the embedded default (npm start), the app keeps a signing secret in data/auth-secret and ',
          h('code', {}, 'npm run token'), ' mints tokens with it. Agents see the agent console; supervisors and admins see the floor.'),
        h('pre', {}, h('code', {}, EXAMPLES)),
        h('p', {}, 'Tokens last 8 hours (', h('code', {}, '--ttl'), ' seconds changes that). ',
          'A deployment with its own identity provider signs tokens there; the console only passes them on.'))));
  token.focus();
  return () => undefined;
};
