/**
 * The key a delivery's id is claimed under: `namespace:provider:` (the receiver's `keyNamespace`), then
 * the tenant, URI-encoded so it holds no `:`, and a `:`; then the id. Two tenants' identical ids thus never
 * share a key, and no tenant and id pair can spell another's. One flat string: `+` would make a rope, and
 * the memory store keeps the key for every remembered id.
 */
export function dedupKey(keyNamespace: string, tenant: string | undefined, id: string): string {
  return tenant === undefined
    ? [keyNamespace, id].join('')
    : [keyNamespace, encodeURIComponent(tenant), ':', id].join('')
}

/** The id part of a `dedupKey`. */
export function idOfKey(key: string, keyNamespace: string, tenant: string | undefined): string {
  const start = keyNamespace.length + (tenant === undefined ? 0 : encodeURIComponent(tenant).length + 1)
  return key.slice(start)
}
