import { Injectable, type PipeTransform, ValidationPipe, type ValidationError } from '@nestjs/common';
import { SLUG, SLUG_RULE } from './input-limits.js';

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** A request the client must change before trying again; nothing was appended. */
export class InvalidRequestError extends Error {
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly problems: readonly FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}

const flatten = (errors: readonly ValidationError[], parent = ''): FieldProblem[] =>
  errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      // class-validator words an unknown field as "property x should not exist".
      ({ field, message: message.includes('should not exist') ? `${field} is not a known field` : message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });

/** Whitelists fields, rejects unknown ones, and names every offending field. */
export const requestValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidRequestError(flatten(errors)),
  });

/** Path ids are short slugs; anything else is a client mistake, not a lookup. */
@Injectable()
export class SlugParamPipe implements PipeTransform<string, string> {
  constructor(private readonly field: string) {}
  transform(value: string): string {
    if (typeof value !== 'string' || !SLUG.test(value)) {
      throw new InvalidRequestError([{ field: this.field, message: `${this.field} must be ${SLUG_RULE}` }]);
    }
    return value;
  }
}
