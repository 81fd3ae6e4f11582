import type { JsonObject } from '../argocd/health';

const GUESTS: Array<{ pattern: RegExp; info: JsonObject }> = [
  {
    pattern: /centos/i,
    info: {
      id: 'centos',
      name: 'CentOS Stream',
      prettyName: 'CentOS Stream 9',
      version: '9',
      versionId: '9',
      kernelRelease: '5.14.0-503.el9.x86_64',
    },
  },
  {
    pattern: /rhel/i,
    info: {
      id: 'rhel',
      name: 'Red Hat Enterprise Linux',
      prettyName: 'Red Hat Enterprise Linux 9.4 (Plow)',
      version: '9.4 (Plow)',
      versionId: '9.4',
      kernelRelease: '5.14.0-427.el9.x86_64',
    },
  },
  {
    pattern: /ubuntu/i,
    info: {
      id: 'ubuntu',
      name: 'Ubuntu',
      prettyName: 'Ubuntu 24.04 LTS',
      version: '24.04 LTS (Noble Numbat)',
      versionId: '24.04',
      kernelRelease: '6.8.0-45-generic',
    },
  },
  {
    pattern: /fedora|.*/i,
    info: {
      id: 'fedora',
      name: 'Fedora Linux',
      prettyName: 'Fedora Linux 41 (Cloud Edition)',
      version: '41 (Cloud Edition)',
      versionId: '41',
      kernelRelease: '6.11.4-301.fc41.x86_64',
    },
  },
];

/** What the guest agent would report for a VM booted from `imageHint` (an image or DataSource name). */
export function guestOsInfo(imageHint: string): JsonObject {
  const guest =
    GUESTS.find(g => g.pattern.test(imageHint)) ?? GUESTS[GUESTS.length - 1];
  return {
    ...guest.info,
    kernelVersion: '#1 SMP PREEMPT_DYNAMIC',
    machine: 'x86_64',
  };
}
