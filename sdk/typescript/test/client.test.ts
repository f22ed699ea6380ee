/**
 * The SDK against a stand-in router (a WebSocket server speaking protocol v1 in this process): hello, registration of
 * zod and JSON Schema tools, calls, errors, cancellation, reconnect and drain. The real router is exercised end to end
 * by the launcher's ToolsEndToEndIT, which runs examples/backend.js against the platform.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { argumentsSchema, backoffDelay, connect, tool, ToolError } from '../src/index.js';

function router() {
  const server = new WebSocketServer({ port: 0 });
  const frames: any[] = [];
  const waiting: Array<(frame: any) => void> = [];
  let socket: WebSocket | undefined;
  const headers: string[] = [];
  server.on('connection', (ws, request) => {
    socket = ws;
    headers.push(request.headers.authorization ?? '');
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      const next = waiting.shift();
      next ? next(frame) : frames.push(frame);
    });
  });
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    headers,
    next: (): Promise<any> =>
      frames.length > 0 ? Promise.resolve(frames.shift()) : new Promise((resolve) => waiting.push(resolve)),
    send: (frame: object) => socket!.send(JSON.stringify({ v: 1, ...frame })),
    drop: () => socket!.terminate(),
    close: () => server.close(),
  };
}

const tools = [
  tool({
    name: 'add',
    description: 'Adds two numbers.',
    input: z.object({ a: z.number(), b: z.number() }),
    handler: ({ a, b }) => a + b,
  }),
  tool({
    name: 'refuse',
    description: 'Fails on purpose.',
    input: { type: 'object' },
    handler: () => {
      throw new ToolError('out_of_stock', 'no more widgets', true);
    },
  }),
  tool({
    name: 'wait',
    description: 'Waits until cancelled.',
    input: { type: 'object' },
    handler: (_args, { signal }) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))),
  }),
];

test('says hello, registers its tools with JSON Schemas, and answers calls', async () => {
  const r = router();
  const client = connect({ url: r.url, secret: 'stoa_sdk_test', tools, logger: { info() {}, warn() {}, error() {} } });
  const hello = await r.next();
  assert.equal(hello.type, 'hello');
  assert.equal(hello.v, 1);
  assert.equal(r.headers[0], 'Bearer stoa_sdk_test');
  r.send({ type: 'welcome', session_id: 's', connection_id: 'c', heartbeat_interval_ms: 25000, limits: {} });
  const register = await r.next();
  assert.equal(register.type, 'register');
  const add = register.tools.find((t: any) => t.name === 'add');
  assert.deepEqual(add.input_schema.properties, { a: { type: 'number' }, b: { type: 'number' } });
  assert.equal(add.input_schema.$schema, undefined);
  r.send({ type: 'registered', tools: [] });
  await client.registered();

  r.send({ type: 'call', call_id: 'c1', tool: 'add', arguments: { a: 2, b: 40 }, timeout_ms: 1000 });
  assert.deepEqual(await r.next(), { v: 1, type: 'result', call_id: 'c1', result: 42 });
  r.send({ type: 'call', call_id: 'c2', tool: 'add', arguments: { a: 'two' }, timeout_ms: 1000 });
  const invalid = await r.next();
  assert.equal(invalid.error.code, 'invalid_arguments');
  r.send({ type: 'call', call_id: 'c3', tool: 'refuse', arguments: {}, timeout_ms: 1000 });
  assert.deepEqual((await r.next()).error, { code: 'out_of_stock', message: 'no more widgets', retryable: true });

  // a cancelled call sends nothing back
  r.send({ type: 'call', call_id: 'c4', tool: 'wait', arguments: {}, timeout_ms: 1000 });
  r.send({ type: 'cancel', call_id: 'c4', reason: 'timed_out' });
  r.send({ type: 'call', call_id: 'c5', tool: 'add', arguments: { a: 1, b: 1 }, timeout_ms: 1000 });
  assert.equal((await r.next()).call_id, 'c5');

  const closing = client.close();
  assert.equal((await r.next()).type, 'drain');
  await closing;
  r.close();
});

test('reconnects after a dropped connection and registers again', async () => {
  const r = router();
  const client = connect({
    url: r.url,
    secret: 'stoa_sdk_test',
    tools,
    reconnect: { baseMs: 20, maxMs: 100 },
    logger: { info() {}, warn() {}, error() {} },
  });
  for (let i = 0; i < 2; i++) {
    assert.equal((await r.next()).type, 'hello');
    r.send({ type: 'welcome', session_id: 's', connection_id: 'c', heartbeat_interval_ms: 25000, limits: {} });
    assert.equal((await r.next()).type, 'register');
    r.send({ type: 'registered', tools: [] });
    await client.registered();
    if (i === 0) {
      r.drop();
    }
  }
  assert.equal(client.registrationCount, 2);
  await client.close();
  r.close();
});

test('converts zod schemas and leaves JSON Schemas as they are; back-off grows with jitter', () => {
  assert.deepEqual(argumentsSchema({ type: 'object' }), { type: 'object' });
  assert.equal((argumentsSchema(z.object({ city: z.string() })) as any).properties.city.type, 'string');
  for (let attempt = 0; attempt < 30; attempt++) {
    const ceiling = Math.min(2000, 100 * 2 ** attempt);
    const delay = backoffDelay(attempt, 100, 2000);
    assert.ok(delay >= ceiling / 4 && delay <= ceiling, `attempt ${attempt}: ${delay}`);
  }
  assert.throws(() => connect({ url: 'http://x', secret: 's', tools: [] }), /no tools/);
  assert.throws(
    () => connect({ url: 'http://x', secret: 's', tools: [{ name: 'bad name', description: 'd', input: {}, handler: () => 1 }] }),
    /must match/,
  );
});
