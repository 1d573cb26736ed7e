/** Float32 arrays as base64 in the stance model's JSON file. */

export function encodeFloats(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function decodeFloats(text: string, length: number): Float32Array | null {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== length * 4) return null;
  const out = new Float32Array(length);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
