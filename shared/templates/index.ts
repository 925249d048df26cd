import { createTLSchema, type TLRecord } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { seedBoardDoc } from './boardDocFormat.ts'
import { BoardBuilder } from './builder.ts'
import { crossInnovationCanvas } from './crossInnovationCanvas.ts'
import { ideenschmiede } from './ideenschmiede.ts'
import { leer } from './leer.ts'
import { pitch } from './pitch.ts'
import type { TemplateDefinition, TemplateId, TemplateOptions } from './types.ts'

export { seedBoardDoc, type SerializedTLSchema } from './boardDocFormat.ts'
export type { Localized, Pitcher, TemplateDefinition, TemplateId, TemplateLanguage, TemplateOptions } from './types.ts'

/** Every template, in the order a facilitator is offered them. A new template is one file plus one line here. */
export const TEMPLATES: Readonly<Record<TemplateId, TemplateDefinition>> = {
  leer,
  ideenschmiede,
  'cross-innovation-canvas': crossInnovationCanvas,
  pitch,
}

export const TEMPLATE_IDS = Object.keys(TEMPLATES) as TemplateId[]

export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && Object.hasOwn(TEMPLATES, value)
}

/** The document-scope records of a fresh board laid out by the template: document, page and shapes. */
export function buildTemplateRecords(templateId: TemplateId, options: TemplateOptions): TLRecord[] {
  const board = new BoardBuilder(options.language)
  TEMPLATES[templateId].build(board, options)
  return board.records()
}

/**
 * A new board's whole first state as one Yjs update, for the server to store
 * once when it creates the board (and never again when the board loads).
 * The schema is tldraw's default one, the same the board client runs.
 */
export function createBoardSeedUpdate(templateId: TemplateId, options: TemplateOptions): Uint8Array {
  const doc = new Y.Doc()
  try {
    seedBoardDoc(doc, buildTemplateRecords(templateId, options), createTLSchema().serialize())
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
