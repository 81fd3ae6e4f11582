// placeholder: not written yet
export async function run() {
  return { ok: false, summary: 'not written yet' };
}
