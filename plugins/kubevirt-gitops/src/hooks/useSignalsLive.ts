import { useApiHolder } from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { useEffect, useState } from 'react';
import {
  isObservableSignalApi,
  type SignalConnectionState,
} from '../signals/LiveSignalClient';

/**
 * Whether live signals arrive now: the app has a signal API that says how
 * its connection stands ({@link LiveSignalClient}) and that connection is
 * open. False without the signals plugin, with a signal API that does not
 * say (the stock `SignalClient`), and while the connection is down: then
 * the pages poll.
 *
 * @public
 */
export function useSignalsLive(): boolean {
  const api = useApiHolder().get(signalApiRef);
  const observable = isObservableSignalApi(api) ? api : undefined;
  const [state, setState] = useState<SignalConnectionState | undefined>(() =>
    observable?.getConnectionState(),
  );
  useEffect(() => {
    if (!observable) {
      setState(undefined);
      return undefined;
    }
    setState(observable.getConnectionState());
    return observable.onConnectionStateChange(setState);
  }, [observable]);
  return state === 'open';
}
