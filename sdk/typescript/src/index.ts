/**
 * TypeScript SDK of Stoa: a backend's functions become tools that Stoa's agents call. The backend connects out to
 * Stoa's SDK WebSocket (/ws/sdk, protocol v1: docs/sdk-protocol.md) with an SDK connection's secret.
 */
import WebSocket from 'ws';
import { toJSONSchema, type ZodType } from 'zod';

/** A JSON Schema of a tool's arguments object (draft 2020-12). */
export type JsonSchema = Record<string, unknown>;

/** What a handler gets besides its arguments. */
export interface CallContext {
  /** The router's id of this call. */
  callId: string;
  /** Aborted when the caller gives up (deadline passed, cancelled) or the client closes. */
  signal: AbortSignal;
  /** Reports progress (0..1) to the caller. */
  progress(fraction: number, message?: string): void;
}

/** A tool: a name the model calls, a description, the arguments' schema (zod or JSON Schema) and a handler. */
export interface ToolDefinition<A = any> {
  name: string;
  description: string;
  input: ZodType<A> | JsonSchema;
  handler: (args: A, context: CallContext) => unknown | Promise<unknown>;
  /** The call deadline in milliseconds (100..600000); the platform's default (30 s) when absent. */
  timeoutMs?: number;
  /** Whether a call may run twice: the platform retries it on another connection when one drops mid-call. */
  idempotent?: boolean;
  tags?: string[];
}

/** A failure as the model should see it: a stable code, a message, and whether trying again may help. */
export class ToolError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

export interface ConnectOptions {
  /** The SDK connection's secret (stoa_sdk_...). Keep it out of source code and logs. */
  secret: string;
  /** The platform's address (the gateway, https://...) or the socket's (wss://.../ws/sdk). */
  url: string;
  tools: ToolDefinition[];
  /** Reconnect delays: the first at most baseMs, doubling to maxMs, each randomised (jitter). */
  reconnect?: { baseMs: number; maxMs: number };
  /** How long close() lets calls in flight finish. */
  drainTimeoutMs?: number;
  /** Where the SDK reports what happens; console by default. */
  logger?: Pick<Console, 'info' | 'warn' | 'error'>;
}

/** Defines a tool with its arguments' type inferred from a zod schema. */
export function tool<A>(definition: ToolDefinition<A>): ToolDefinition<A> {
  return definition;
}

/** Connects to Stoa and keeps the connection up; returns at once. */
export function connect(options: ConnectOptions): StoaClient {
  const client = new StoaClient(options);
  client.start();
  return client;
}

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

function isZod(input: unknown): input is ZodType {
  return typeof (input as { safeParse?: unknown }).safeParse === 'function';
}

/** The JSON Schema of a tool's arguments (zod schemas are converted). */
export function argumentsSchema(input: ZodType | JsonSchema): JsonSchema {
  if (!isZod(input)) {
    return input;
  }
  const schema = toJSONSchema(input) as JsonSchema;
  delete schema.$schema;
  return schema;
}

/** Exponential back-off with jitter: attempt n waits between a quarter of and min(max, base * 2^n). */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return ceiling / 4 + Math.random() * (ceiling - ceiling / 4);
}

function socketUrl(url: string): string {
  let u = url.replace(/\/+$/, '').replace(/^http:/, 'ws:').replace(/^https:/, 'wss:');
  return u.endsWith('/ws/sdk') ? u : `${u}/ws/sdk`;
}

/** A live client: reconnects by itself until closed. */
export class StoaClient {
  private readonly url: string;
  private readonly tools = new Map<string, ToolDefinition>();
  private readonly running = new Map<string, AbortController>();
  private readonly log: Pick<Console, 'info' | 'warn' | 'error'>;
  private socket: WebSocket | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private attempt = 0;
  private closing = false;
  private registrations = 0;
  private registeredOn: WebSocket | undefined;
  private waiters: Array<() => void> = [];

  constructor(private readonly options: ConnectOptions) {
    this.url = socketUrl(options.url);
    this.log = options.logger ?? console;
    for (const t of options.tools) {
      if (!NAME.test(t.name)) {
        throw new Error(`tool name '${t.name}' must match ${NAME}`);
      }
      if (this.tools.has(t.name)) {
        throw new Error(`two tools are named ${t.name}`);
      }
      this.tools.set(t.name, t);
    }
    if (this.tools.size === 0) {
      throw new Error('no tools: pass tools to connect()');
    }
  }

