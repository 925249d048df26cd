import { useEffect, useRef, useState } from 'react'
import {
  ArrowShapeUtil,
  DefaultFontStyle,
  DrawShapeUtil,
  GeoShapeUtil,
  suffixSafeId,
  tlenv,
  useColorMode,
  useEditor,
  useSharedSafeId,
  useValue,
  type Editor,
  type TLShapeUtilCanvasSvgDef,
} from 'tldraw'

/** tldraw's pattern tile, in page units at zoom 1. */
const TILE_SIZE = 8
/**
 * A bigger tile only sharpens the hatching of a shape scaled up far and zoomed in close; tldraw's largest
 * (8 px × 256 × a phone's 3 px per px) is a 6144 px square canvas, 150 MB for one image.
 */
const MAX_TILE_PX = 2_048
type Theme = 'light' | 'dark'

interface PatternImage {
  lod: number
  theme: Theme
  url: string
}

/**
 * The hatching of pattern-filled shapes, drawn once the board is idle. tldraw's own defs draw all eighteen
 * tiles (nine zoom levels, light and dark) on canvases while the board mounts: about 200 ms of a first render
 * on a laptop core, paid on every board open whether or not any shape is hatched. Until a tile is drawn its
 * pattern is plain background colour, as in tldraw before its tiles are ready. The ids are tldraw's, so its
 * shapes find these patterns.
 */
function PatternFillDefs() {
  const editor = useEditor()
  const baseId = useSharedSafeId('hash_pattern')
  const colorMode = useColorMode()
  const devicePixelRatio = useValue('device pixel ratio', () => editor.getInstanceState().devicePixelRatio, [editor])
  const lods = useValue('pattern levels', () => patternLevels(editor), [editor])
  const [images, setImages] = useState<readonly PatternImage[]>([])
  const group = useRef<SVGGElement>(null)

  useEffect(() => {
    const solids = { light: editor.getCurrentTheme().colors.light.solid, dark: editor.getCurrentTheme().colors.dark.solid }
    // The shown colour mode first; the other one is only needed if the person switches.
    const themes: Theme[] = colorMode === 'dark' ? ['dark', 'light'] : ['light', 'dark']
    const queue = themes.flatMap((theme) => lods.map((lod) => ({ lod, theme })))
    const drawn: PatternImage[] = []
    let cancelled = false
    let cancelWait = (): void => {}
    const drawNext = (): void => {
      const next = queue.shift()
      if (!next || cancelled) return
      drawTile(2 ** next.lod, devicePixelRatio, solids[next.theme]).then(
        (blob) => {
          if (cancelled) return
          drawn.push({ ...next, url: URL.createObjectURL(blob) })
          setImages([...drawn])
          cancelWait = whenIdle(drawNext)
        },
        // A tile that cannot be drawn keeps its plain colour; the others still come.
        () => {
          if (!cancelled) cancelWait = whenIdle(drawNext)
        },
      )
    }
    cancelWait = whenIdle(drawNext)
    return () => {
      cancelled = true
      cancelWait()
      for (const image of drawn) URL.revokeObjectURL(image.url)
    }
  }, [editor, lods, devicePixelRatio, colorMode])

  useEffect(() => {
    // Safari does not repaint a pattern whose image arrives later (tldraw nudges its HTML layer the same way).
    const layer = group.current?.closest<HTMLElement>('.tl-html-layer')
    if (!tlenv.isSafari || !layer || images.length === 0) return
    layer.style.display = 'none'
    const frame = requestAnimationFrame(() => {
      layer.style.display = ''
    })
    return () => {
      cancelAnimationFrame(frame)
      layer.style.display = ''
    }
  }, [images])

  const fallback = { light: editor.getCurrentTheme().colors.light.solid, dark: editor.getCurrentTheme().colors.dark.solid }
  return (
    <g ref={group} data-testid="pattern-fill-defs" data-drawn={images.length}>
      {(['light', 'dark'] as const).flatMap((theme) =>
        lods.map((lod) => {
          const id = suffixSafeId(baseId, `${theme}_${lod}`)
          const image = images.find((candidate) => candidate.lod === lod && candidate.theme === theme)
          return (
            <pattern key={id} id={id} width={TILE_SIZE} height={TILE_SIZE} patternUnits="userSpaceOnUse">
              {image ? (
                <image href={image.url} width={TILE_SIZE} height={TILE_SIZE} />
              ) : (
                <rect width={TILE_SIZE} height={TILE_SIZE} fill={fallback[theme]} />
              )}
            </pattern>
          )
        }),
      )}
    </g>
  )
}

/** Runs `task` when the browser is idle (Safari has no requestIdleCallback: soon after the current work); returns a cancel. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 2_000 })
    return () => cancelIdleCallback(handle)
  }
  const handle = setTimeout(task, 200)
  return () => clearTimeout(handle)
}

/** The zoom levels tldraw names patterns by (0 for zoom ≤ 1, then one per doubling), up to what a scaled shape can reach. */
function patternLevels(editor: Editor): number[] {
  const steps = editor.getCameraOptions().zoomSteps
  const maxEffectiveZoom = (steps.at(-1) ?? 1) / (steps[0] ?? 1)
  const maxLod = Math.ceil(Math.log2(Math.max(1, maxEffectiveZoom)))
  return Array.from({ length: maxLod + 1 }, (_, lod) => lod)
}

/** tldraw's hatching: three diagonal strokes cut out of the fill colour. */
function drawTile(zoom: number, devicePixelRatio: number, solid: string): Promise<Blob> {
  const scale = Math.min(zoom * devicePixelRatio, MAX_TILE_PX / TILE_SIZE)
  const size = TILE_SIZE * scale
  const canvas = document.createElement('canvas')
  canvas.width = size
  canvas.height = size
  const context = canvas.getContext('2d')
  if (!context) return Promise.reject(new Error('no 2D canvas'))
  context.fillStyle = solid
  context.fillRect(0, 0, size, size)
  context.globalCompositeOperation = 'destination-out'
  context.lineCap = 'round'
  context.lineWidth = 1.25 * scale
  const unit = (TILE_SIZE / 12) * scale
  context.beginPath()
  for (const [x1, y1, x2, y2] of [[1, 3, 3, 1], [5, 7, 7, 5], [9, 11, 11, 9]] as const) {
    context.moveTo(x1 * unit, y1 * unit)
    context.lineTo(x2 * unit, y2 * unit)
  }
  context.stroke()
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('pattern tile not encoded'))))
  })
}

/** tldraw keys its pattern defs by this; the canvas draws one def per key. */
const PATTERN_FILL_DEF: TLShapeUtilCanvasSvgDef = { key: `${DefaultFontStyle.id}:pattern`, component: PatternFillDefs }

class PatternArrowShapeUtil extends ArrowShapeUtil {
  override getCanvasSvgDefs(): TLShapeUtilCanvasSvgDef[] {
    return [PATTERN_FILL_DEF]
  }
}

class PatternDrawShapeUtil extends DrawShapeUtil {
  override getCanvasSvgDefs(): TLShapeUtilCanvasSvgDef[] {
    return [PATTERN_FILL_DEF]
  }
}

class PatternGeoShapeUtil extends GeoShapeUtil {
  override getCanvasSvgDefs(): TLShapeUtilCanvasSvgDef[] {
    return [PATTERN_FILL_DEF]
  }
}

/** The shape utils whose fills can be hatched, with the deferred pattern defs in place of tldraw's eager ones. */
export const PATTERN_FILL_SHAPE_UTILS = [PatternArrowShapeUtil, PatternDrawShapeUtil, PatternGeoShapeUtil]
