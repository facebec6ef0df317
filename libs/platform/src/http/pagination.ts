import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { InvalidRequestError } from './request-errors.js';

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;

/** `limit` and `cursor` of every list endpoint; list DTOs extend it. */
export class PageParams {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT, description: 'entries per page' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be a whole number' }) @Min(1) @Max(MAX_PAGE_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'the X-Next-Cursor of the previous page; opaque' })
  @IsOptional() @IsString() @MaxLength(512) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a cursor this API handed out' })
  cursor?: string;
}

/** One page: its entries and, when more follow, the key of the last one. */
export interface Page<T, Key> {
  readonly entries: readonly T[];
  readonly lastKey: Key | undefined;
}

/**
 * Cursors are the key of the last entry of a page (an agent id, a stream
 * revision, a queue place), so a page starts strictly after it: entries
 * that arrive or leave meanwhile never make a page skip or repeat one that
 * was there all along. Opaque to clients: base64url of the list's name and the key.
 */
export const encodeCursor = (list: string, key: unknown): string =>
  Buffer.from(JSON.stringify([list, key])).toString('base64url');

export const decodeCursor = <Key>(list: string, cursor: string | undefined, isKey: (value: unknown) => value is Key): Key | undefined => {
  if (cursor === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded[0] !== list || !isKey(decoded[1])) {
    throw new InvalidRequestError([{ field: 'cursor', message: 'cursor must be the X-Next-Cursor of a previous page of this list' }]);
  }
  return decoded[1];
};

/** Takes `limit` entries of a sorted list that starts after the cursor, and says whether more follow. */
export const pageOf = <T, Key>(sorted: Iterable<T>, limit: number, keyOf: (entry: T) => Key): Page<T, Key> => {
  const entries: T[] = [];
  for (const entry of sorted) {
    if (entries.length === limit) return { entries, lastKey: keyOf(entries[entries.length - 1]) };
    entries.push(entry);
  }
  return { entries, lastKey: undefined };
};

/**
 * Answers where the next page starts: `X-Next-Cursor` and a `Link: <…>;
 * rel="next"` header (the body stays the plain list, as before pagination).
 */
export const announceNextPage = (request: Request, response: Response, list: string, lastKey: unknown): void => {
  if (lastKey === undefined) return;
  const cursor = encodeCursor(list, lastKey);
  const next = new URL(request.originalUrl, 'http://placeholder');
  next.searchParams.set('cursor', cursor);
  response.setHeader('X-Next-Cursor', cursor);
  response.setHeader('Link', `<${next.pathname}${next.search}>; rel="next"`);
};

export const isString = (value: unknown): value is string => typeof value === 'string';
export const isInteger = (value: unknown): value is number => Number.isInteger(value);

/** The OpenAPI description of the next-page headers, for `@ApiResponse({ headers })`. */
export const NEXT_PAGE_HEADERS = {
  'X-Next-Cursor': { description: 'present when more entries follow: send it back as ?cursor=', schema: { type: 'string' } },
  Link: { description: 'the next page\'s URL, rel="next", when more entries follow', schema: { type: 'string' } },
} as const;