  /** Resolves once the tools are registered on a live connection. */
  registered(): Promise<void> {
    if (this.registeredOn !== undefined && this.registeredOn === this.socket && this.socket.readyState === WebSocket.OPEN) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** How many times the tools were registered (once per connection). */
  get registrationCount(): number {
    return this.registrations;
  }

  start(): void {
    const ws = new WebSocket(this.url, { headers: { Authorization: `Bearer ${this.options.secret}` } });
    this.socket = ws;
    ws.on('open', () => this.send({ type: 'hello', sdk: { name: 'stoa-typescript', version: '0.1.0' } }));
    ws.on('message', (data) => this.onFrame(data.toString()));
    ws.on('error', (error) => this.log.warn(`Stoa connection error: ${error.message}`));
    ws.on('close', (code) => {
      clearInterval(this.heartbeat);
      this.socket = undefined;
      if (!this.closing) {
        const delay = backoffDelay(this.attempt++, this.options.reconnect?.baseMs ?? 500, this.options.reconnect?.maxMs ?? 30_000);
        this.log.warn(`Stoa connection closed (${code}); reconnecting in ${Math.round(delay)} ms`);
        setTimeout(() => this.closing || this.start(), delay);
      }
    });
  }

  private onFrame(text: string): void {
    let frame: any;
    try {
      frame = JSON.parse(text);
    } catch {
      this.log.warn('Stoa sent an unreadable frame');
      return;
    }
    switch (frame.type) {
      case 'welcome': {
        this.attempt = 0;
        clearInterval(this.heartbeat);
        this.heartbeat = setInterval(() => this.send({ type: 'heartbeat' }), frame.heartbeat_interval_ms ?? 25_000);
        this.heartbeat.unref();
        this.send({
          type: 'register',
          tools: [...this.tools.values()].map((t) => ({
            name: t.name,
            description: t.description,
            input_schema: argumentsSchema(t.input),
            ...(t.timeoutMs ? { timeout_ms: t.timeoutMs } : {}),
            tags: t.tags ?? [],
            idempotent: t.idempotent ?? false,
          })),
        });
        break;
      }
      case 'registered': {
        for (const t of frame.tools ?? []) {
          if (t.status !== 'accepted') {
            this.log.error(`Stoa refused tool ${t.name}: ${t.error}`);
          }
        }
        this.registrations++;
        this.registeredOn = this.socket;
        const waiters = this.waiters;
        this.waiters = [];
        waiters.forEach((resolve) => resolve());
        break;
      }
      case 'call':
        void this.call(frame.call_id, frame.tool, frame.arguments ?? {});
        break;
      case 'cancel':
        this.running.get(frame.call_id)?.abort();
        break;
      case 'protocol_error':
        this.log.warn(`Stoa refused a frame: ${frame.code} ${frame.message}`);
        break;
      default:
        break; // heartbeat answers; frames of newer versions need nothing
    }
  }

  private async call(callId: string, name: string, args: unknown): Promise<void> {
    const definition = this.tools.get(name);
    if (!definition) {
      this.error(callId, 'tool_unavailable', `this backend has no tool ${name}`, false);
      return;
    }
    const controller = new AbortController();
    this.running.set(callId, controller);
    try {
      let input = args;
      if (isZod(definition.input)) {
        const parsed = definition.input.safeParse(args);
        if (!parsed.success) {
          throw new ToolError('invalid_arguments', `the arguments do not fit the tool: ${parsed.error.message}`);
        }
        input = parsed.data;
      }
      const result = await definition.handler(input, {
        callId,
        signal: controller.signal,
        progress: (fraction, message) =>
          this.send({ type: 'progress', call_id: callId, fraction, ...(message ? { message } : {}) }),
      });
      if (!controller.signal.aborted) {
        this.send({ type: 'result', call_id: callId, result: result === undefined ? null : result });
      }
    } catch (e) {
      if (controller.signal.aborted) {
        return; // the router has already ended the call
      }
      if (e instanceof ToolError) {
        this.error(callId, e.code, e.message, e.retryable);
      } else {
        const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        this.error(callId, 'tool_failed', message, false);
      }
    } finally {
      this.running.delete(callId);
    }
  }

  private error(callId: string, code: string, message: string, retryable: boolean): void {
    this.send({ type: 'error', call_id: callId, error: { code, message: message.slice(0, 2000), retryable } });
  }

  private send(frame: Record<string, unknown>): void {
    const ws = this.socket;
    if (ws?.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify({ v: 1, ...frame }));
    }
  }

  /** Drains (no new calls), lets calls in flight finish (bounded), then disconnects. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    const ws = this.socket;
    if (!ws) {
      return;
    }
    this.send({ type: 'drain' });
    const deadline = Date.now() + (this.options.drainTimeoutMs ?? 10_000);
    while (this.running.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    this.running.forEach((controller) => controller.abort());
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.close(1000, 'shutdown');
      setTimeout(() => {
        ws.terminate();
        resolve();
      }, 5_000).unref();
    });
  }
}
