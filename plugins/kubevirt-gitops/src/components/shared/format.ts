/** Formats cores, e.g. `48`, `3.5`. */
export function formatCores(cores: number | undefined): string {
  if (cores === undefined) {
    return '–';
  }
  return `${Number.isInteger(cores) ? cores : cores.toFixed(1)}`;
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Formats bytes with binary units, e.g. `192 GiB`. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) {
    return '–';
  }
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown =
    value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1);
  return `${shown} ${BINARY_UNITS[unit]}`;
}

/** `5 s ago`, `3 min ago`, `2 h ago`, `4 d ago`, from an ISO time. */
export function formatAge(iso: string | undefined, now: number): string {
  if (!iso) {
    return '–';
  }
  const then = Date.parse(iso);
  if (Number.isNaN(then)) {
    return '–';
  }
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) {
    return `${seconds} s ago`;
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ago`;
  }
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} d ago`;
}

/** `12:03:04`, local time. */
export function formatClock(date: Date): string {
  return date.toLocaleTimeString(undefined, { hour12: false });
}

const ISO_TIME =
  /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;

/**
 * A message with every ISO time in it (e.g. an upstream error's `(showing
 * data from 2025-11-24T09:59:30.000Z)`) written as the local clock and its
 * age as of `now`: `(showing data from 10:59:30, 30 s ago)`.
 */
export function formatMessageTimes(message: string, now: number): string {
  return message.replace(ISO_TIME, iso => {
    const then = Date.parse(iso);
    return Number.isNaN(then)
      ? iso
      : `${formatClock(new Date(then))}, ${formatAge(iso, now)}`;
  });
}

/** `1 cluster`, `3 clusters`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
