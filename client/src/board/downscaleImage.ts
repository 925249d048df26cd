/** Photos of paper sketches stay legible at this size on a projector, at a fraction of a phone camera's 12 MP. */
export const MAX_IMAGE_DIMENSION_PX = 2560
const JPEG_QUALITY = 0.85

/**
 * Re-encodes a still image whose longer side exceeds `maxDimension`.
 * JPEG stays JPEG (photos); other stills become PNG so transparency and
 * sharp screenshot edges survive. GIFs are left alone: they may be animated.
 */
export async function downscaleImage(file: File, maxDimension = MAX_IMAGE_DIMENSION_PX): Promise<Blob> {
  if (!['image/jpeg', 'image/png', 'image/webp'].includes(file.type)) return file
  const bitmap = await createImageBitmap(file)
  try {
    const scale = maxDimension / Math.max(bitmap.width, bitmap.height)
    if (scale >= 1) return file
    const width = Math.round(bitmap.width * scale)
    const height = Math.round(bitmap.height * scale)
    const canvas = document.createElement('canvas')
    canvas.width = width
    canvas.height = height
    const context = canvas.getContext('2d')
    if (!context) return file
    context.drawImage(bitmap, 0, 0, width, height)
    const type = file.type === 'image/jpeg' ? 'image/jpeg' : 'image/png'
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, JPEG_QUALITY))
    return blob ?? file
  } finally {
    bitmap.close()
  }
}
