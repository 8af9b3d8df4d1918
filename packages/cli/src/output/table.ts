/** One column of a plain-text table: how to read the cell from a row and which side to pad. */
export interface Column<T> {
  header: string
  cell: (row: T) => string
  /**
   * Numbers read best right-aligned.
   * @default 'left'
   */
  align?: 'left' | 'right'
}

/**
 * Formats rows as an aligned plain-text table with a header rule: readable in a terminal, greppable in a
 * log, and free of box-drawing characters that break on Windows consoles and in CI logs.
 */
export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)))
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...cells.map((line) => line[i]!.length)),
  )
  const render = (line: readonly string[]) =>
    line
      .map((text, i) => (columns[i]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()
  const header = render(columns.map((column) => column.header))
  const rule = render(widths.map((width) => '-'.repeat(width)))
  return `${[header, rule, ...cells.map(render)].join('\n')}\n`
}
