import { afterAll, beforeAll } from 'vitest';
import { signInAll, type Client, type DemoKey } from './client';
import { startServer, type TestServer } from './server';

/** A suite's server with the demo content, every demo account signed in; stopped after the suite. */
export function demoServer(): { server: TestServer; as: Record<DemoKey, Client> } {
  const suite = {} as { server: TestServer; as: Record<DemoKey, Client> };
  beforeAll(async () => {
    suite.server = await startServer();
    suite.as = await signInAll(suite.server.url);
  });
  afterAll(async () => {
    await suite.server?.stop();
  });
  return suite;
}
