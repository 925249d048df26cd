import { describe, expect, it } from 'vitest'
import { contentBounds, fitLabel, thumbnailBoxes } from '../../client/src/overview/thumbnailShapes.ts'

const page = { typeName: 'page', id: 'page:page', index: 'a1', name: 'Seite 1' }
const frame = { typeName: 'shape', id: 'shape:f', type: 'frame', parentId: 'page:page', index: 'a1', x: 100, y: 200, props: { w: 400, h: 300, name: 'Ideen' } }
const note = { typeName: 'shape', id: 'shape:n', type: 'note', parentId: 'shape:f', index: 'a2', x: 10, y: 20, props: { color: 'violet', scale: 1, growY: 0 } }

describe('board thumbnails', () => {
  it('places shapes inside frames at their page position, with their size and colour', () => {
    const boxes = thumbnailBoxes([page, frame, note])
    expect(boxes).toEqual([
      { id: 'shape:f', kind: 'frame', x: 100, y: 200, w: 400, h: 300, color: '#1d1d1d', label: 'Ideen' },
      { id: 'shape:n', kind: 'note', x: 110, y: 220, w: 200, h: 200, color: '#ae3ec9', label: '' },
    ])
  })

  it('draws a note clustered in a frame after the frame, whatever their indices, so the frame does not cover it', () => {
    // tldraw keeps indices per parent: the first note in a frame is often "a1", below the frame's own index among the page's shapes.
    const laterFrame = { ...frame, index: 'a5' }
    const clustered = { ...note, index: 'a1' }
    const loose = { ...note, id: 'shape:loose', parentId: 'page:page', index: 'a3', x: 900, y: 900 }
    expect(thumbnailBoxes([page, clustered, loose, laterFrame]).map((b) => b.id)).toEqual(['shape:loose', 'shape:f', 'shape:n'])
  })

  it('adds the offsets of nested frames, turned by a rotated frame', () => {
    const outer = { ...frame, id: 'shape:outer', x: 1000, y: 2000, rotation: Math.PI / 2 }
    const inner = { ...frame, id: 'shape:inner', parentId: 'shape:outer', x: 50, y: 0 }
    const deep = { ...note, parentId: 'shape:inner', x: 10, y: 0 }
    const box = thumbnailBoxes([page, outer, inner, deep]).find((b) => b.id === 'shape:n')
    expect(box?.x).toBeCloseTo(1000)
    expect(box?.y).toBeCloseTo(2060)
  })

  it('skips garbage and shapes on other pages', () => {
    const other = { ...note, id: 'shape:o', parentId: 'page:other' }
    const otherPage = { typeName: 'page', id: 'page:other', index: 'a2' }
    expect(thumbnailBoxes([page, otherPage, other, null, 'x', { typeName: 'shape' }]).map((b) => b.id)).toEqual([])
  })

  it('frames all content with a small margin, and an empty board with a default view', () => {
    const bounds = contentBounds(thumbnailBoxes([page, frame, note]))
    expect(bounds.x).toBeLessThan(100)
    expect(bounds.x + bounds.w).toBeGreaterThan(500)
    expect(contentBounds([])).toEqual({ x: 0, y: 0, w: 1000, h: 700 })
  })

  it("shortens a frame's name that would run into the next frame's, and keeps one that fits", () => {
    // 10-unit font: about 6 units a character, so a 100-unit frame holds 16 characters.
    expect(fitLabel('Ideen', 100, 10)).toBe('Ideen')
    expect(fitLabel('Kompetenzen der Kreativen', 100, 10)).toBe('Kompetenzen der…')
    expect(fitLabel('Kompetenzen der Kreativen', 100, 10).length).toBeLessThanOrEqual(16)
    expect(fitLabel('Nächste Schritte', 100, 10)).toBe('Nächste Schritte')
    expect(fitLabel('Ideen', 8, 10)).toBe('')
  })
})
