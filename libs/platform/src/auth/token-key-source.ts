import type { AppConfig } from '../config/app-config.js';
import { loadOrCreateSecret } from './embedded-secret.js';
import type { TokenKeySource } from './token-verifier.js';

/** The configured key; without one, the embedded default's secret from the data folder. */
export const tokenKeySource = (config: AppConfig): TokenKeySource => {
  const { jwksUrl, publicKeyPem, secret } = config.auth;
  if (jwksUrl) return { kind: 'jwks', url: jwksUrl };
  if (publicKeyPem) return { kind: 'public-key', pem: publicKeyPem };
  return { kind: 'secret', secret: secret ? new TextEncoder().encode(secret) : loadOrCreateSecret(config.dataDir) };
};

export const embeddedOrConfiguredSecret = (config: AppConfig): Uint8Array | undefined => {
  const source = tokenKeySource(config);
  return source.kind === 'secret' ? source.secret : undefined;
};
