import { digest, type Encoding, type HashAlgorithm, timingSafeEqualText } from '../crypto/backend.js'
import { joinParts } from '../crypto/bytes.js'
import { andThen, someIndex } from '../maybe-promise.js'
import type { Verifier } from './verifiers.js'

/**
 * The digest of the secret followed by the content, the MAC some senders used before HMAC (HubSpot's v1
 * and v2 signatures). Weaker than HMAC: a digest of `secret || body` can be extended without the secret,
 * so it is only for senders that still send it, next to their HMAC scheme. Each secret's digest is
 * compared in constant time to every candidate as received (canonical encoding only, as for HMAC).
 */
export function keyedDigestVerifier(
  algorithm: HashAlgorithm,
  encoding: Encoding,
  secrets: readonly string[],
): Verifier & Required<Pick<Verifier, 'sign'>> {
  const mac = (secret: string, content: readonly (Uint8Array | string)[]) =>
    digest(algorithm, joinParts([secret, ...content]), encoding)
  return {
    verify(contents, candidates) {
      return someIndex(contents.length * secrets.length, (i) =>
        andThen(mac(secrets[i % secrets.length]!, contents[Math.floor(i / secrets.length)]!), (expected) =>
          candidates.some((candidate) => timingSafeEqualText(expected, candidate)),
        ),
      )
    },
    async sign(content) {
      return mac(secrets[0]!, content)
    },
  }
}
