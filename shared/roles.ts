import { z } from 'zod'

export const ROLES = ['admin', 'facilitator', 'participant', 'viewer'] as const
export const roleSchema = z.enum(ROLES)
export type Role = z.infer<typeof roleSchema>

/** Roles a link can carry; admin comes only from ADMIN_TOKEN. */
export const LINK_ROLES = ['facilitator', 'participant', 'viewer'] as const
export const linkRoleSchema = z.enum(LINK_ROLES)
export type LinkRole = z.infer<typeof linkRoleSchema>

export function canFacilitate(role: Role): boolean {
  return role === 'admin' || role === 'facilitator'
}

export function canEditBoards(role: Role): boolean {
  return role !== 'viewer'
}

