import type { DiscoveryApi, IdentityApi } from '@backstage/core-plugin-api';
import type {
  SignalApi,
  SignalSubscriber,
} from '@backstage/plugin-signals-react';

/** A signal's message: the JSON object type `SignalApi.subscribe` takes. */
type JsonObject = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];

/**
 * Where the signals connection stands:
 *
 * - `idle`: nothing subscribed, no connection wanted;
 * - `connecting`: opening (or re-opening) the WebSocket;
 * - `open`: connected, subscriptions sent: signals arrive;
 * - `closed`: lost or refused; it tries again after the reconnect delay.
 *
 * @public
 */
export type SignalConnectionState = 'idle' | 'connecting' | 'open' | 'closed';

/**
 * A {@link @backstage/plugin-signals-react#SignalApi} that also says whether
 * its connection is up, so a page can stop polling while signals arrive and
 * poll again when they cannot.
 *
 * @public
 */
export interface ObservableSignalApi extends SignalApi {
  getConnectionState(): SignalConnectionState;
  /** Calls `listener` on every change of state; returns the unsubscribe. */
  onConnectionStateChange(
    listener: (state: SignalConnectionState) => void,
  ): () => void;
}

/**
 * Whether a signal API says how its connection stands (the stock
 * `SignalClient` of `@backstage/plugin-signals` does not).
 *
 * @public
 */
export function isObservableSignalApi(
  api: SignalApi | undefined,
): api is ObservableSignalApi {
  return (
    api !== undefined &&
    typeof (api as Partial<ObservableSignalApi>).getConnectionState ===
      'function' &&
    typeof (api as Partial<ObservableSignalApi>).onConnectionStateChange ===
      'function'
  );
}

/** The WebSocket constructor (injectable for tests). */
export type WebSocketFactory = (url: string, protocol?: string) => WebSocket;

/** Options of {@link LiveSignalClient.create}. */
export interface LiveSignalClientOptions {
  identity: Pick<IdentityApi, 'getCredentials'>;
  discoveryApi: Pick<DiscoveryApi, 'getBaseUrl'>;
  /** Give up on a connection not open after this long (default 5 s). */
  connectTimeoutMs?: number;
  /** Wait this long before connecting again after a loss (default 5 s). */
  reconnectDelayMs?: number;
  webSocket?: WebSocketFactory;
}

const WS_CLOSE_NORMAL = 1000;

interface Subscription {
  channel: string;
  callback: (message: JsonObject) => void;
}

/**
 * The signals client of `@backstage/plugin-signals` (same wire protocol:
 * a WebSocket to the `signals` backend with the user's token as its
 * protocol, `{action: 'subscribe' | 'unsubscribe', channel}` up,
 * `{channel, message}` down), plus its connection state. It connects on
 * the first subscription, subscribes every channel again after a
 * reconnect, and closes when the last subscription goes.
 *
 * The state is what the browser knows of the WebSocket: `open` from its
 * `open` event until its `close` or `error` event (a backend restart, a
 * proxy dropping it, the signals backend missing). A network that silently
 * drops packets is noticed only when the browser's TCP gives up.
 *
 * @public
 */
export class LiveSignalClient implements ObservableSignalApi {
  static create(options: LiveSignalClientOptions): LiveSignalClient {
    return new LiveSignalClient(options);
  }

  private readonly options: LiveSignalClientOptions;
  private readonly subscriptions = new Map<number, Subscription>();
  private readonly stateListeners = new Set<
    (state: SignalConnectionState) => void
  >();
  private nextId = 1;
  private ws: WebSocket | undefined;
  private state: SignalConnectionState = 'idle';
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  private constructor(options: LiveSignalClientOptions) {
    this.options = options;
  }

  getConnectionState(): SignalConnectionState {
    return this.state;
  }

  onConnectionStateChange(
    listener: (state: SignalConnectionState) => void,
  ): () => void {
    this.stateListeners.add(listener);
    return () => {
      this.stateListeners.delete(listener);
    };
  }

  subscribe<TMessage extends JsonObject = JsonObject>(
    channel: string,
    onMessage: (message: TMessage) => void,
  ): SignalSubscriber {
    const id = this.nextId++;
    const known = this.hasChannel(channel);
    this.subscriptions.set(id, {
      channel,
      callback: onMessage as (message: JsonObject) => void,
    });
    if (this.ws && this.state === 'open') {
      if (!known) this.send({ action: 'subscribe', channel });
    } else if (this.state === 'idle') {
      this.connect();
    }
    return {
      unsubscribe: () => {
        if (!this.subscriptions.delete(id)) return;
        if (!this.hasChannel(channel) && this.state === 'open') {
          this.send({ action: 'unsubscribe', channel });
        }
        if (this.subscriptions.size === 0) this.stop();
      },
    };
  }

  private hasChannel(channel: string): boolean {
    return [...this.subscriptions.values()].some(s => s.channel === channel);
  }

  private setState(state: SignalConnectionState) {
    if (state === this.state) return;
    this.state = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }

  private send(data: JsonObject) {
    if (this.ws?.readyState === 1 /* OPEN */) {
      this.ws.send(JSON.stringify(data));
    }
  }

  private stop() {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const ws = this.ws;
    this.ws = undefined;
    if (ws) {
      ws.onclose = null;
      ws.onerror = null;
      ws.close(WS_CLOSE_NORMAL);
    }
    this.setState('idle');
  }

  private async connect() {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.setState('connecting');
    let ws: WebSocket;
    try {
      const baseUrl = await this.options.discoveryApi.getBaseUrl('signals');
      const { token } = await this.options.identity.getCredentials();
      if (this.subscriptions.size === 0) {
        this.setState('idle');
        return;
      }
      const url = new URL(baseUrl);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      const factory: WebSocketFactory =
        this.options.webSocket ??
        ((target, protocol) => new WebSocket(target, protocol));
      ws = factory(url.toString(), token);
    } catch {
      this.lost();
      return;
    }
    this.ws = ws;
    const timeout = setTimeout(() => {
      if (this.ws === ws && this.state === 'connecting') ws.close();
    }, this.options.connectTimeoutMs ?? 5000);
    ws.onopen = () => {
      clearTimeout(timeout);
      if (this.ws !== ws) return;
      const channels = new Set(
        [...this.subscriptions.values()].map(s => s.channel),
      );
      for (const channel of channels) {
        this.send({ action: 'subscribe', channel });
      }
      this.setState('open');
    };
    ws.onmessage = event => this.handleMessage(event);
    ws.onerror = () => ws.close();
    ws.onclose = () => {
      clearTimeout(timeout);
      if (this.ws !== ws) return;
      this.ws = undefined;
      this.lost();
    };
  }

  private lost() {
    if (this.subscriptions.size === 0) {
      this.setState('idle');
      return;
    }
    this.setState('closed');
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(
      () => this.connect(),
      this.options.reconnectDelayMs ?? 5000,
    );
  }

  private handleMessage(event: MessageEvent) {
    let data: { channel?: unknown; message?: unknown };
    try {
      data = JSON.parse(String(event.data));
    } catch {
      return;
    }
    if (typeof data?.channel !== 'string') return;
    const message = (data.message ?? {}) as JsonObject;
    for (const sub of [...this.subscriptions.values()]) {
      if (sub.channel === data.channel) sub.callback(message);
    }
  }
}
