/** `bytes` random bytes as hex, for ids that look like a provider's own. */
export const random = (bytes: number) =>
  Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex')
