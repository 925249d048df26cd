/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside every text file of the
 * client build, once per build: phones on a venue Wi-Fi get the smallest
 * encoding their browser accepts, and the server spends no CPU per request
 * compressing the same files again (see server/http/serveClient.ts).
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

const TEXT_FILES = /\.(?:js|mjs|css|html|svg|json|txt|map|webmanifest)$/
/** A copy that saves less than this is not worth a second file and a negotiation. */
const MIN_SAVING = 0.1

export interface PrecompressSummary {
  files: number
  rawBytes: number
  brotliBytes: number
  gzipBytes: number
}

export function precompressDirectory(directory: string): PrecompressSummary {
  const summary: PrecompressSummary = { files: 0, rawBytes: 0, brotliBytes: 0, gzipBytes: 0 }
  for (const file of textFiles(directory)) {
    const raw = fs.readFileSync(file)
    const brotli = zlib.brotliCompressSync(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    })
    const gzip = zlib.gzipSync(raw, { level: zlib.constants.Z_BEST_COMPRESSION })
    if (gzip.length > raw.length * (1 - MIN_SAVING)) continue
    fs.writeFileSync(`${file}.br`, brotli)
    fs.writeFileSync(`${file}.gz`, gzip)
    summary.files += 1
    summary.rawBytes += raw.length
    summary.brotliBytes += brotli.length
    summary.gzipBytes += gzip.length
  }
  return summary
}

function textFiles(directory: string): string[] {
  return fs.readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => TEXT_FILES.test(name))
    .map((name) => path.join(directory, name))
    .filter((file) => fs.statSync(file).isFile())
}
