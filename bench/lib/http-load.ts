import http from 'node:http';

export interface HttpResult {
  status: number;
  body: string;
  ms: number;
}

/** A keep-alive HTTP client with little overhead, so the load generator costs the server little CPU. */
export function httpClient(baseUrl: string, maxSockets = 64) {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  return function request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<HttpResult> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent,
          headers: body ? { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: performance.now() - started }),
          );
        },
      );
      req.on('error', reject);
      if (body) req.write(body);
      req.end();
    });
  };
}
