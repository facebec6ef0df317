import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@app/platform';
import { ConsoleFiles } from './console-files.js';

/**
 * The console's own policy, replacing the API's `default-src 'none'` on these
 * pages only: its script, style and icon from this origin, API calls to this
 * origin, nothing inline, never framed.
 */
const CONSOLE_CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the agent's and the supervisor's web console at /console/. The pages
 * are public (they hold no data); every API call they make carries the
 * bearer token the person signs in with.
 */
@ApiExcludeController()
@Controller('console')
export class ConsoleController {
  private readonly files = new ConsoleFiles();

  @Get()
  @Public()
  index(@Res() response: Response): void {
    this.send(response, 'index.html');
  }

  @Get(':file')
  @Public()
  file(@Param('file') name: string, @Res() response: Response): void {
    this.send(response, name);
  }

  private send(response: Response, name: string): void {
    const file = this.files.get(name);
    response.setHeader('Content-Security-Policy', CONSOLE_CSP);
    if (!file) {
      const hint = this.files.built ? `no console file named ${name}` : 'the console is not built: run npm run build';
      response.status(404).json({ error: { code: 'NOT_FOUND', message: hint } });
      return;
    }
    // index.html is always revalidated so a new build is picked up; the rest may be cached briefly.
    response.setHeader('Cache-Control', name === 'index.html' ? 'no-cache' : 'public, max-age=300');
    response.type(file.contentType).send(file.body);
  }
}
