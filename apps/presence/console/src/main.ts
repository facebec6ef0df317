import { ApiClient } from './api-client.js';
import { mountAgentView } from './agent/agent-view.js';
import type { Stop, ViewContext } from './layout.js';
import { mountSignIn } from './sign-in-view.js';
import { mountSupervisorView } from './supervisor/supervisor-view.js';
import { callerOfToken, tokenStorage, type SignedInCaller } from './token.js';
import { loadServerFeatures } from './upcoming/server-features.js';

const root = document.getElementById('app') as HTMLElement;
const features = await loadServerFeatures();
let stopView: Stop = () => undefined;

const signOut = (message?: string): void => {
  stopView();
  tokenStorage.clear();
  showSignIn(message);
};

const showView = (caller: SignedInCaller): void => {
  stopView();
  const context: ViewContext = { root, caller, features, signOut };
  const api = new ApiClient(caller.token, (error) => signOut(`Signed out: ${error.message}`));
  stopView = caller.role === 'agent' ? mountAgentView(context, api) : mountSupervisorView(context, api);
  document.getElementById('main')?.focus();
};

const showSignIn = (message?: string): void => {
  stopView = mountSignIn(root, (caller) => {
    tokenStorage.save(caller.token);
    showView(caller);
  }, message);
};

const saved = tokenStorage.load();
const caller = saved === null ? undefined : callerOfToken(saved, Date.now());
if (caller && typeof caller !== 'string') showView(caller);
else showSignIn(typeof caller === 'string' ? caller : undefined);
