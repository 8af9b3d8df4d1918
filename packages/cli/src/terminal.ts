/**
 * Everything a command touches outside itself. `process` satisfies it, and tests pass a fake, so every
 * command runs in-process under test without spawning a child.
 */
export interface Terminal {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown; isTTY?: boolean }
  stdin: AsyncIterable<Uint8Array | string> & { isTTY?: boolean }
  env: Readonly<Record<string, string | undefined>>
}

/** The whole of stdin as bytes, for payloads piped into `hookgate sign`. */
export async function readAll(input: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks)
}
