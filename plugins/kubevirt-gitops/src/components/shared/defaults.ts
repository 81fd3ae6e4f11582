/** How often the VM tab and the VM card reload while the browser tab is visible. */
export const VM_REFRESH_INTERVAL_MS = 15_000;

/** How often the fleet page and the fleet card reload while the browser tab is visible. */
export const FLEET_REFRESH_INTERVAL_MS = 30_000;

/**
 * While live signals replace polling, a VM page reloads anyway after this
 * long without a load: the backend signals a VM only to pages whose VM
 * route it answered within the last 10 minutes (VmSignals' watchTtlMs).
 */
export const VM_WATCH_RENEW_MS = 5 * 60_000;
