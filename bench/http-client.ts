import http from 'node:http';

/** A keep-alive JSON client over node:http: one socket per concurrent worker, no per-request connect. */
export class KeepAliveClient {
  private agent: http.Agent;
  private readonly sockets: number;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, sockets: number, private readonly authorization?: string) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.sockets = sockets;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  /**
   * Drops idle sockets. Call before a burst that follows a pause: the server
   * closes keep-alive sockets idle for 5 s, and reusing one as it closes
   * fails with "socket hang up".
   */
  freshSockets(): void {
    this.agent.destroy();
    this.agent = new http.Agent({ keepAlive: true, maxSockets: this.sockets });
  }

  /** Resolves with the status code; rejects on a transport error or a status other than 2xx. */
  send(method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<number> {
    const payload = Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const request = http.request({
        agent: this.agent, host: this.host, port: this.port, method, path,
        headers: {
          'content-type': 'application/json', 'content-length': payload.length,
          ...(this.authorization ? { authorization: this.authorization } : {}),
          ...headers,
        },
      }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(status);
          else reject(new Error(`${method} ${path}: ${status} ${Buffer.concat(chunks).toString().slice(0, 200)}`));
        });
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
