/*
 * cloud-init user data: SSH public keys only (no passwords, no scripts).
 */
import { createYamlDocument, yamlText } from './yamlDocument';

/** `#cloud-config` user data that authorises the given SSH public keys. */
export function cloudInitUserData(sshKeys: readonly string[]): string {
  const document = createYamlDocument(
    { ssh_authorized_keys: [...sshKeys] },
    'cloud-config',
  );
  return yamlText(document);
}
