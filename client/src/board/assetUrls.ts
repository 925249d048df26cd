import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'

/** Fonts, icons and translations from our own server: the venue may have no internet, and German must not fall back to English. */
export const ASSET_URLS = getAssetUrlsByImport()
