import { createHash } from 'node:crypto'
import { EXTENSION_BY_TYPE, IMAGE_TYPES, type ImageType } from './sniffImageType.ts'

export const ASSET_NAME_PATTERN = /^[0-9a-f]{64}\.(png|jpg|gif|webp)$/

const TYPE_BY_EXTENSION = new Map<string, ImageType>(IMAGE_TYPES.map((type) => [EXTENSION_BY_TYPE[type], type]))

/** The content-addressed name of an image: the same bytes always get the same name, in every backend. */
export function assetNameOf(bytes: Uint8Array, contentType: ImageType): string {
  return `${createHash('sha256').update(bytes).digest('hex')}.${EXTENSION_BY_TYPE[contentType]}`
}

/** The image type a well-formed asset name stands for, or null for a name no stored asset can have. */
export function assetTypeOf(name: string): ImageType | null {
  const extension = ASSET_NAME_PATTERN.exec(name)?.[1]
  return (extension && TYPE_BY_EXTENSION.get(extension)) || null
}
