import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { FakeSlack } from './fake-slack';

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/**
 * Slack's Socket Mode side: `apps.connections.open` on the fake Web API hands out this server's
 * ws:// URL; the server greets with `hello`, sends envelopes and collects the app's acks.
 */
export class FakeSocketMode {
  private readonly acks: SocketAck[] = [];
  private socket: WebSocket | undefined;
  private counter = 0;

  private constructor(
    private readonly server: WebSocketServer,
    private readonly fake: FakeSlack,
  ) {
    server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => this.acks.push(JSON.parse(String(data)) as SocketAck));
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' } }));
    });
  }

  static async start(fake: FakeSlack): Promise<FakeSocketMode> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    fake.handle('apps.connections.open', () => ({ url: `ws://127.0.0.1:${port}/link` }));
    return new FakeSocketMode(server, fake);
  }

  connected(): Promise<void> {
    return this.fake.waitFor(() => this.socket?.readyState === 1).then(() => undefined);
  }

  /** Sends an envelope and resolves with the app's ack of it. */
  async send(type: string, payload: Record<string, unknown>): Promise<SocketAck> {
    const envelopeId = `env-${++this.counter}`;
    this.socket?.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: true,
        retry_attempt: 0,
        retry_reason: '',
      }),
    );
    return this.fake.waitFor(() => this.acks.find((a) => a.envelope_id === envelopeId));
  }

  async close(): Promise<void> {
    // Let a disconnecting app finish its close handshake, or it keeps a timer waiting for one.
    const deadline = Date.now() + 2_000;
    while (this.server.clients.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
