/** How often the VM tab and the VM card reload while the browser tab is visible. */
export const VM_REFRESH_INTERVAL_MS = 15_000;

/** How often the fleet page and the fleet card reload while the browser tab is visible. */
export const FLEET_REFRESH_INTERVAL_MS = 30_000;
