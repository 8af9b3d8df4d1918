import { readFile } from 'node:fs/promises'
import { UsageError } from './exit.js'

/** The bytes of an `--event` file, exactly: signing must see what is sent. A missing file is a usage error. */
export async function readEventFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path)
  } catch (error) {
    throw new UsageError(`can not read --event ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`)
  }
}
