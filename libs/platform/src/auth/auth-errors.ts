/** 401: no token, or one that does not verify; the reason is safe to show (it names no secret). */
export class UnauthenticatedError extends Error {
  readonly code = 'UNAUTHENTICATED';
  constructor(reason: string) {
    super(reason);
  }
}

/** 403: a valid caller asking for something it may not do. */
export class ForbiddenError extends Error {
  readonly code = 'FORBIDDEN';
  constructor(readonly callerId: string, readonly action: string, readonly target: string) {
    super(`${callerId} may not ${action} ${target}`);
  }
}
