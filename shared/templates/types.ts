import type { BoardBuilder } from './builder.ts'

/** Same union as `TemplateId` in shared/api.ts, the one the HTTP API accepts. */
export type TemplateId = 'leer' | 'ideenschmiede' | 'cross-innovation-canvas' | 'pitch'

/** The language a template writes its labels in: the creator's UI language at creation time. */
export type TemplateLanguage = 'de' | 'en'

export type Localized = Readonly<Record<TemplateLanguage, string>>

export interface Pitcher {
  readonly name: string
  readonly offer: string
  readonly seek: string
}

export interface TemplateOptions {
  readonly language: TemplateLanguage
  /** Only the pitch template uses it: one frame per person, in pitch order. */
  readonly pitchers?: readonly Pitcher[]
}

/** One template: what a facilitator picks from, and how it lays itself out on a fresh board. */
export interface TemplateDefinition {
  readonly id: TemplateId
  readonly title: Localized
  readonly description: Localized
  build(board: BoardBuilder, options: TemplateOptions): void
}
