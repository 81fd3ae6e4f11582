import {
  isObservableSignalApi,
  LiveSignalClient,
  type SignalConnectionState,
} from './LiveSignalClient';

/** A WebSocket the test opens, closes and speaks through. */
class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  closedWith?: number;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;

  constructor(readonly url: string, readonly protocol?: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number) {
    this.closedWith = code ?? 1005;
    this.readyState = 3;
    this.onclose?.();
  }
  /** The server side: */
  accept() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
  deliver(channel: string, message: object) {
    this.onmessage?.({ data: JSON.stringify({ channel, message }) });
  }
}

function makeClient() {
  const states: SignalConnectionState[] = [];
  const client = LiveSignalClient.create({
    identity: { getCredentials: async () => ({ token: 'user-token' }) },
    discoveryApi: {
      getBaseUrl: async () => 'http://localhost:7007/api/signals',
    },
    reconnectDelayMs: 1000,
    connectTimeoutMs: 2000,
    webSocket: (url, protocol) =>
      new FakeSocket(url, protocol) as unknown as WebSocket,
  });
  client.onConnectionStateChange(state => states.push(state));
  return { client, states };
}

/** Lets the discovery and credentials promises settle. */
async function settle() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

const last = () => FakeSocket.all[FakeSocket.all.length - 1];

describe('LiveSignalClient', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    jest.useFakeTimers();
  });
  afterEach(() => jest.useRealTimers());

  it('connects on the first subscription with the token as protocol, and is open once the socket is', async () => {
    const { client, states } = makeClient();
    expect(client.getConnectionState()).toBe('idle');
    const messages: object[] = [];
    client.subscribe('kubevirt-gitops:fleet', m => messages.push(m));
    await settle();
    expect(client.getConnectionState()).toBe('connecting');
    expect(last().url).toBe('ws://localhost:7007/api/signals');
    expect(last().protocol).toBe('user-token');
    last().accept();
    expect(client.getConnectionState()).toBe('open');
    expect(last().sent).toEqual([
      { action: 'subscribe', channel: 'kubevirt-gitops:fleet' },
    ]);
    last().deliver('kubevirt-gitops:fleet', { kind: 'fleet' });
    last().deliver('other', { kind: 'x' });
    expect(messages).toEqual([{ kind: 'fleet' }]);
    expect(states).toEqual(['connecting', 'open']);
  });

  it('says closed when the socket drops, reconnects after the delay and subscribes every channel again', async () => {
    const { client, states } = makeClient();
    client.subscribe('a', () => {});
    client.subscribe('b', () => {});
    client.subscribe('b', () => {});
    await settle();
    last().accept();
    expect(last().sent).toHaveLength(2);

    last().drop();
    expect(client.getConnectionState()).toBe('closed');
    expect(FakeSocket.all).toHaveLength(1);
    jest.advanceTimersByTime(1000);
    await settle();
    expect(FakeSocket.all).toHaveLength(2);
    last().accept();
    expect(client.getConnectionState()).toBe('open');
    expect(last().sent).toEqual([
      { action: 'subscribe', channel: 'a' },
      { action: 'subscribe', channel: 'b' },
    ]);
    expect(states).toEqual([
      'connecting',
      'open',
      'closed',
      'connecting',
      'open',
    ]);
  });

  it('gives up on a socket that does not open in time and tries again', async () => {
    const { client } = makeClient();
    client.subscribe('a', () => {});
    await settle();
    jest.advanceTimersByTime(2000);
    expect(client.getConnectionState()).toBe('closed');
    jest.advanceTimersByTime(1000);
    await settle();
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('subscribes a new channel on the open socket once, unsubscribes the last listener of a channel, and closes normally with none left', async () => {
    const { client } = makeClient();
    const first = client.subscribe('a', () => {});
    await settle();
    last().accept();
    const second = client.subscribe('b', () => {});
    const third = client.subscribe('b', () => {});
    second.unsubscribe();
    third.unsubscribe();
    expect(last().sent).toEqual([
      { action: 'subscribe', channel: 'a' },
      { action: 'subscribe', channel: 'b' },
      { action: 'unsubscribe', channel: 'b' },
    ]);
    first.unsubscribe();
    expect(last().closedWith).toBe(1000);
    expect(client.getConnectionState()).toBe('idle');
    jest.advanceTimersByTime(10_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('is told apart from a signal API that cannot say how its connection stands', () => {
    expect(isObservableSignalApi(makeClient().client)).toBe(true);
    expect(
      isObservableSignalApi({ subscribe: () => ({ unsubscribe() {} }) }),
    ).toBe(false);
    expect(isObservableSignalApi(undefined)).toBe(false);
  });
});
