/**
 * The two fields hookgate needs from a Braintree notification, read from its XML text without an XML
 * parser (core has no XML dependency): the text of the first `<kind>` and `<timestamp ...>` elements. A
 * regular expression over the text with no nesting and no backtracking across tags: nothing is expanded
 * (no entities, no DTD), and a body of any size costs one linear scan. Braintree writes both as plain
 * text (`subscription_charged_successfully`, `2026-12-01T10:00:00Z`); entities are decoded for the five
 * XML names only.
 */
export function notificationFields(xml: string): { kind: string; timestamp: string | undefined } {
  return { kind: elementText(xml, 'kind') ?? 'notification', timestamp: elementText(xml, 'timestamp') }
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function elementText(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}(?:\\s[^<>]*)?>([^<]*)</${name}>`).exec(xml)
  if (match === null) return undefined
  return match[1]!.trim().replace(/&(amp|lt|gt|quot|apos);/g, (_, entity: string) => entities[entity]!)
}
