const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }

/**
 * A sample as XML: each key an element, nested objects nested elements, values as escaped text. Enough for
 * the notifications a sample holds (no attributes, no lists), so the CLI needs no XML dependency.
 */
export function toXml(payload: Readonly<Record<string, unknown>>): string {
  return Object.entries(payload)
    .map(([name, value]) => {
      const content =
        typeof value === 'object' && value !== null
          ? toXml(value as Record<string, unknown>)
          : String(value).replace(/[&<>]/g, (char) => escapes[char]!)
      return `<${name}>${content}</${name}>`
    })
    .join('')
}
