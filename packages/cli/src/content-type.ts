import type { Provider } from '@hookgate/core'

/**
 * `provider`, its signed requests sent as `contentType`: one place for both `send` and `sign`, for a
 * profile whose sender posts a media type other than the one its `sign()` writes.
 */
export function withContentType(provider: Provider, contentType: string): Provider {
  return {
    ...provider,
    async sign(input) {
      const signed = await provider.sign(input)
      const headers = Object.fromEntries(
        Object.entries(signed.headers).filter(([name]) => name.toLowerCase() !== 'content-type'),
      )
      return { ...signed, headers: { ...headers, 'Content-Type': contentType } }
    },
  }
}
