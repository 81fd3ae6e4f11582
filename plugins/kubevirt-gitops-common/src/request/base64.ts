/*
 * Strict, dependency-free base64 decoding that behaves the same in browsers
 * and Node (no Buffer, no atob leniency about whitespace).
 */

const ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const STRICT_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes standard, padded base64. Returns `undefined` for anything else
 * (wrong alphabet, missing padding, stray characters).
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !STRICT_BASE64.test(text)) {
    return undefined;
  }
  const padding = text.length - text.replace(/=+$/, '').length;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let byteIndex = 0;
  for (let i = 0; i < text.length; i += 4) {
    const sextets = [0, 1, 2, 3].map(offset => {
      const character = text[i + offset];
      return character === '=' ? 0 : ALPHABET.indexOf(character);
    });
    const triple =
      (sextets[0] << 18) | (sextets[1] << 12) | (sextets[2] << 6) | sextets[3];
    for (const shift of [16, 8, 0]) {
      if (byteIndex < bytes.length) {
        bytes[byteIndex++] = (triple >> shift) & 0xff;
      }
    }
  }
  return bytes;
}
