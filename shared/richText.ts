/**
 * Plain text of a tldraw rich text value (ProseMirror/TipTap JSON:
 * `{ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }`).
 *
 * The value comes from a board document any participant can write to, so
 * nothing about its shape is assumed: unknown nodes are read for their text,
 * anything malformed contributes nothing, and nesting is cut off before it
 * could exhaust the stack.
 */
const MAX_DEPTH = 64

type Node = { type?: unknown; text?: unknown; content?: unknown }

/** Paragraphs, headings and list items become lines; inline text and hard breaks are joined within them. */
export function richTextToPlainText(value: unknown): string {
  const lines = blockLines(value, 0)
  // Empty paragraphs between lines are kept; at the ends they are only noise.
  while (lines.length > 0 && lines[0]?.trim() === '') lines.shift()
  while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop()
  return lines.join('\n')
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function children(node: Node): unknown[] {
  return Array.isArray(node.content) ? node.content : []
}

function isInline(value: unknown): boolean {
  return isNode(value) && (value.type === 'text' || value.type === 'hardBreak' || typeof value.text === 'string')
}

function blockLines(value: unknown, depth: number): string[] {
  if (!isNode(value) || depth > MAX_DEPTH) return []
  const content = children(value)
  // A text block: its children are inline, or it is one that may be empty (an empty paragraph is a blank line).
  if (value.type === 'paragraph' || value.type === 'heading' || value.type === 'codeBlock' || (content.length > 0 && content.every(isInline))) {
    return inlineText(content, depth + 1).split('\n')
  }
  if (isInline(value)) return inlineText([value], depth + 1).split('\n')
  const lines = content.flatMap((child) => blockLines(child, depth + 1))
  // A list item's first line carries the bullet, so items stay apart when they wrap.
  if (value.type === 'listItem' || value.type === 'taskItem') {
    const [first = '', ...rest] = lines
    return [`• ${first}`, ...rest]
  }
  return lines
}

function inlineText(content: unknown[], depth: number): string {
  if (depth > MAX_DEPTH) return ''
  return content
    .map((child) => {
      if (!isNode(child)) return ''
      if (child.type === 'hardBreak') return '\n'
      if (typeof child.text === 'string') return child.text
      return inlineText(children(child), depth + 1)
    })
    .join('')
}
