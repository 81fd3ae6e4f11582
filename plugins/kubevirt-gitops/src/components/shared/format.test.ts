import {
  formatAge,
  formatBytes,
  formatClock,
  formatCores,
  formatMessageTimes,
  plural,
} from './format';

describe('format', () => {
  it('formats bytes with binary units', () => {
    expect(formatBytes(undefined)).toBe('–');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(192 * 1024 ** 3)).toBe('192 GiB');
  });

  it('formats cores', () => {
    expect(formatCores(48)).toBe('48');
    expect(formatCores(3.5)).toBe('3.5');
    expect(formatCores(undefined)).toBe('–');
  });

  it('formats ages relative to a given time', () => {
    const now = Date.parse('2025-11-24T10:00:00Z');
    expect(formatAge('2025-11-24T09:59:30Z', now)).toBe('30 s ago');
    expect(formatAge('2025-11-24T09:58:00Z', now)).toBe('2 min ago');
    expect(formatAge('2025-11-24T07:00:00Z', now)).toBe('3 h ago');
    expect(formatAge('2025-11-20T10:00:00Z', now)).toBe('4 d ago');
    expect(formatAge('not a date', now)).toBe('–');
    expect(formatAge(undefined, now)).toBe('–');
  });

  it('writes the ISO times of a message as the local clock and their age', () => {
    const now = Date.parse('2025-11-24T10:00:00Z');
    const clock = formatClock(new Date('2025-11-24T09:59:30.123Z'));
    expect(
      formatMessageTimes(
        'ocm:hub could not be reached (ECONNREFUSED) (showing data from 2025-11-24T09:59:30.123Z)',
        now,
      ),
    ).toBe(
      `ocm:hub could not be reached (ECONNREFUSED) (showing data from ${clock}, 30 s ago)`,
    );
    expect(formatMessageTimes('answered 503: service unavailable', now)).toBe(
      'answered 503: service unavailable',
    );
    expect(formatMessageTimes('at 2025-13-45T99:99:99Z', now)).toBe(
      'at 2025-13-45T99:99:99Z',
    );
  });

  it('pluralizes', () => {
    expect(plural(1, 'cluster')).toBe('1 cluster');
    expect(plural(0, 'cluster')).toBe('0 clusters');
  });
});
