import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AuthGuard } from './auth.guard.js';
import { Authorizer } from './authorizer.js';
import { CallerThrottlerGuard } from './caller-throttler.guard.js';
import { tokenKeySource } from './token-key-source.js';
import { TokenVerifier } from './token-verifier.js';

/**
 * Authentication (every route but @Public() ones), per-caller rate limits,
 * and the Authorizer controllers ask. Imported once by the HTTP app's root,
 * so presence and routing in one process share one guard chain.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: TokenVerifier, useFactory: () => new TokenVerifier(tokenKeySource(config), config.auth) },
        { provide: APP_CONFIG, useValue: config },
        Authorizer,
        // Order matters: authenticate first, so the throttler can count per caller.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: CallerThrottlerGuard },
      ],
      exports: [Authorizer, TokenVerifier],
    };
  }
}
