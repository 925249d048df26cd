/**
 * A role a facilitator typed into their own name, before the cursor had a
 * mark for it: "Mona (Moderation)", "Tom (Moderator:in)", "Ada (Facilitator)".
 */
const TYPED_ROLE = /\s*\((?:moderat|facilitat)[^)]*\)\s*$/i

/**
 * The name on a cursor's label. A facilitator's label is just the name: the
 * mark beside it says the role, and tldraw cuts a long label to 120 px
 * ("Mona (Moderati…"). Only behind the mark is the typed role dropped, so
 * it never disappears without a replacement.
 */
export function cursorName(name: string, facilitator: boolean): string {
  if (!facilitator) return name
  const short = name.replace(TYPED_ROLE, '')
  return short === '' ? name : short
}
