import { EventEmitter } from 'node:events';
import WebSocket from 'ws';

interface BidiResponse {
  type: 'success' | 'error' | 'event';
  id?: number;
  result?: unknown;
  error?: string;
  message?: string;
  method?: string;
  params?: unknown;
}

/**
 * A minimal WebDriver BiDi client (https://w3c.github.io/webdriver-bidi/): commands are JSON
 * messages over one websocket, answered by id; events arrive on the same socket. Enough to
 * drive Firefox, which playwright-core cannot (see docs/testing.md).
 */
export class BidiClient extends EventEmitter {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    super();
    socket.on('message', (data) => this.receive(JSON.parse(data.toString()) as BidiResponse));
    socket.on('close', () => {
      for (const { reject } of this.pending.values()) reject(new Error('WebDriver BiDi connection closed'));
      this.pending.clear();
    });
  }

  static async connect(url: string): Promise<BidiClient> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new BidiClient(socket);
  }

  /** Sends a command and resolves with its result; a BiDi error becomes a thrown Error. */
  send<T = unknown>(method: string, params: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`WebDriver BiDi ${method} got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.socket.close();
  }

  private receive(message: BidiResponse): void {
    if (message.type === 'event' && message.method) {
      this.emit(message.method, message.params);
      return;
    }
    const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
    if (!waiting || message.id === undefined) return;
    this.pending.delete(message.id);
    if (message.type === 'error')
      waiting.reject(new Error(`WebDriver BiDi: ${message.error}: ${message.message}`));
    else waiting.resolve(message.result);
  }
}
