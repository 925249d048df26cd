export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const
export type ImageType = (typeof IMAGE_TYPES)[number]

export const EXTENSION_BY_TYPE: Record<ImageType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
}

const SIGNATURES: ReadonlyArray<{ type: ImageType; offset: number; bytes: readonly number[] }> = [
  { type: 'image/png', offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', offset: 0, bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'image/webp', offset: 8, bytes: [0x57, 0x45, 0x42, 0x50] },
]

/**
 * The image type by the file's own magic bytes, never by the declared
 * Content-Type. SVG is deliberately not accepted: it is a document that can
 * carry script, and it is served back from our own origin.
 */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  for (const signature of SIGNATURES) {
    if (bytes.length < signature.offset + signature.bytes.length) continue
    if (signature.bytes.every((byte, i) => bytes[signature.offset + i] === byte)) {
      if (signature.type === 'image/webp' && !startsWithRiff(bytes)) continue
      return signature.type
    }
  }
  return null
}

function startsWithRiff(bytes: Uint8Array): boolean {
  return bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x46
}
